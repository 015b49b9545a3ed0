namespace Assessment.Scoring.Criteria;

/// <summary>
/// Reads an item's <c>kind</c> and the parameters that belong to it (levels; per_defect and defects;
/// measure, unit, bands or linear) into an <see cref="ItemRule"/>.
/// </summary>
internal static class RuleParser
{
    private const string YesNo = "yes_no";
    private const string Levels = "levels";
    private const string Deduction = "deduction";
    private const string Target = "target";

    private static readonly string[] Kinds = [YesNo, Levels, Deduction, Target];

    /// <summary>Which kind each parameter belongs to.</summary>
    private static readonly (string Key, string Kind)[] Parameters =
    [
        ("levels", Levels),
        ("per_defect", Deduction),
        ("defects", Deduction),
        ("measure", Target),
        ("unit", Target),
        ("bands", Target),
        ("linear", Target),
    ];

    private static readonly string[] LevelKeys = ["code", "label", "points"];
    private static readonly string[] BandKeys = ["min", "points"];
    private static readonly string[] LinearKeys = ["zero_at", "full_at"];

    public static IEnumerable<string> ParameterKeys => Parameters.Select(p => p.Key);

    /// <param name="points">The item's points, when known: the bounds of level and band points.</param>
    public static ItemRule? Read(FieldReader item, decimal? points)
    {
        var kind = item.RequiredText("kind");
        if (kind is null)
        {
            return null;
        }

        if (!Kinds.Contains(kind))
        {
            item.Report("kind", $"未知的评分方式“{kind}”，应为 yes_no（是否）、levels（分档）、deduction（扣分）或 target（目标值）");
            return null;
        }

        RejectOtherKindsParameters(item, kind);
        return kind switch
        {
            YesNo => new YesNoRule(),
            Levels => ReadLevels(item, points),
            Deduction => ReadDeduction(item),
            _ => ReadTarget(item, points),
        };
    }

    private static void RejectOtherKindsParameters(FieldReader item, string kind)
    {
        foreach (var (key, owner) in Parameters)
        {
            if (owner != kind && item.Has(key))
            {
                item.Report(key, $"{CriteriaText.Field(key)}只用于 kind: {owner}，本项的评分方式为 {kind}");
            }
        }
    }

    private static LevelsRule? ReadLevels(FieldReader item, decimal? points)
    {
        if (item.RequiredList("levels") is not { } list)
        {
            return null;
        }

        if (list.Children.Count < 2)
        {
            item.Report("levels", $"{CriteriaText.Field("levels")}至少要有2个档次，实际为{list.Children.Count}个");
        }

        var entries = item.Entries(list, "levels");
        var levels = new List<Level>();
        foreach (var entry in entries)
        {
            if (ReadLevel(entry, points, levels) is { } level)
            {
                levels.Add(level);
            }
        }

        if (levels.Count != list.Children.Count)
        {
            return null;
        }

        if (points is { } full && !levels.Any(l => l.Points == full))
        {
            item.Report("levels", $"没有满分档次：至少要有一个档次为{CriteriaText.Number(full)}分");
        }

        return new LevelsRule(levels);
    }

    private static Level? ReadLevel(FieldReader entry, decimal? itemPoints, List<Level> earlier)
    {
        entry.RejectUnknownKeys(LevelKeys, "档次");
        var code = entry.RequiredText("code");
        var label = entry.RequiredText("label");
        var points = entry.RequiredNumber("points");
        if (code is not null && earlier.Any(l => l.Code == code))
        {
            entry.Report("code", $"档次代码“{code}”重复");
        }

        if (points is { } p && itemPoints is { } max && (p < 0m || p > max))
        {
            entry.Report("points", $"档次 {code} 的分值{CriteriaText.Number(p)}超出范围：应在0到{CriteriaText.Number(max)}之间");
        }

        return code is null || label is null || points is null ? null : new Level(code, label, points.Value);
    }

    private static DeductionRule? ReadDeduction(FieldReader item)
    {
        var perDefect = item.RequiredNumber("per_defect");
        if (!item.CheckPositive("per_defect", perDefect))
        {
            return null;
        }

        var defects = new List<string>();
        foreach (var (defect, line) in item.TextList("defects", required: false) ?? [])
        {
            if (defects.Contains(defect))
            {
                item.Errors.Add(line, item.ItemId, $"{CriteriaText.Field("defects")}中“{defect}”重复");
            }

            defects.Add(defect);
        }

        return perDefect is null ? null : new DeductionRule(perDefect.Value, defects);
    }

