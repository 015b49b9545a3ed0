using Assessment.Scoring.Scoring;

namespace Assessment.Scoring.Cycles;

/// <summary>
/// Compares a center's scorecard with its scorecard of the previous cycle, which may have been scored
/// under another criteria version.
/// </summary>
/// <remarks>
/// Totals are out of 100 in every version and are compared directly (published figures). Dimensions
/// are matched by code and compared by their share of weight (<see cref="DimensionScore.Share"/>), so a
/// dimension re-weighted from 15 to 20 points is still compared fairly. A dimension present in only one
/// of the versions is reported as not comparable, never guessed.
/// </remarks>
public static class YearOverYear
{
    public static YearOverYearChange Compare(Scorecard current, Scorecard previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);

        var notes = new List<string>();
        var sameCriteria = string.Equals(current.CriteriaId, previous.CriteriaId, StringComparison.Ordinal);
        if (!sameCriteria)
        {
            notes.Add($"两个周期的考核标准不同（{previous.CriteriaId} → {current.CriteriaId}），各维度按得分占权重的比例比较");
        }

        var currentTotal = current.IsComplete ? PublishedFigures.Round(current.Total) : null;
        var previousTotal = previous.IsComplete ? PublishedFigures.Round(previous.Total) : null;
        if (previousTotal is null)
        {
            notes.Add("上一周期考核未完成，总分不可比较");
        }

        if (currentTotal is null)
        {
            notes.Add("本周期考核未完成，总分不可比较");
        }

        var dimensions = new List<DimensionChange>();
        foreach (var now in current.Dimensions)
        {
            var before = previous.Dimensions.FirstOrDefault(d => d.Code == now.Code);
            if (before is null)
            {
                dimensions.Add(NotComparable(now, null, $"上一周期考核标准（{previous.CriteriaId}）无此维度"));
            }
            else if (before.Share is not { } previousShare)
            {
                dimensions.Add(NotComparable(now, null, "上一周期该维度未得出得分"));
            }
            else if (now.Share is not { } currentShare)
            {
                dimensions.Add(NotComparable(now, previousShare, "本周期该维度未得出得分"));
            }
            else
            {
                dimensions.Add(new DimensionChange(now.Code, now.Name, previousShare, currentShare, currentShare - previousShare, null));
            }
        }

        foreach (var before in previous.Dimensions)
        {
            if (current.Dimensions.All(d => d.Code != before.Code))
            {
                dimensions.Add(new DimensionChange(before.Code, before.Name, before.Share, null, null, $"本周期考核标准（{current.CriteriaId}）无此维度"));
            }
        }

        return new YearOverYearChange(
            previous.CriteriaId,
            current.CriteriaId,
            previousTotal,
            currentTotal,
            currentTotal - previousTotal,
            dimensions,
            notes);
    }

    private static DimensionChange NotComparable(DimensionScore now, decimal? previousShare, string reason) =>
        new(now.Code, now.Name, previousShare, now.Share, null, reason);
}

/// <summary>A center's change from the previous cycle.</summary>
/// <param name="PreviousTotal">Published total of the previous cycle; null when that scorecard is incomplete.</param>
/// <param name="CurrentTotal">Published total of this cycle; null when this scorecard is incomplete.</param>
/// <param name="TotalChange">Current minus previous published total; null unless both are known.</param>
/// <param name="Dimensions">
/// This cycle's dimensions in order, then those found only in the previous cycle's criteria.
/// </param>
/// <param name="Notes">What a reader needs to know to read the figures (in Chinese).</param>
public sealed record YearOverYearChange(
    string PreviousCriteriaId,
    string CurrentCriteriaId,
    decimal? PreviousTotal,
    decimal? CurrentTotal,
    decimal? TotalChange,
    IReadOnlyList<DimensionChange> Dimensions,
    IReadOnlyList<string> Notes)
{
    public DimensionChange Dimension(string code) =>
        Dimensions.FirstOrDefault(d => d.Code == code)
        ?? throw new KeyNotFoundException($"No dimension '{code}' in either cycle.");
}

/// <summary>
/// One dimension's change in share of weight (0–1; multiply by 100 for percentage points). Shares are
/// the unrounded <see cref="DimensionScore.Share"/>.
/// </summary>
/// <param name="ShareChange">Current minus previous share; null when not comparable.</param>
/// <param name="NotComparableReason">Why the dimension cannot be compared (in Chinese); null when it can.</param>
public sealed record DimensionChange(
    string Code,
    string Name,
    decimal? PreviousShare,
    decimal? CurrentShare,
    decimal? ShareChange,
    string? NotComparableReason)
{
    public bool IsComparable => NotComparableReason is null;
}
