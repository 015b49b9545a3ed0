using Assessment.Scoring.Scoring;

namespace Assessment.Web.Persistence;

/// <summary>
/// The scorecard frozen when an assessment is finalized: what the engine computed, with the criteria
/// version and hash it used. Never recomputed: a later engine or criteria change does not alter it.
/// </summary>
public sealed class ScorecardRecord : IAudited, IAssessmentPart
{
    public const int GradeMaxLength = 20;

    public int Id { get; set; }

    public int AssessmentId { get; set; }

    public required string CriteriaVersionId { get; set; }

    public CriteriaVersionRecord? CriteriaVersion { get; set; }

    public required string CriteriaHash { get; set; }

    /// <summary>Out of 100, unrounded.</summary>
    public decimal Total { get; set; }

    public required string Grade { get; set; }

    public DateTimeOffset FrozenAt { get; set; }

    public List<ItemScoreRecord> Items { get; } = [];

    public List<DimensionScoreRecord> Dimensions { get; } = [];

    public List<ScorecardVetoRecord> Vetoes { get; } = [];

    public bool IsVetoed => Vetoes.Count > 0;

    /// <summary>
    /// Freezes a complete scorecard. Attach it to the assessment being finalized; <paramref name="cycleYear"/> is
    /// the year of that assessment's cycle, copied onto every item row (see <see cref="ItemScoreRecord.CycleYear"/>).
    /// </summary>
    public static ScorecardRecord Freeze(Scorecard card, int cycleYear, DateTimeOffset frozenAt)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (!card.IsComplete || card.Total is not { } total || card.Grade is not { } grade)
        {
            throw new ArgumentException("Only a complete scorecard (every item answered, no problem) can be frozen.", nameof(card));
        }

        var record = new ScorecardRecord
        {
            CriteriaVersionId = card.CriteriaId,
            CriteriaHash = card.CriteriaHash,
            Total = total,
            Grade = grade,
            FrozenAt = frozenAt,
        };
        record.Items.AddRange(card.Items.Select(i => new ItemScoreRecord
        {
            CycleYear = cycleYear,
            ItemId = i.ItemId,
            DimensionCode = i.DimensionCode,
            Status = i.Status,
            Points = i.Points,
            MaxPoints = i.MaxPoints,
            Explanation = i.Explanation,
        }));
        record.Dimensions.AddRange(card.Dimensions.Select(d => new DimensionScoreRecord
        {
            Code = d.Code,
            Name = d.Name,
            Weight = d.Weight,
            Earned = d.Earned,
            ApplicableMax = d.ApplicableMax,
            Score = d.Score,
        }));
        record.Vetoes.AddRange(card.Vetoes.Select(v => new ScorecardVetoRecord { VetoId = v.VetoId, Title = v.Title, Reason = v.Reason }));
        return record;
    }
}

/// <summary>One item's frozen points and the explanation printed for it.</summary>
public sealed class ItemScoreRecord
{
    public const int ExplanationMaxLength = 1000;

    public int Id { get; set; }

    public int ScorecardId { get; set; }

    /// <summary>
    /// The year of the assessment's cycle, copied from it when the scorecard is frozen (a cycle's year never
    /// changes, and a frozen scorecard never changes). Analysts read item scores by year (the feed's
    /// <c>ItemScores</c>): with the year on the row and the index on (year, id), a year's page comes out of the
    /// index in key order instead of joining and sorting every item of the year (docs/performance.md).
    /// </summary>
    public required int CycleYear { get; set; }

    public required string ItemId { get; set; }

    public required string DimensionCode { get; set; }

    public ItemStatus Status { get; set; }

    /// <summary>Null when the item was not applicable.</summary>
    public decimal? Points { get; set; }

    public decimal MaxPoints { get; set; }

    public required string Explanation { get; set; }
}

/// <summary>One dimension's frozen result: earned points, the applicable maximum and the rescaled score.</summary>
public sealed class DimensionScoreRecord
{
    public const int CodeMaxLength = 32;
    public const int NameMaxLength = 50;

    public int Id { get; set; }

    public int ScorecardId { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public decimal Weight { get; set; }

    public decimal Earned { get; set; }

    public decimal ApplicableMax { get; set; }

    /// <summary>Rescaled to the weight; null only if the dimension had nothing applicable.</summary>
    public decimal? Score { get; set; }
}

/// <summary>A veto (一票否决) the engine found triggered, with its reason.</summary>
public sealed class ScorecardVetoRecord
{
    public const int TitleMaxLength = 200;
    public const int ReasonMaxLength = 1000;

    public int Id { get; set; }

    public int ScorecardId { get; set; }

    public required string VetoId { get; set; }

    public required string Title { get; set; }

    public required string Reason { get; set; }
}