    private static TargetRule? ReadTarget(FieldReader item, decimal? points)
    {
        var measure = ReadMeasure(item);
        var hasBands = item.Has("bands");
        var hasLinear = item.Has("linear");
        if (hasBands && hasLinear)
        {
            item.Report("linear", "bands（分段）和 linear（线性计分）只能二选一");
            return null;
        }

        if (!hasBands && !hasLinear)
        {
            item.Report("target 项须有 bands（分段）或 linear（线性计分）之一");
            return null;
        }

        // Bands and linear are read even when the measure is unknown, so that their errors are reported too.
        var unit = item.OptionalText("unit") ?? (measure == TargetMeasure.Rate ? "%" : "次");
        if (hasBands)
        {
            var bands = ReadBands(item, measure, points);
            return measure is { } m && bands is not null ? new TargetRule(m, unit, bands, null, null) : null;
        }

        var linear = ReadLinear(item, measure);
        return measure is { } measured && linear is { } range ? new TargetRule(measured, unit, [], range.ZeroAt, range.FullAt) : null;
    }

    private static TargetMeasure? ReadMeasure(FieldReader item)
    {
        switch (item.RequiredText("measure"))
        {
            case null:
                return null;
            case "rate":
                return TargetMeasure.Rate;
            case "count":
                return TargetMeasure.Count;
            case var other:
                item.Report("measure", $"未知的计量方式“{other}”，应为 rate（比率，0–100）或 count（计数）");
                return null;
        }
    }

    /// <summary>The bands, highest minimum first.</summary>
    private static Band[]? ReadBands(FieldReader item, TargetMeasure? measure, decimal? points)
    {
        if (item.RequiredList("bands") is not { } list)
        {
            return null;
        }

        if (list.Children.Count == 0)
        {
            item.Report("bands", $"{CriteriaText.Field("bands")}至少要有一段");
            return null;
        }

        var bands = new List<Band>();
        foreach (var entry in item.Entries(list, "bands"))
        {
            if (ReadBand(entry, measure, points, bands) is { } band)
            {
                bands.Add(band);
            }
        }

        if (bands.Count != list.Children.Count)
        {
            return null;
        }

        if (points is { } full && !bands.Any(b => b.Points == full))
        {
            item.Report("bands", $"没有满分分段：至少要有一段为{CriteriaText.Number(full)}分");
        }

        return bands.OrderByDescending(b => b.Min).ToArray();
    }

    private static Band? ReadBand(FieldReader entry, TargetMeasure? measure, decimal? itemPoints, List<Band> earlier)
    {
        entry.RejectUnknownKeys(BandKeys, "分段");
        var min = entry.RequiredNumber("min");
        var points = entry.RequiredNumber("points");
        CheckMeasuredValue(entry, "min", min, measure);
        if (min is { } m && earlier.Any(b => b.Min == m))
        {
            entry.Report("min", $"分段下限{CriteriaText.Number(m)}重复");
        }

        if (points is { } p && itemPoints is { } max && (p < 0m || p > max))
        {
            entry.Report("points", $"分段（下限{CriteriaText.Number(min ?? 0m)}）的分值{CriteriaText.Number(p)}超出范围：应在0到{CriteriaText.Number(max)}之间");
        }

        return min is null || points is null ? null : new Band(min.Value, points.Value);
    }

    private static (decimal ZeroAt, decimal FullAt)? ReadLinear(FieldReader item, TargetMeasure? measure)
    {
        if (item.RequiredMapping("linear") is not { } node)
        {
            return null;
        }

        var linear = new FieldReader(node, item.Errors) { ItemId = item.ItemId };
        linear.RejectUnknownKeys(LinearKeys, "linear（线性计分）");
        var zeroAt = linear.RequiredNumber("zero_at");
        var fullAt = linear.RequiredNumber("full_at");
        CheckMeasuredValue(linear, "zero_at", zeroAt, measure);
        CheckMeasuredValue(linear, "full_at", fullAt, measure);
        if (zeroAt is null || fullAt is null)
        {
            return null;
        }

        if (zeroAt == fullAt)
        {
            linear.Report("full_at", $"zero_at（零分点）与 full_at（满分点）不能相等（都为{CriteriaText.Number(fullAt.Value)}）");
            return null;
        }

        return (zeroAt.Value, fullAt.Value);
    }

    /// <summary>A rate is a percentage (0–100); a count is never negative. Not checked when the measure is unknown.</summary>
    private static void CheckMeasuredValue(FieldReader entry, string key, decimal? value, TargetMeasure? measure)
    {
        if (measure == TargetMeasure.Rate)
        {
            entry.CheckBetween(key, value, 0m, 100m);
        }
        else if (measure == TargetMeasure.Count && value < 0m)
        {
            entry.Report(key, $"{CriteriaText.Field(key)}是计数，不能小于0，实际为{CriteriaText.Number(value.Value)}");
        }
    }
}
