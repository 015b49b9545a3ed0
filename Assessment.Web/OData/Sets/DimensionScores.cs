using Assessment.Web.Persistence;

namespace Assessment.Web.OData.Sets;

/// <summary>One dimension of a frozen scorecard, with its assessment, center and cycle pre-joined.</summary>
public sealed class DimensionScoreRow
{
    public int Id { get; set; }

    public int AssessmentId { get; set; }

    public int CenterId { get; set; }

    [FeedRequired]
    public string CenterCode { get; set; } = "";

    [FeedRequired]
    public string CenterName { get; set; } = "";

    public int CycleId { get; set; }

    public int CycleYear { get; set; }

    [FeedRequired]
    public string AssessmentKind { get; set; } = "";

    public int Revision { get; set; }

    [FeedRequired]
    public string DimensionCode { get; set; } = "";

    [FeedRequired]
    public string DimensionName { get; set; } = "";

    public decimal Weight { get; set; }

    public decimal Earned { get; set; }

    public decimal ApplicableMax { get; set; }

    /// <summary>Rescaled to the weight; null only if nothing in the dimension was applicable.</summary>
    public decimal? Score { get; set; }

    /// <summary>When the scorecard was frozen.</summary>
    public DateTimeOffset ModifiedAt { get; set; }
}

public sealed class DimensionScores : FeedSet<DimensionScoreRow>
{
    public override string Name => "DimensionScores";

    public override string Description => "定稿评分表的分维度得分（含考核、中心与周期）";

    public override IReadOnlyList<FeedNavigation> Navigations { get; } =
    [
        new("Assessment", "Assessments", nameof(DimensionScoreRow.AssessmentId)),
        new("Center", "Centers", nameof(DimensionScoreRow.CenterId)),
    ];

    public override IQueryable<DimensionScoreRow> Query(FeedQueryContext context)
    {
        var db = context.Db;
        return from d in db.Set<DimensionScoreRecord>()
               join s in db.Scorecards on d.ScorecardId equals s.Id
               join a in db.Assessments.Where(context.Scope.Assessments()) on s.AssessmentId equals a.Id
               select new DimensionScoreRow
               {
                   Id = d.Id,
                   AssessmentId = a.Id,
                   CenterId = a.CenterId,
                   CenterCode = a.Center!.Code,
                   CenterName = a.Center.Name,
                   CycleId = a.CycleId,
                   CycleYear = a.Cycle!.Year,
                   AssessmentKind = a.Kind.ToString(),
                   Revision = a.Revision,
                   DimensionCode = d.Code,
                   DimensionName = d.Name,
                   Weight = d.Weight,
                   Earned = d.Earned,
                   ApplicableMax = d.ApplicableMax,
                   Score = d.Score,
                   ModifiedAt = s.FrozenAt,
               };
    }
}
