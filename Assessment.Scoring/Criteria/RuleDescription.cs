namespace Assessment.Scoring.Criteria;

/// <summary>Short Chinese descriptions of rules, grades and methods, as the diff prints them.</summary>
internal static class RuleDescription
{
    public static string Of(ItemRule rule) => rule switch
    {
        YesNoRule => "是否项（符合得满分，否则0分）",
        LevelsRule levels => $"分档（{CriteriaText.List(levels.Levels.Select(l => $"{l.Code} {l.Label} {Points(l.Points)}"))}）",
        DeductionRule deduction => Deduction(deduction),
        TargetRule { IsLinear: true } target =>
            $"{Measure(target)}线性（{Value(target.ZeroAt!.Value, target)}得0分，{Value(target.FullAt!.Value, target)}得满分）",
        TargetRule target =>
            $"{Measure(target)}分段（{CriteriaText.List(target.Bands.Select(b => $"≥{Value(b.Min, target)} {Points(b.Points)}"))}）",
        _ => rule.Kind.ToString(),
    };

    public static string Of(IReadOnlyList<GradeBand> grades) =>
        CriteriaText.List(grades.Select(g => $"{g.Name}≥{CriteriaText.Number(g.MinTotal)}"
            + (g.RectificationReportDays is { } days ? $"（{days}天内报送整改报告）" : "")));

    public static string Of(IReadOnlyList<InspectionMethod> methods) =>
        CriteriaText.List(methods.Select(InspectionMethodNames.ToChinese));

    public static string Points(decimal points) => $"{CriteriaText.Number(points)}分";

    private static string Deduction(DeductionRule rule)
    {
        var perDefect = $"每项扣{Points(rule.PerDefect)}";
        return rule.DefectList.Count == 0 ? perDefect : $"{perDefect}（{CriteriaText.List(rule.DefectList)}）";
    }

    private static string Measure(TargetRule rule) => rule.Measure == TargetMeasure.Rate ? "比率" : "计数";

    private static string Value(decimal value, TargetRule rule) => CriteriaText.Number(value) + rule.Unit;
}
