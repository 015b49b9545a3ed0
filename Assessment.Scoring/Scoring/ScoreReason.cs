using System.Globalization;
using Assessment.Scoring.Criteria;

namespace Assessment.Scoring.Scoring;

public enum ReasonKind
{
    Met,
    NotMet,
    Level,
    Deducted,
    BandReached,
    BelowBands,
    Linear,
    NotApplicable,
    Unanswered,
    Invalid,
}

/// <summary>
/// Why an item earned its points, kept as data while scoring (so scoring stays fast) and turned into a
/// Chinese sentence only when someone reads it.
/// </summary>
/// <param name="Value">The defect count, measured value or band minimum, by kind.</param>
/// <param name="Text">The level's label, or the problem for an invalid answer.</param>
public readonly record struct ScoreReason(ReasonKind Kind, decimal Points, decimal Value = 0m, decimal Other = 0m, string? Text = null)
{
    public string Describe(CriteriaItem item)
    {
        var max = Format(item.MaxPoints);
        var points = Format(Points);
        var unit = item.Rule is TargetRule t ? t.Unit : "";
        return Kind switch
        {
            ReasonKind.Met => $"符合要求，得满分{max}分。",
            ReasonKind.NotMet => $"不符合要求，不得分（满分{max}分）。",
            ReasonKind.Level => $"评定为“{Text}”，得{points}分（满分{max}分）。",
            ReasonKind.Deducted when Value == 0 => $"未发现问题，得满分{max}分。",
            ReasonKind.Deducted when Points == 0 =>
                $"发现{Format(Value)}处问题，每处扣{Format(Other)}分，扣完满分{max}分，得0分。",
            ReasonKind.Deducted =>
                $"发现{Format(Value)}处问题，每处扣{Format(Other)}分，共扣{Format(item.MaxPoints - Points)}分，得{points}分（满分{max}分）。",
            ReasonKind.BandReached =>
                $"实际{Format(Value)}{unit}，达到“不低于{Format(Other)}{unit}”档，得{points}分（满分{max}分）。",
            ReasonKind.BelowBands =>
                $"实际{Format(Value)}{unit}，低于最低档{Format(Other)}{unit}，不得分（满分{max}分）。",
            ReasonKind.Linear =>
                $"实际{Format(Value)}{unit}，目标{Format(Other)}{unit}，按比例得{points}分（满分{max}分）。",
            ReasonKind.NotApplicable => $"不适用，不计入本维度满分（满分{max}分）。",
            ReasonKind.Unanswered => "尚未作答。",
            ReasonKind.Invalid => $"答案无效：{Text}",
            _ => throw new InvalidOperationException($"Unknown reason kind {Kind}."),
        };
    }

    /// <summary>Numbers as people write them: no trailing zeros, at most two decimals.</summary>
    public static string Format(decimal value) =>
        Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);
}
