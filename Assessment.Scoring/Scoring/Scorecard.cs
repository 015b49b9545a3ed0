using System.Text.Json.Serialization;
using Assessment.Scoring.Criteria;

namespace Assessment.Scoring.Scoring;

/// <summary>
/// The result of scoring one checklist: every item's points with the reason, every dimension, the
/// total and grade — or, for an incomplete or invalid checklist, what is missing or wrong and no total.
/// </summary>
public sealed record Scorecard
{
    public required string CriteriaId { get; init; }

    public required string CriteriaHash { get; init; }

    public required IReadOnlyList<ItemScore> Items { get; init; }

    public required IReadOnlyList<DimensionScore> Dimensions { get; init; }

    /// <summary>
    /// Out of 100: the sum of the dimension scores, kept to <see cref="Scorer.TotalDecimals"/> decimal places;
    /// null unless the checklist is complete and valid.
    /// </summary>
    public decimal? Total { get; init; }

    /// <summary>Null unless <see cref="Total"/> is known.</summary>
    public string? Grade { get; init; }

    public required IReadOnlyList<TriggeredVeto> Vetoes { get; init; }

    public required Completeness Completeness { get; init; }

    /// <summary>Answers that could not be used (unknown item, wrong kind of value, out of range, N/A not allowed…).</summary>
    public required IReadOnlyList<AnswerProblem> Problems { get; init; }

    /// <summary>Complete, with no problem: the total and grade are final.</summary>
    public bool IsComplete => Completeness.Unanswered.Count == 0 && Problems.Count == 0;

    public bool IsVetoed => Vetoes.Count > 0;

    /// <summary>Points earned so far by the items answered, before rescaling: for progress display only.</summary>
    public decimal PointsSoFar => Items.Sum(i => i.Points ?? 0m);

    public DimensionScore Dimension(string code) =>
        Dimensions.FirstOrDefault(d => d.Code == code)
        ?? throw new KeyNotFoundException($"Scorecard has no dimension '{code}'.");

    public ItemScore Item(string itemId) =>
        Items.FirstOrDefault(i => i.ItemId == itemId)
        ?? throw new KeyNotFoundException($"Scorecard has no item '{itemId}'.");
}

public enum ItemStatus
{
    Scored,
    NotApplicable,
    Unanswered,

    /// <summary>The answer was present but unusable; see the scorecard's problems.</summary>
    Invalid,
}

/// <summary>One item's points and why.</summary>
public sealed record ItemScore(
    [property: JsonIgnore] CriteriaItem Item,
    ItemStatus Status,
    decimal? Points,
    [property: JsonIgnore] ScoreReason Reason)
{
    public string ItemId => Item.Id;

    public string DimensionCode => Item.DimensionCode;

    public decimal MaxPoints => Item.MaxPoints;

    /// <summary>Points lost against the maximum; zero for items not scored.</summary>
    public decimal PointsLost => Status == ItemStatus.Scored ? Item.MaxPoints - Points!.Value : 0m;

    /// <summary>The reason in Chinese, as shown to inspectors and printed in feedback letters.</summary>
    public string Explanation => Reason.Describe(Item);
}

/// <summary>
/// A dimension's result. <see cref="Score"/> is the earned points rescaled to the dimension's weight
/// over the applicable items (N/A items excluded); null while any of its items is unanswered.
/// </summary>
public sealed record DimensionScore(
    string Code,
    string Name,
    decimal Weight,
    decimal Earned,
    decimal ApplicableMax,
    int Unanswered,
    decimal? Score)
{
    /// <summary>Score as a share (0–1) of the weight: comparable across criteria versions.</summary>
    public decimal? Share => Score is { } s && Weight > 0 ? s / Weight : null;
}

public sealed record TriggeredVeto(string VetoId, string Title, string Reason);

public sealed record Completeness(int Answered, int Total, IReadOnlyList<string> Unanswered)
{
    public bool IsComplete => Unanswered.Count == 0;
}

/// <summary>An answer that could not be used, naming the item and what is wrong (in Chinese).</summary>
public sealed record AnswerProblem(string ItemId, string Message);
