using Assessment.Web.Persistence;

namespace Assessment.Web.OData.Sets;

/// <summary>An assessment revision with its center, cycle and frozen total and grade (null until finalized).</summary>
public sealed class AssessmentRow
{
    public int Id { get; set; }

    public int CenterId { get; set; }

    [FeedRequired]
    public string CenterCode { get; set; } = "";

    [FeedRequired]
    public string CenterName { get; set; } = "";

    public int CycleId { get; set; }

    public int CycleYear { get; set; }

    /// <summary>SelfAssessment (自评) or Inspection (考核).</summary>
    [FeedRequired]
    public string Kind { get; set; } = "";

    /// <summary>Draft, Submitted or Finalized.</summary>
    [FeedRequired]
    public string Status { get; set; } = "";

    public int Revision { get; set; }

    /// <summary>No later revision amends this one.</summary>
    public bool IsCurrentRevision { get; set; }

    public decimal? Total { get; set; }

    public string? Grade { get; set; }

    public bool? IsVetoed { get; set; }

    public string? CriteriaVersionId { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? FinalizedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }
}

public sealed class Assessments : FeedSet<AssessmentRow>
{
    public override string Name => "Assessments";

    public override string Description => "考核与自评（每个修订版一行；定稿后含总分与等次）";

    public override IReadOnlyList<FeedNavigation> Navigations { get; } =
    [
        new("Center", "Centers", nameof(AssessmentRow.CenterId)),
        new("Cycle", "Cycles", nameof(AssessmentRow.CycleId)),
    ];

    public override IQueryable<AssessmentRow> Query(FeedQueryContext context)
    {
        var db = context.Db;
        return db.Assessments.Where(context.Scope.Assessments()).Select(a => new AssessmentRow
        {
            Id = a.Id,
            CenterId = a.CenterId,
            CenterCode = a.Center!.Code,
            CenterName = a.Center.Name,
            CycleId = a.CycleId,
            CycleYear = a.Cycle!.Year,
            Kind = a.Kind.ToString(),
            Status = a.Status.ToString(),
            Revision = a.Revision,
            IsCurrentRevision = !db.Assessments.Any(later => later.PreviousRevisionId == a.Id),
            Total = a.Scorecard == null ? null : a.Scorecard.Total,
            Grade = a.Scorecard == null ? null : a.Scorecard.Grade,
            IsVetoed = a.Scorecard == null ? null : a.Scorecard.Vetoes.Any(),
            CriteriaVersionId = a.Scorecard == null ? null : a.Scorecard.CriteriaVersionId,
            SubmittedAt = a.SubmittedAt,
            FinalizedAt = a.FinalizedAt,
            ModifiedAt = a.ModifiedAt,
        });
    }
}
