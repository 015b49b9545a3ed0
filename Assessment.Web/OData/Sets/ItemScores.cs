using Assessment.Web.Persistence;

namespace Assessment.Web.OData.Sets;

/// <summary>One item of a frozen scorecard, with its assessment, center and cycle pre-joined.</summary>
public sealed class ItemScoreRow
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
    public string CriteriaVersionId { get; set; } = "";

    [FeedRequired]
    public string ItemId { get; set; } = "";

    [FeedRequired]
    public string DimensionCode { get; set; } = "";

    /// <summary>Scored, NotApplicable, Unanswered or Invalid.</summary>
    [FeedRequired]
    public string Status { get; set; } = "";

    /// <summary>Null when the item was not applicable.</summary>
    public decimal? Points { get; set; }

    public decimal MaxPoints { get; set; }

    [FeedRequired]
    public string Explanation { get; set; } = "";

    /// <summary>When the scorecard was frozen.</summary>
    public DateTimeOffset ModifiedAt { get; set; }
}

public sealed class ItemScores : FeedSet<ItemScoreRow>
{
    public override string Name => "ItemScores";

    public override string Description => "定稿评分表的逐项得分（含考核、中心与周期）";

    public override IReadOnlyList<FeedNavigation> Navigations { get; } =
    [
        new("Assessment", "Assessments", nameof(ItemScoreRow.AssessmentId)),
        new("Center", "Centers", nameof(ItemScoreRow.CenterId)),
    ];

    public override IQueryable<ItemScoreRow> Query(FeedQueryContext context)
    {
        var db = context.Db;
        return from i in db.Set<ItemScoreRecord>()
               join s in db.Scorecards on i.ScorecardId equals s.Id
               join a in db.Assessments.Where(context.Scope.Assessments()) on s.AssessmentId equals a.Id
               select new ItemScoreRow
               {
                   Id = i.Id,
                   AssessmentId = a.Id,
                   CenterId = a.CenterId,
                   CenterCode = a.Center!.Code,
                   CenterName = a.Center.Name,
                   CycleId = a.CycleId,
                   CycleYear = i.CycleYear,
                   AssessmentKind = a.Kind.ToString(),
                   Revision = a.Revision,
                   CriteriaVersionId = s.CriteriaVersionId,
                   ItemId = i.ItemId,
                   DimensionCode = i.DimensionCode,
                   Status = i.Status.ToString(),
                   Points = i.Points,
                   MaxPoints = i.MaxPoints,
                   Explanation = i.Explanation,
                   ModifiedAt = s.FrozenAt,
               };
    }
}
