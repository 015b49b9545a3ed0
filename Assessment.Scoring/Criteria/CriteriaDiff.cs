using System.Globalization;

namespace Assessment.Scoring.Criteria;

public enum CriteriaChangeKind
{
    /// <summary>Title, scheme, effective date or basis.</summary>
    VersionInfoChanged,
    DimensionAdded,
    DimensionRemoved,
    DimensionReweighted,
    DimensionRenamed,
    DimensionsReordered,
    ItemAdded,
    ItemRemoved,

    /// <summary>The item's points changed.</summary>
    ItemReweighted,

    /// <summary>The item now belongs to another dimension.</summary>
    ItemMoved,

    /// <summary>The kind or its parameters (levels, deduction, bands, linear range, unit) changed.</summary>
    ItemRuleChanged,
    ItemTitleChanged,
    ItemNotApplicableChanged,
    ItemMethodsChanged,
    ItemGuidanceChanged,
    ItemEvidenceChanged,
    ItemsReordered,
    VetoAdded,
    VetoRemoved,

    /// <summary>A veto's title or linked item changed.</summary>
    VetoChanged,
    VetoesReordered,
    GradesChanged,
    DemonstrationChanged,
    RecheckChanged,
}

/// <param name="Subject">The dimension code, item id or veto id concerned, if any.</param>
/// <param name="Text">One line in Chinese, e.g. <c>调整分值 C3：5分 → 6分</c>.</param>
public sealed record CriteriaChange(CriteriaChangeKind Kind, string? Subject, string Text)
{
    public override string ToString() => Text;
}

public sealed record CriteriaDiffResult(string FromId, string ToId, IReadOnlyList<CriteriaChange> Changes)
{
    /// <summary>True when the two versions mean the same thing (then their content hashes are equal too).</summary>
    public bool IsEmpty => Changes.Count == 0;

    /// <summary>One change per line, in Chinese, for the CLI.</summary>
    public IReadOnlyList<string> ToLines() => Changes.Select(c => c.Text).ToArray();
}

/// <summary>
/// What changed between two criteria versions, in the bureau's words: dimensions, items, vetoes,
/// grades, the demonstration rule and the re-check threshold. Dimensions, items and vetoes are matched
/// by code or id.
/// </summary>
public static class CriteriaDiff
{
    private const string Arrow = " → ";

    public static CriteriaDiffResult Compare(CriteriaVersion from, CriteriaVersion to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);

