using Assessment.Scoring.Criteria;

namespace Assessment.Scoring.Checklists;

/// <summary>
/// What an inspector (or a center, self-assessing) recorded against one criteria version.
/// Items without an answer are simply absent; the scorer reports them as unanswered.
/// </summary>
public sealed record Checklist
{
    public required string CriteriaId { get; init; }

    public required IReadOnlyList<ItemAnswer> Answers { get; init; }

    /// <summary>Veto items the inspector found triggered (besides those linked to an item scoring zero).</summary>
    public IReadOnlyList<VetoFinding> Vetoes { get; init; } = [];
}

/// <summary>
/// One item's answer. Exactly one of <see cref="Met"/>, <see cref="Level"/> or <see cref="Number"/>
/// is set, matching the item's kind — or none when <see cref="NotApplicable"/> is true.
/// </summary>
public sealed record ItemAnswer
{
    public required string ItemId { get; init; }

    /// <summary>不适用: the item is excluded and its dimension rescaled.</summary>
    public bool NotApplicable { get; init; }

    /// <summary>Yes/no items.</summary>
    public bool? Met { get; init; }

    /// <summary>Level items: the level's code.</summary>
    public string? Level { get; init; }

    /// <summary>Deduction items: the number of defects; target items: the count or the rate in percent.</summary>
    public decimal? Number { get; init; }

    public string? Note { get; init; }

    public InspectionMethod? Method { get; init; }

    /// <summary>References to evidence files (ids or names), never the files themselves.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    public static ItemAnswer Yes(string itemId) => new() { ItemId = itemId, Met = true };

    public static ItemAnswer No(string itemId) => new() { ItemId = itemId, Met = false };

    public static ItemAnswer AtLevel(string itemId, string level) => new() { ItemId = itemId, Level = level };

    public static ItemAnswer WithNumber(string itemId, decimal number) => new() { ItemId = itemId, Number = number };

    public static ItemAnswer NotApplicableFor(string itemId) => new() { ItemId = itemId, NotApplicable = true };
}

public sealed record VetoFinding(string VetoId, string? Note);
