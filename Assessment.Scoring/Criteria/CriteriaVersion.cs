using System.Collections.Frozen;

namespace Assessment.Scoring.Criteria;

/// <summary>
/// One version of an assessment scheme, as loaded from a criteria file: what is checked, how many
/// points each item carries, and how totals become grades and demonstration status.
/// Immutable; identified by <see cref="Id"/> and <see cref="ContentHash"/>.
/// </summary>
public sealed record CriteriaVersion
{
    /// <summary>Stable version id, e.g. <c>qh-demo-2022</c>. Never reused for different content.</summary>
    public required string Id { get; init; }

    /// <summary>The scheme this version belongs to, e.g. <c>qh-demo</c>.</summary>
    public required string Scheme { get; init; }

    /// <summary>Chinese title as printed on the criteria sheet.</summary>
    public required string Title { get; init; }

    public required DateOnly EffectiveDate { get; init; }

    /// <summary>The document(s) this version is built on (文件依据).</summary>
    public required string Basis { get; init; }

    public required IReadOnlyList<Dimension> Dimensions { get; init; }

    public required IReadOnlyList<CriteriaItem> Items { get; init; }

    public required IReadOnlyList<VetoItem> Vetoes { get; init; }

    /// <summary>Grade bands, highest minimum first.</summary>
    public required IReadOnlyList<GradeBand> Grades { get; init; }

    public required DemonstrationRule Demonstration { get; init; }

    /// <summary>A center whose self-assessment total exceeds the inspection total by more than this is flagged for re-check.</summary>
    public required decimal RecheckThreshold { get; init; }

    /// <summary>
    /// SHA-256 (hex) of the version's canonical form: it changes whenever anything that affects
    /// scoring or wording changes, and not when comments or formatting of the file change.
    /// </summary>
    public required string ContentHash { get; init; }

    /// <summary>Where the version was loaded from (for error messages); not part of its identity.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Two loaded versions are the same version when id and content hash agree.</summary>
    public bool Equals(CriteriaVersion? other) =>
        other is not null && Id == other.Id && ContentHash == other.ContentHash;

    public override int GetHashCode() => HashCode.Combine(Id, ContentHash);

    public Dimension GetDimension(string code) =>
        Dimensions.FirstOrDefault(d => d.Code == code)
        ?? throw new KeyNotFoundException($"Criteria {Id} has no dimension '{code}'.");

    public CriteriaItem? FindItem(string itemId) => IndexOf(itemId) is var i and >= 0 ? Items[i] : null;

    /// <summary>The position of an item in <see cref="Items"/>, or -1.</summary>
    public int IndexOf(string itemId)
    {
        var cached = itemIndex;
        if (cached is null || !ReferenceEquals(cached.Items, Items))
        {
            cached = new ItemIndex(Items, Items.Select((item, i) => KeyValuePair.Create(item.Id, i)).ToFrozenDictionary(StringComparer.Ordinal));
            itemIndex = cached;
        }

        return cached.Positions.TryGetValue(itemId, out var position) ? position : -1;
    }

    // Built on first use; a copy made with `with` and other items rebuilds it.
    private ItemIndex? itemIndex;

    private sealed record ItemIndex(IReadOnlyList<CriteriaItem> Items, FrozenDictionary<string, int> Positions);

    public GradeBand GradeFor(decimal total)
    {
        foreach (var band in Grades)
        {
            if (total >= band.MinTotal)
            {
                return band;
            }
        }

        return Grades[^1];
    }
}

/// <summary>One of the five dimensions (服务内容, 业务咨询, 硬件设施, 场所设置, 服务质量) with its weight out of 100.</summary>
public sealed record Dimension(string Code, string Name, decimal Weight);

/// <summary>A checklist item: what the inspector checks and how an answer becomes points.</summary>
public sealed record CriteriaItem
{
    /// <summary>Stable id such as <c>C1</c>; kept across versions when the item means the same thing.</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string DimensionCode { get; init; }

    public required decimal MaxPoints { get; init; }

    public required ItemRule Rule { get; init; }

    /// <summary>What the inspector looks at (考核要点).</summary>
    public string Guidance { get; init; } = "";

    public required IReadOnlyList<InspectionMethod> Methods { get; init; }

    /// <summary>The evidence expected, in the bureau's words (e.g. 服务指南文本, 现场照片).</summary>
    public required IReadOnlyList<string> Evidence { get; init; }

    /// <summary>Whether the item may be answered "not applicable" (不适用), excluding it from its dimension.</summary>
    public bool NotApplicableAllowed { get; init; }

    public ItemKind Kind => Rule.Kind;
}

public enum ItemKind
{
    /// <summary>全有或全无: full points when met, none otherwise.</summary>
    YesNo,

    /// <summary>Named levels, each worth a number of points.</summary>
    Levels,

    /// <summary>A fixed deduction per defect found, never below zero.</summary>
    Deduction,

    /// <summary>A count or a rate measured against a target, scored by bands or linearly.</summary>
    Target,
}

/// <summary>How an inspector established an answer.</summary>
public enum InspectionMethod
{
    /// <summary>听汇报</summary>
    HearReport,

    /// <summary>查资料</summary>
    CheckDocuments,

    /// <summary>看现场</summary>
    SeeSite,

    /// <summary>开座谈会</summary>
    Forum,

    /// <summary>系统抽查: a spot-check in the trading system or its data.</summary>
    SystemCheck,

    /// <summary>暗访: a mystery call or visit.</summary>
    MysteryVisit,
}

/// <summary>A one-vote veto (一票否决): triggered, it bars demonstration status whatever the score.</summary>
/// <param name="LinkedItemId">When set, the veto is also triggered when that item earns zero points.</param>
public sealed record VetoItem(string Id, string Title, string? LinkedItemId);

/// <param name="RectificationReportDays">Days within which a center of this grade must report its rectification, if any.</param>
public sealed record GradeBand(decimal MinTotal, string Name, int? RectificationReportDays);

/// <summary>How demonstration centers (示范公共资源交易中心) are selected from a cycle's inspections.</summary>
public sealed record DemonstrationRule
{
    public required decimal MinTotal { get; init; }

    /// <summary>Every dimension must reach this share (0–1) of its weight.</summary>
    public required decimal MinDimensionShare { get; init; }

    /// <summary>Minimum rectification completion rate (percent) of the previous cycle; null when the rule does not ask for it.</summary>
    public decimal? MinPreviousRectificationRate { get; init; }

    /// <summary>The most centers that may be named in one cycle.</summary>
    public required int Quota { get; init; }

    /// <summary>Dimension codes compared in order when candidates tie on the total at the quota boundary.</summary>
    public required IReadOnlyList<string> TieBreak { get; init; }
}
