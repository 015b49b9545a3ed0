namespace Assessment.Web.Persistence;

/// <summary>
/// A center's published result in a cycle, computed by the engine from finalized inspections and
/// stored when the cycle is published: rank, total, grade, dimension scores and demonstration status.
/// </summary>
public sealed class CycleResult : IAudited, IStamped
{
    public int Id { get; set; }

    public int CycleId { get; set; }

    public AssessmentCycle? Cycle { get; set; }

    public int CenterId { get; set; }

    public Center? Center { get; set; }

    /// <summary>The finalized inspection revision the result was computed from.</summary>
    public int? AssessmentId { get; set; }

    /// <summary>Competition rank: equal totals share a rank (1, 2, 2, 4).</summary>
    public int Rank { get; set; }

    /// <summary>Share of centers (percent) this center scored at or above.</summary>
    public decimal Percentile { get; set; }

    public decimal Total { get; set; }

    public required string Grade { get; set; }

    /// <summary>Named a demonstration center (示范公共资源交易中心).</summary>
    public bool IsDemonstration { get; set; }

    /// <summary>Why the center is or is not a demonstration center, in Chinese, one reason per entry.</summary>
    public List<string> DemonstrationReasons { get; set; } = [];

    public List<CycleDimensionResult> Dimensions { get; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }

    public string? ModifiedBy { get; set; }
}

/// <summary>One dimension's score in a published result.</summary>
public sealed class CycleDimensionResult
{
    public int Id { get; set; }

    public int CycleResultId { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public decimal Weight { get; set; }

    public decimal? Score { get; set; }
}
