namespace Assessment.Web.OData.Sets;

/// <summary>An assessment cycle (one year's round) with its criteria version's title.</summary>
public sealed class CycleRow
{
    public int Id { get; set; }

    public int Year { get; set; }

    [FeedRequired]
    public string Title { get; set; } = "";

    [FeedRequired]
    public string CriteriaVersionId { get; set; } = "";

    [FeedRequired]
    public string CriteriaTitle { get; set; } = "";

    public DateOnly ScheduleStart { get; set; }

    public DateOnly ScheduleEnd { get; set; }

    /// <summary>Draft, Open, UnderReview or Published.</summary>
    [FeedRequired]
    public string Status { get; set; } = "";

    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }
}

public sealed class Cycles : FeedSet<CycleRow>
{
    public override string Name => "Cycles";

    public override string Description => "考核周期（年度）";

    public override IQueryable<CycleRow> Query(FeedQueryContext context)
    {
        var visible = context.Db.Assessments.Where(context.Scope.Assessments());
        return context.Db.Cycles.Where(context.Scope.Cycles(visible)).Select(c => new CycleRow
        {
            Id = c.Id,
            Year = c.Year,
            Title = c.Title,
            CriteriaVersionId = c.CriteriaVersionId,
            CriteriaTitle = c.CriteriaVersion!.Title,
            ScheduleStart = c.ScheduleStart,
            ScheduleEnd = c.ScheduleEnd,
            Status = c.Status.ToString(),
            PublishedAt = c.PublishedAt,
            ModifiedAt = c.ModifiedAt,
        });
    }
}
