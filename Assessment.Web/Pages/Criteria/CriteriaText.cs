using System.Globalization;
using Assessment.Scoring.Criteria;

namespace Assessment.Web.Pages.Criteria;

/// <summary>How the criteria pages describe kinds, rules and numbers in Chinese.</summary>
public static class CriteriaWords
{
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Points(decimal value) => Number(value) + "分";

    public static string Kind(ItemKind kind) => kind switch
    {
        ItemKind.YesNo => "是否项",
        ItemKind.Levels => "分档",
        ItemKind.Deduction => "扣分",
        _ => "指标（计数/比率）",
    };

    /// <summary>The hash without its <c>sha256:</c> prefix, shortened for a table (the full hash is in the title).</summary>
    public static string ShortHash(string hash)
    {
        var hex = hash.StartsWith("sha256:", StringComparison.Ordinal) ? hash[7..] : hash;
        return hex.Length > 12 ? hex[..12] + "…" : hex;
    }

    /// <summary>One line for a rule, with the item's points.</summary>
    public static string Rule(CriteriaItem item) => item.Rule switch
    {
        YesNoRule => $"符合得{Points(item.MaxPoints)}，不符合得0分",
        LevelsRule => "按档次计分",
        DeductionRule deduction => $"每发现一处问题扣{Points(deduction.PerDefect)}，扣完{Points(item.MaxPoints)}为止",
        TargetRule { IsLinear: true } target =>
            $"{Measure(target)}：{Value(target.ZeroAt!.Value, target)}及以下得0分，{Value(target.FullAt!.Value, target)}及以上得满分，其间按比例计分",
        TargetRule target => $"{Measure(target)}：按达到的最高档计分，低于最低档得0分",
        _ => item.Kind.ToString(),
    };

    public static string Band(Band band, TargetRule rule) => $"≥{Value(band.Min, rule)}：{Points(band.Points)}";

    public static string Value(decimal value, TargetRule rule) => Number(value) + rule.Unit;

    private static string Measure(TargetRule rule) => rule.Measure == TargetMeasure.Rate ? "比率" : "计数";

    public static string Share(decimal share) => Number(share * 100m) + "%";

    /// <summary>How a change reads in a list: added (+), removed (−) or changed (~), in text and by a shape.</summary>
    public static (string Mark, string Css, string Text) Mark(CriteriaChangeKind kind) => kind switch
    {
        CriteriaChangeKind.DimensionAdded or CriteriaChangeKind.ItemAdded or CriteriaChangeKind.VetoAdded => ("+", "added", "新增"),
        CriteriaChangeKind.DimensionRemoved or CriteriaChangeKind.ItemRemoved or CriteriaChangeKind.VetoRemoved => ("−", "removed", "删除"),
        _ => ("~", "changed", "修改"),
    };

    /// <summary>The group a change is listed under, in the order the page shows them.</summary>
    public static (int Order, string Title) Group(CriteriaChangeKind kind) => kind switch
    {
        CriteriaChangeKind.VersionInfoChanged => (0, "版本信息"),
        CriteriaChangeKind.DimensionAdded or CriteriaChangeKind.DimensionRemoved or CriteriaChangeKind.DimensionReweighted
            or CriteriaChangeKind.DimensionRenamed or CriteriaChangeKind.DimensionsReordered => (1, "维度与权重"),
        CriteriaChangeKind.ItemAdded => (2, "新增考核项"),
        CriteriaChangeKind.ItemRemoved => (3, "删除考核项"),
        CriteriaChangeKind.ItemReweighted => (4, "分值调整"),
        CriteriaChangeKind.ItemMoved => (5, "调整所属维度"),
        CriteriaChangeKind.ItemRuleChanged => (6, "评分规则调整"),
        CriteriaChangeKind.ItemTitleChanged or CriteriaChangeKind.ItemNotApplicableChanged or CriteriaChangeKind.ItemMethodsChanged
            or CriteriaChangeKind.ItemGuidanceChanged or CriteriaChangeKind.ItemEvidenceChanged or CriteriaChangeKind.ItemsReordered => (7, "考核项的其他修改"),
        CriteriaChangeKind.VetoAdded or CriteriaChangeKind.VetoRemoved or CriteriaChangeKind.VetoChanged or CriteriaChangeKind.VetoesReordered => (8, "一票否决项"),
        CriteriaChangeKind.GradesChanged => (9, "等级划分"),
        CriteriaChangeKind.DemonstrationChanged => (10, "示范中心评定条件"),
        _ => (11, "复核"),
    };
}