        var changes = new List<CriteriaChange>();
        CompareVersionInfo(from, to, changes);
        CompareDimensions(from, to, changes);
        CompareItems(from, to, changes);
        CompareVetoes(from, to, changes);
        CompareGrades(from, to, changes);
        CompareDemonstration(from.Demonstration, to.Demonstration, changes);
        CompareValue(CriteriaChangeKind.RecheckChanged, null, "调整复核阈值（自评分超出考核分）", from.RecheckThreshold, to.RecheckThreshold, RuleDescription.Points, changes);
        return new CriteriaDiffResult(from.Id, to.Id, changes);
    }

    private static void CompareVersionInfo(CriteriaVersion from, CriteriaVersion to, List<CriteriaChange> changes)
    {
        const CriteriaChangeKind kind = CriteriaChangeKind.VersionInfoChanged;
        CompareValue(kind, null, "修改所属方案", from.Scheme, to.Scheme, s => s, changes);
        CompareValue(kind, null, "修改标题", from.Title, to.Title, s => s, changes);
        CompareValue(kind, null, "修改生效日期", from.EffectiveDate, to.EffectiveDate, d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), changes);
        CompareValue(kind, null, "修改文件依据", from.Basis, to.Basis, s => s, changes);
    }

    private static void CompareDimensions(CriteriaVersion from, CriteriaVersion to, List<CriteriaChange> changes)
    {
        foreach (var added in to.Dimensions.Where(d => !from.Dimensions.Any(o => o.Code == d.Code)))
        {
            changes.Add(new(CriteriaChangeKind.DimensionAdded, added.Code, $"新增维度 {added.Code}（{added.Name}，{RuleDescription.Points(added.Weight)}）"));
        }

        foreach (var removed in from.Dimensions.Where(d => !to.Dimensions.Any(n => n.Code == d.Code)))
        {
            changes.Add(new(CriteriaChangeKind.DimensionRemoved, removed.Code, $"删除维度 {removed.Code}（{removed.Name}，{RuleDescription.Points(removed.Weight)}）"));
        }

        foreach (var old in from.Dimensions)
        {
            if (to.Dimensions.FirstOrDefault(d => d.Code == old.Code) is not { } now)
            {
                continue;
            }

            CompareValue(CriteriaChangeKind.DimensionRenamed, old.Code, $"维度更名 {old.Code}", old.Name, now.Name, s => s, changes);
            CompareValue(CriteriaChangeKind.DimensionReweighted, old.Code, $"调整维度权重 {old.Code}", old.Weight, now.Weight, RuleDescription.Points, changes);
        }

        CompareOrder(CriteriaChangeKind.DimensionsReordered, "调整维度顺序", from.Dimensions.Select(d => d.Code), to.Dimensions.Select(d => d.Code), changes);
    }

    private static void CompareItems(CriteriaVersion from, CriteriaVersion to, List<CriteriaChange> changes)
    {
        foreach (var item in to.Items)
        {
            if (from.FindItem(item.Id) is { } old)
            {
                CompareItem(from, old, to, item, changes);
            }
            else
            {
                changes.Add(new(CriteriaChangeKind.ItemAdded, item.Id, $"新增考核项 {item.Id}（{DimensionName(to, item.DimensionCode)}，{RuleDescription.Points(item.MaxPoints)}）：{item.Title}"));
            }
        }

        foreach (var removed in from.Items.Where(i => to.FindItem(i.Id) is null))
        {
            changes.Add(new(CriteriaChangeKind.ItemRemoved, removed.Id, $"删除考核项 {removed.Id}（{DimensionName(from, removed.DimensionCode)}，{RuleDescription.Points(removed.MaxPoints)}）：{removed.Title}"));
        }

        CompareOrder(CriteriaChangeKind.ItemsReordered, "调整考核项顺序", from.Items.Select(i => i.Id), to.Items.Select(i => i.Id), changes);
    }

    private static void CompareItem(CriteriaVersion fromVersion, CriteriaItem from, CriteriaVersion toVersion, CriteriaItem to, List<CriteriaChange> changes)
    {
        var id = to.Id;
        CompareValue(CriteriaChangeKind.ItemTitleChanged, id, $"修改标题 {id}", from.Title, to.Title, s => s, changes);
        if (from.DimensionCode != to.DimensionCode)
        {
            changes.Add(new(CriteriaChangeKind.ItemMoved, id,
                $"调整所属维度 {id}：{DimensionLabel(fromVersion, from.DimensionCode)}{Arrow}{DimensionLabel(toVersion, to.DimensionCode)}"));
        }

        CompareValue(CriteriaChangeKind.ItemReweighted, id, $"调整分值 {id}", from.MaxPoints, to.MaxPoints, RuleDescription.Points, changes);
        CompareValue(CriteriaChangeKind.ItemRuleChanged, id, $"调整评分规则 {id}", from.Rule, to.Rule, RuleDescription.Of, changes);
        CompareValue(CriteriaChangeKind.ItemNotApplicableChanged, id, $"调整是否允许不适用 {id}", from.NotApplicableAllowed, to.NotApplicableAllowed, allowed => allowed ? "允许" : "不允许", changes);
        if (!from.Methods.SequenceEqual(to.Methods))
        {
            changes.Add(new(CriteriaChangeKind.ItemMethodsChanged, id, $"调整考核方式 {id}：{RuleDescription.Of(from.Methods)}{Arrow}{RuleDescription.Of(to.Methods)}"));
        }

        if (from.Guidance != to.Guidance)
        {
            changes.Add(new(CriteriaChangeKind.ItemGuidanceChanged, id, $"修改考核要点 {id}"));
        }

        if (!from.Evidence.SequenceEqual(to.Evidence))
        {
            changes.Add(new(CriteriaChangeKind.ItemEvidenceChanged, id, $"调整佐证材料 {id}：{CriteriaText.List(from.Evidence)}{Arrow}{CriteriaText.List(to.Evidence)}"));
        }
    }

    private static void CompareVetoes(CriteriaVersion from, CriteriaVersion to, List<CriteriaChange> changes)
    {
        foreach (var veto in to.Vetoes)
        {
            if (from.Vetoes.FirstOrDefault(v => v.Id == veto.Id) is not { } old)
            {
                changes.Add(new(CriteriaChangeKind.VetoAdded, veto.Id, $"新增否决项 {veto.Id}：{veto.Title}{Linked(veto)}"));
                continue;
            }

            CompareValue(CriteriaChangeKind.VetoChanged, veto.Id, $"修改否决项 {veto.Id}", old.Title, veto.Title, s => s, changes);
            CompareValue(CriteriaChangeKind.VetoChanged, veto.Id, $"调整否决项关联考核项 {veto.Id}", old.LinkedItemId, veto.LinkedItemId, item => item ?? "无", changes);
        }

        foreach (var removed in from.Vetoes.Where(v => !to.Vetoes.Any(n => n.Id == v.Id)))
        {
            changes.Add(new(CriteriaChangeKind.VetoRemoved, removed.Id, $"删除否决项 {removed.Id}：{removed.Title}"));
        }

        CompareOrder(CriteriaChangeKind.VetoesReordered, "调整否决项顺序", from.Vetoes.Select(v => v.Id), to.Vetoes.Select(v => v.Id), changes);
    }

    private static void CompareGrades(CriteriaVersion from, CriteriaVersion to, List<CriteriaChange> changes)
    {
        if (!from.Grades.SequenceEqual(to.Grades))
        {
            changes.Add(new(CriteriaChangeKind.GradesChanged, null, $"调整等级划分：{RuleDescription.Of(from.Grades)}{Arrow}{RuleDescription.Of(to.Grades)}"));
        }
    }

    private static void CompareDemonstration(DemonstrationRule from, DemonstrationRule to, List<CriteriaChange> changes)
    {
        const CriteriaChangeKind kind = CriteriaChangeKind.DemonstrationChanged;
        CompareValue(kind, null, "调整示范条件 总分下限", from.MinTotal, to.MinTotal, RuleDescription.Points, changes);
        CompareValue(kind, null, "调整示范条件 各维度得分率下限", from.MinDimensionShare, to.MinDimensionShare, share => Percent(share * 100m), changes);
        CompareValue(kind, null, "调整示范条件 上一周期整改完成率下限", from.MinPreviousRectificationRate, to.MinPreviousRectificationRate,
            rate => rate is { } r ? Percent(r) : "无要求", changes);
        CompareValue(kind, null, "调整示范名额", from.Quota, to.Quota, quota => $"{quota}个", changes);
        if (!from.TieBreak.SequenceEqual(to.TieBreak))
        {
            changes.Add(new(kind, null, $"调整同分比较维度：{TieBreak(from.TieBreak)}{Arrow}{TieBreak(to.TieBreak)}"));
        }
    }

    /// <summary>Adds "label：old → new" when the values differ.</summary>
    private static void CompareValue<T>(
        CriteriaChangeKind kind, string? subject, string label, T from, T to, Func<T, string> show, List<CriteriaChange> changes)
    {
        if (!EqualityComparer<T>.Default.Equals(from, to))
        {
            changes.Add(new(kind, subject, $"{label}：{show(from)}{Arrow}{show(to)}"));
        }
    }

    /// <summary>Reports a new order of the ids present in both versions (additions and removals are reported apart).</summary>
    private static void CompareOrder(CriteriaChangeKind kind, string label, IEnumerable<string> from, IEnumerable<string> to, List<CriteriaChange> changes)
    {
        var (oldIds, newIds) = (from.ToArray(), to.ToArray());
        var oldOrder = oldIds.Where(newIds.Contains).ToArray();
        var newOrder = newIds.Where(oldIds.Contains).ToArray();
        if (!oldOrder.SequenceEqual(newOrder))
        {
            changes.Add(new(kind, null, $"{label}：{CriteriaText.List(oldOrder)}{Arrow}{CriteriaText.List(newOrder)}"));
        }
    }

    private static string DimensionName(CriteriaVersion version, string code) =>
        version.Dimensions.FirstOrDefault(d => d.Code == code)?.Name ?? code;

    private static string DimensionLabel(CriteriaVersion version, string code) => $"{code}（{DimensionName(version, code)}）";

    private static string Linked(VetoItem veto) => veto.LinkedItemId is null ? "" : $"（考核项 {veto.LinkedItemId} 得0分时触发）";

    private static string Percent(decimal value) => $"{CriteriaText.Number(value)}%";

    private static string TieBreak(IReadOnlyList<string> codes) => codes.Count == 0 ? "无" : CriteriaText.List(codes);
}
