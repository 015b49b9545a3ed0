using System.Security.Claims;
using Assessment.Web.Persistence;
using Assessment.Web.Security;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Api;

/// <summary>Cycles: create (pinning a criteria version), open, start review, add assessments, publish, read results.</summary>
public static class CycleApi
{
    public static RouteGroupBuilder MapCycleApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cycles").WithTags("考核周期");

        group.MapGet("/", ListAsync).RequireAuthorization(Policies.ResultsReader);
        group.MapGet("/{id:int}/assessments", ListAssessmentsAsync).RequireAuthorization(Policies.ChecklistUser);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.BureauAdmin).WithMetadata(new IdempotentWriteAttribute());
        group.MapPost("/{id:int}/open", OpenAsync).RequireAuthorization(Policies.BureauAdmin).WithMetadata(new IdempotentWriteAttribute());
        group.MapPost("/{id:int}/review", StartReviewAsync).RequireAuthorization(Policies.BureauAdmin).WithMetadata(new IdempotentWriteAttribute());
        group.MapPost("/{id:int}/assessments", CreateAssessmentAsync).RequireAuthorization(Policies.BureauAdmin).WithMetadata(new IdempotentWriteAttribute());
        group.MapPost("/{id:int}/publish", PublishAsync).RequireAuthorization(Policies.BureauAdmin).WithMetadata(new IdempotentWriteAttribute());
        group.MapGet("/{id:int}/results", GetResultsAsync).RequireAuthorization(Policies.ResultsReader);
        return group;
    }

    public sealed record CycleView(int Id, long Version, int Year, string Title, string CriteriaVersionId, DateOnly ScheduleStart, DateOnly ScheduleEnd, CycleStatus Status, DateTimeOffset? PublishedAt)
    {
        public static CycleView Of(AssessmentCycle cycle)
        {
            ArgumentNullException.ThrowIfNull(cycle);
            return new(cycle.Id, cycle.Version, cycle.Year, cycle.Title, cycle.CriteriaVersionId, cycle.ScheduleStart, cycle.ScheduleEnd, cycle.Status, cycle.PublishedAt);
        }
    }

    public sealed record ResultView(int CenterId, string CenterName, int? AssessmentId, int Rank, decimal Percentile, decimal Total, decimal PublishedTotal, string Grade, bool IsDemonstration, IReadOnlyList<string> DemonstrationReasons, IReadOnlyList<DimensionResultView> Dimensions);

    public sealed record DimensionResultView(string Code, string Name, decimal Weight, decimal? Score);

    public sealed record ResultsView(int CycleId, int Year, string Title, string CriteriaVersionId, DateTimeOffset? PublishedAt, IReadOnlyList<ResultView> Results);

    /// <summary>One assessment in a cycle's list: the current revision of each center and kind the user may read.</summary>
    public sealed record AssessmentSummary(int Id, long Version, int CenterId, string CenterName, AssessmentKind Kind, AssessmentStatus Status, int Revision, bool CanEdit);

    internal static async Task<Ok<CycleView[]>> ListAsync(AssessmentDbContext db, CancellationToken cancellationToken)
    {
        var cycles = await db.Cycles.AsNoTracking().OrderByDescending(c => c.Year).ThenByDescending(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(cycles.Select(CycleView.Of).ToArray());
    }

    internal static async Task<Ok<AssessmentSummary[]>> ListAssessmentsAsync(int id, ClaimsPrincipal user, AssessmentDbContext db, CancellationToken cancellationToken)
    {
        _ = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw WorkflowException.NotFound($"考核周期 {id} 不存在。");
        var current = await db.Assessments.AsNoTracking()
            .Where(a => a.CycleId == id)
            .Where(a => !db.Assessments.Any(b => b.CycleId == a.CycleId && b.CenterId == a.CenterId && b.Kind == a.Kind && b.Revision > a.Revision))
            .Include(a => a.Cycle)
            .Include(a => a.Center)
            .Include(a => a.Inspectors)
            .OrderBy(a => a.CenterId).ThenBy(a => a.Kind)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(current
            .Where(a => AccessRules.CanRead(user, a))
            .Select(a => new AssessmentSummary(a.Id, a.Version, a.CenterId, a.Center?.Name ?? "", a.Kind, a.Status, a.Revision, AccessRules.CanEdit(user, a)))
            .ToArray());
    }

    internal static async Task<Created<CycleView>> CreateAsync(NewCycle body, CycleService cycles, CancellationToken cancellationToken)
    {
        var cycle = await cycles.CreateAsync(body, cancellationToken);
        return TypedResults.Created($"/api/cycles/{cycle.Id}/results", CycleView.Of(cycle));
    }

    /// <summary>Draft → Open; with <c>If-Match</c> (the cycle's version) a stale request is refused with 412.</summary>
    internal static async Task<Ok<CycleView>> OpenAsync(int id, HttpRequest request, CycleService cycles, CancellationToken cancellationToken) =>
        TypedResults.Ok(CycleView.Of(await cycles.OpenAsync(id, request.OptionalVersion(), cancellationToken)));

    /// <summary>Open → UnderReview; with <c>If-Match</c> (the cycle's version) a stale request is refused with 412.</summary>
    internal static async Task<Ok<CycleView>> StartReviewAsync(int id, HttpRequest request, CycleService cycles, CancellationToken cancellationToken) =>
        TypedResults.Ok(CycleView.Of(await cycles.StartReviewAsync(id, request.OptionalVersion(), cancellationToken)));

    internal static async Task<Created<AssessmentState>> CreateAssessmentAsync(int id, NewAssessment body, AssessmentService assessments, HttpResponse response, CancellationToken cancellationToken)
    {
        var assessment = await assessments.CreateAsync(id, body, cancellationToken);
        response.SetETag(assessment.Version);
        return TypedResults.Created($"/api/assessments/{assessment.Id}/checklist", AssessmentState.Of(assessment));
    }

    internal static async Task<Ok<ResultsView>> PublishAsync(int id, CyclePublisher publisher, AssessmentDbContext db, CancellationToken cancellationToken)
    {
        await publisher.PublishAsync(id, cancellationToken);
        return TypedResults.Ok(await ResultsAsync(db, await db.Cycles.AsNoTracking().FirstAsync(c => c.Id == id, cancellationToken), cancellationToken));
    }

    internal static async Task<Ok<ResultsView>> GetResultsAsync(int id, ClaimsPrincipal user, AssessmentDbContext db, CancellationToken cancellationToken)
    {
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw WorkflowException.NotFound($"考核周期 {id} 不存在。");
        if (!AccessRules.CanReadResults(user, cycle))
        {
            throw WorkflowException.Forbidden($"考核周期 {id} 的结果尚未发布。");
        }

        if (cycle.Status != CycleStatus.Published)
        {
            throw WorkflowException.Conflict($"考核周期 {id} 尚未发布，还没有排名结果。");
        }

        return TypedResults.Ok(await ResultsAsync(db, cycle, cancellationToken));
    }

    private static async Task<ResultsView> ResultsAsync(AssessmentDbContext db, AssessmentCycle cycle, CancellationToken cancellationToken)
    {
        var results = await db.CycleResults.AsNoTracking()
            .Where(r => r.CycleId == cycle.Id)
            .Include(r => r.Center)
            .Include(r => r.Dimensions)
            .OrderBy(r => r.Rank).ThenBy(r => r.CenterId)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return new ResultsView(cycle.Id, cycle.Year, cycle.Title, cycle.CriteriaVersionId, cycle.PublishedAt, results.Select(r => new ResultView(
            r.CenterId,
            r.Center?.Name ?? "",
            r.AssessmentId,
            r.Rank,
            r.Percentile,
            r.Total,
            Assessment.Scoring.Cycles.PublishedFigures.Round(r.Total),
            r.Grade,
            r.IsDemonstration,
            r.DemonstrationReasons,
            r.Dimensions.OrderBy(d => d.Id).Select(d => new DimensionResultView(d.Code, d.Name, d.Weight, d.Score)).ToArray())).ToArray());
    }
}
