namespace Assessment.Web.OData.Sets;

/// <summary>A center's published result in a cycle: total, rank, grade, demonstration status.</summary>
public sealed class RankingRow
{
    public int Id { get; set; }

    public int CycleId { get; set; }

    public int CycleYear { get; set; }

    public int CenterId { get; set; }

    [FeedRequired]
    public string CenterCode { get; set; } = "";

    [FeedRequired]
    public string CenterName { get; set; } = "";

    /// <summary>The finalized inspection the result was computed from.</summary>
    public int? AssessmentId { get; set; }

    /// <summary>Competition rank: equal totals share a rank (1, 2, 2, 4).</summary>
    public int Rank { get; set; }

    public decimal Percentile { get; set; }

    public decimal Total { get; set; }

    [FeedRequired]
    public string Grade { get; set; } = "";

    public bool IsDemonstration { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }
}

public sealed class Rankings : FeedSet<RankingRow>
{
    public override string Name => "Rankings";

    public override string Description => "年度排名结果（中心 × 周期：总分、名次、等次、示范中心）";

    public override IReadOnlyList<FeedNavigation> Navigations { get; } =
    [
        new("Center", "Centers", nameof(RankingRow.CenterId)),
        new("Cycle", "Cycles", nameof(RankingRow.CycleId)),
        new("Assessment", "Assessments", nameof(RankingRow.AssessmentId)),
    ];

    public override IQueryable<RankingRow> Query(FeedQueryContext context) =>
        context.Db.CycleResults.Where(context.Scope.Results()).Select(r => new RankingRow
        {
            Id = r.Id,
            CycleId = r.CycleId,
            CycleYear = r.Cycle!.Year,
            CenterId = r.CenterId,
            CenterCode = r.Center!.Code,
            CenterName = r.Center.Name,
            AssessmentId = r.AssessmentId,
            Rank = r.Rank,
            Percentile = r.Percentile,
            Total = r.Total,
            Grade = r.Grade,
            IsDemonstration = r.IsDemonstration,
            ModifiedAt = r.ModifiedAt,
        });
}
