using System.Security.Claims;
using Assessment.Web.Persistence;
using Assessment.Web.Security;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Api;

/// <summary>
/// The checklist of one assessment: read it, save answers, upload and read evidence, submit, finalize,
/// amend. Every response carries the assessment's version as ETag; every write needs <c>If-Match</c>
/// (428 without, 412 when stale) and accepts <c>Idempotency-Key</c>.
/// </summary>
public static class AssessmentApi
{
    public static RouteGroupBuilder MapAssessmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessments/{id:int}").WithTags("考核");

        group.MapGet("/checklist", GetChecklistAsync).RequireAuthorization(Policies.ChecklistUser);
        group.MapPut("/answers/{itemId}", SaveOneAsync).RequireAuthorization(Policies.ChecklistUser).WithMetadata(new IdempotentWriteAttribute());
        group.MapPatch("/answers", SaveManyAsync).RequireAuthorization(Policies.ChecklistUser).WithMetadata(new IdempotentWriteAttribute());
        group.MapPost("/evidence", UploadEvidenceAsync).RequireAuthorization(Policies.ChecklistUser).WithMetadata(new IdempotentWriteAttribute())
            .DisableAntiforgery();
        group.MapGet("/evidence/{evidenceId:int}", GetEvidenceAsync).RequireAuthorization(Policies.ChecklistUser);
        group.MapPost("/submit", SubmitAsync).RequireAuthorization(Policies.ChecklistUser).WithMetadata(new IdempotentWriteAttribute());
        group.MapPost("/finalize", FinalizeAsync).RequireAuthorization(Policies.BureauAdmin).WithMetadata(new IdempotentWriteAttribute());
        group.MapPut("/inspectors", AssignInspectorsAsync).RequireAuthorization(Policies.BureauAdmin).WithMetadata(new IdempotentWriteAttribute());
        group.MapPost("/amend", AmendAsync).RequireAuthorization(Policies.BureauAdmin).WithMetadata(new IdempotentWriteAttribute());
        group.MapGet("/revisions", GetRevisionsAsync).RequireAuthorization(Policies.ChecklistUser);
        return group;
    }

    /// <summary>One answer as sent to <c>PUT /answers/{itemId}</c> (the item id is in the path).</summary>
    public sealed record AnswerBody(
        bool NotApplicable = false, bool? Met = null, string? Level = null, decimal? Number = null, string? Note = null,
        Assessment.Scoring.Criteria.InspectionMethod? Method = null, IReadOnlyList<int>? EvidenceIds = null, int? CycleId = null, string? CriteriaVersionId = null);

    public sealed record AmendBody(string? Reason);

    public sealed record InspectorsBody(IReadOnlyList<string>? InspectorIds);

    public sealed record RevisionView(int AssessmentId, int Revision, AssessmentStatus Status, string? AmendmentReason, decimal? Total, string? Grade, DateTimeOffset? FinalizedAt);

    internal static async Task<Ok<ChecklistView>> GetChecklistAsync(int id, ClaimsPrincipal user, AssessmentService assessments, HttpResponse response, CancellationToken cancellationToken)
    {
        var assessment = await assessments.LoadAsync(id, cancellationToken);
        AccessRules.DemandRead(user, assessment);
        return Checklist(assessments, assessment, response);
    }

    internal static async Task<Results<Ok<ChecklistView>, NoContent>> SaveOneAsync(
        int id, string itemId, AnswerBody body, ClaimsPrincipal user, AssessmentService assessments, HttpRequest request, CancellationToken cancellationToken)
    {
        var input = new AnswerInput
        {
            ItemId = itemId,
            NotApplicable = body.NotApplicable,
            Met = body.Met,
            Level = body.Level,
            Number = body.Number,
            Note = body.Note,
            Method = body.Method,
            EvidenceIds = body.EvidenceIds,
        };
        return await SaveAsync(id, new SaveAnswersRequest([input], body.CycleId, body.CriteriaVersionId), user, assessments, request, cancellationToken);
    }

    internal static Task<Results<Ok<ChecklistView>, NoContent>> SaveManyAsync(
        int id, SaveAnswersRequest body, ClaimsPrincipal user, AssessmentService assessments, HttpRequest request, CancellationToken cancellationToken) =>
        SaveAsync(id, body, user, assessments, request, cancellationToken);

    internal static async Task<Created<EvidenceView>> UploadEvidenceAsync(
        int id, IFormFile file, [FromForm] string? itemId, ClaimsPrincipal user, AssessmentService assessments, EvidenceUploads uploads,
        HttpRequest request, CancellationToken cancellationToken)
    {
        var expected = await AuthorizeWriteAsync(id, user, assessments, request, cancellationToken);
        var item = string.IsNullOrWhiteSpace(itemId) ? null : itemId.Trim();
        var evidence = await uploads.AttachAsync(id, expected, file, item, "file", cancellationToken);
        var assessment = await assessments.LoadAsync(id, cancellationToken);
        request.HttpContext.Response.SetETag(assessment.Version);
        return TypedResults.Created($"/api/assessments/{id}/evidence/{evidence.Id}", new EvidenceView(
            evidence.Id, assessment.Version, id, evidence.ItemId, evidence.OriginalFileName, evidence.ContentType, evidence.Size, evidence.Sha256, evidence.UploadedAt));
    }

    internal static async Task<FileStreamHttpResult> GetEvidenceAsync(
        int id, int evidenceId, ClaimsPrincipal user, AssessmentService assessments, AssessmentDbContext db, EvidenceStore store, CancellationToken cancellationToken)
    {
        var assessment = await assessments.LoadAsync(id, cancellationToken);
        AccessRules.DemandRead(user, assessment);
        var evidence = await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.AssessmentId == id, cancellationToken)
            ?? throw WorkflowException.NotFound($"考核 {id} 没有佐证材料 {evidenceId}。");
        return TypedResults.File(store.Open(evidence), evidence.ContentType, evidence.OriginalFileName);
    }

    internal static async Task<Ok<AssessmentState>> SubmitAsync(
        int id, ClaimsPrincipal user, AssessmentService assessments, HttpRequest request, CancellationToken cancellationToken)
    {
        var expected = await AuthorizeWriteAsync(id, user, assessments, request, cancellationToken);
        return State(await assessments.SubmitAsync(id, expected, cancellationToken), request.HttpContext.Response);
    }

    internal static async Task<Ok<AssessmentState>> FinalizeAsync(
        int id, AssessmentService assessments, HttpRequest request, CancellationToken cancellationToken)
    {
        var expected = request.RequiredVersion();
        return State(await assessments.FinalizeAsync(id, expected, cancellationToken), request.HttpContext.Response);
    }

    internal static async Task<Ok<AssessmentState>> AssignInspectorsAsync(
        int id, InspectorsBody body, AssessmentService assessments, HttpRequest request, CancellationToken cancellationToken)
    {
        var expected = request.RequiredVersion();
        return State(await assessments.AssignInspectorsAsync(id, expected, body?.InspectorIds ?? [], cancellationToken), request.HttpContext.Response);
    }

    internal static async Task<Created<AssessmentState>> AmendAsync(
        int id, AmendBody body, AssessmentService assessments, HttpRequest request, CancellationToken cancellationToken)
    {
        var expected = request.RequiredVersion();
        var amended = await assessments.AmendAsync(id, expected, body?.Reason, cancellationToken);
        request.HttpContext.Response.SetETag(amended.Version);
        return TypedResults.Created($"/api/assessments/{amended.Id}/checklist", AssessmentState.Of(amended));
    }

    internal static async Task<Ok<RevisionView[]>> GetRevisionsAsync(
        int id, ClaimsPrincipal user, AssessmentService assessments, AssessmentDbContext db, CancellationToken cancellationToken)
    {
        var assessment = await assessments.LoadAsync(id, cancellationToken);
        AccessRules.DemandRead(user, assessment);
        var revisions = await db.Assessments.AsNoTracking()
            .Where(a => a.CycleId == assessment.CycleId && a.CenterId == assessment.CenterId && a.Kind == assessment.Kind)
            .OrderBy(a => a.Revision)
            .Select(a => new RevisionView(a.Id, a.Revision, a.Status, a.AmendmentReason, a.Scorecard == null ? null : a.Scorecard.Total, a.Scorecard == null ? null : a.Scorecard.Grade, a.FinalizedAt))
            .ToArrayAsync(cancellationToken);
        return TypedResults.Ok(revisions);
    }

    private static async Task<Results<Ok<ChecklistView>, NoContent>> SaveAsync(
        int id, SaveAnswersRequest body, ClaimsPrincipal user, AssessmentService assessments, HttpRequest request, CancellationToken cancellationToken)
    {
        var expected = await AuthorizeWriteAsync(id, user, assessments, request, cancellationToken);
        var saved = await assessments.SaveAnswersAsync(id, expected, body, cancellationToken);
        if (Preferences.WantsMinimal(request))
        {
            // The offline sync client needs only the new version: no checklist, no live scorecard (RFC 7240).
            request.HttpContext.Response.SetETag(saved.Version);
            request.HttpContext.Response.Headers[Preferences.AppliedHeader] = Preferences.ReturnMinimal;
            return TypedResults.NoContent();
        }

        return Checklist(assessments, saved, request.HttpContext.Response);
    }

    /// <summary>403 unless the user may edit this assessment, then the If-Match version (428 without).</summary>
    private static async Task<long> AuthorizeWriteAsync(int id, ClaimsPrincipal user, AssessmentService assessments, HttpRequest request, CancellationToken cancellationToken)
    {
        var assessment = await assessments.LoadAsync(id, cancellationToken);
        AccessRules.DemandEdit(user, assessment);
        return request.RequiredVersion();
    }

    private static Ok<ChecklistView> Checklist(AssessmentService assessments, AssessmentRecord assessment, HttpResponse response)
    {
        var criteria = assessments.CriteriaOf(assessment);
        response.SetETag(assessment.Version);
        return TypedResults.Ok(ChecklistView.Of(assessment, criteria, Assessment.Scoring.Scoring.Scorer.Score(criteria, assessment.ToChecklist(criteria.Id))));
    }

    private static Ok<AssessmentState> State(AssessmentRecord assessment, HttpResponse response)
    {
        response.SetETag(assessment.Version);
        return TypedResults.Ok(AssessmentState.Of(assessment));
    }
}
