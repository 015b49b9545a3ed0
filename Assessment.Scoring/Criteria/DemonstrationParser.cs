namespace Assessment.Scoring.Criteria;

/// <summary>Reads <c>demonstration</c>: how 示范 centers are chosen among those that qualify.</summary>
internal static class DemonstrationParser
{
    private static readonly string[] Keys =
        ["min_total", "min_dimension_share", "min_previous_rectification_rate", "quota", "tie_break"];

    public static DemonstrationRule? Read(FieldReader file, DimensionTable dimensions)
    {
        if (file.RequiredMapping("demonstration") is not { } node)
        {
            return null;
        }

        var rule = new FieldReader(node, file.Errors);
        rule.RejectUnknownKeys(Keys, "demonstration（示范条件）");
        var minTotal = rule.RequiredNumber("min_total");
        var minShare = rule.RequiredNumber("min_dimension_share");
        var minRate = rule.OptionalNumber("min_previous_rectification_rate");
        var quota = rule.RequiredWholeNumber("quota");
        var tieBreak = ReadTieBreak(rule, dimensions);

        rule.CheckBetween("min_total", minTotal, 0m, 100m);
        rule.CheckBetween("min_dimension_share", minShare, 0m, 1m);
        rule.CheckBetween("min_previous_rectification_rate", minRate, 0m, 100m);
        if (quota < 1)
        {
            rule.Report("quota", $"{CriteriaText.Field("quota")}应至少为1，实际为{quota}");
        }

        if (minTotal is null || minShare is null || quota is null || tieBreak is null)
        {
            return null;
        }

        return new DemonstrationRule
        {
            MinTotal = minTotal.Value,
            MinDimensionShare = minShare.Value,
            MinPreviousRectificationRate = minRate,
            Quota = quota.Value,
            TieBreak = tieBreak,
        };
    }

    /// <summary>Dimension codes, each known and listed once; absent means no tie-break (an empty list).</summary>
    private static string[]? ReadTieBreak(FieldReader rule, DimensionTable dimensions)
    {
        // Absent or empty means no tie-break; a malformed list has been reported.
        if (rule.TextList("tie_break", required: false) is not { } codes)
        {
            return [];
        }

        var seen = new List<string>();
        foreach (var (code, line) in codes)
        {
            if (dimensions.Complete && dimensions.Find(code) is null)
            {
                rule.Errors.Add(line, null, $"{CriteriaText.Field("tie_break")}中的维度“{code}”不存在（已定义的维度：{dimensions.Codes}）");
            }
            else if (seen.Contains(code))
            {
                rule.Errors.Add(line, null, $"{CriteriaText.Field("tie_break")}中的维度“{code}”重复");
            }

            seen.Add(code);
        }

        return seen.ToArray();
    }
}
