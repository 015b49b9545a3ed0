using System.Security.Claims;
using Assessment.Reports;
using Assessment.Web.Api;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Assessment.Web.Security;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Reports;

/// <summary>
/// A cycle's publication settings (bureau only) and the Word documents: the circular (bureau), a center's
/// feedback letter and rectification report (bureau: any center; center staff: their own), and a zip of every
/// center's feedback letter generated in the background with progress (bureau).
/// </summary>
public static class ReportsApi
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var cycle = app.MapGroup("/api/cycles/{id:int}").WithTags("通报与报告");
        cycle.MapGet("/publication", GetSettingsAsync).RequireAuthorization(Policies.BureauAdmin);
        cycle.MapPut("/publication", PutSettingsAsync).RequireAuthorization(Policies.BureauAdmin);
        cycle.MapGet("/publication/corrections", GetCorrectionsAsync).RequireAuthorization(Policies.BureauAdmin);
        cycle.MapPost("/publication/corrections", PostCorrectionAsync).RequireAuthorization(Policies.BureauAdmin);
        cycle.MapGet("/reports/circular", CircularAsync).RequireAuthorization(Policies.BureauAdmin);
        cycle.MapGet("/reports/feedback/{centerId:int}", FeedbackAsync).RequireAuthorization(ReportPolicies.CenterDocuments);
        cycle.MapGet("/reports/rectification/{centerId:int}", RectificationAsync).RequireAuthorization(ReportPolicies.CenterDocuments);
        cycle.MapPost("/reports/feedback-zip", StartZipAsync).RequireAuthorization(Policies.BureauAdmin);

        var jobs = app.MapGroup("/api/report-jobs").WithTags("通报与报告");
        jobs.MapGet("/{jobId:guid}", GetJob).RequireAuthorization(Policies.BureauAdmin);
        jobs.MapGet("/{jobId:guid}/file", GetJobFile).RequireAuthorization(Policies.BureauAdmin);
        return app;
    }

    /// <summary>A correction of a published circular's settings: the values it replaced and those it stored, why, who and when.</summary>
    public sealed record CorrectionView(
        int Id, DateTimeOffset CorrectedAt, string CorrectedBy, string Reason, long Version, PublicationSettingsDto Previous, PublicationSettingsDto Corrected);

    public sealed record JobView(Guid Id, int CycleId, ReportJobStatus Status, int Done, int Total, string? Error, string? FileUrl);

    internal static async Task<Ok<PublicationSettingsDto>> GetSettingsAsync(int id, HttpResponse response, AssessmentDbContext db, CancellationToken cancellationToken)
    {
        var cycle = await CycleAsync(db, id, cancellationToken);
        var stored = await db.PublicationSettings.AsNoTracking().FirstOrDefaultAsync(s => s.CycleId == id, cancellationToken);
        var settings = stored ?? PublicationDefaults.For(cycle);
        response.SetETag(settings.Version);
        return TypedResults.Ok(PublicationSettingsDto.From(settings, stored is not null));
    }

    internal static async Task<Ok<PublicationSettingsDto>> PutSettingsAsync(
        int id, PublicationSettingsDto body, HttpRequest request, HttpResponse response, AssessmentDbContext db, CriteriaRegistry registry, CancellationToken cancellationToken)
    {
        var version = request.RequiredVersion();
        var settings = await PublicationSettingsStore.SaveAsync(db, registry, id, body, version, cancellationToken);
        response.SetETag(settings.Version);
        return TypedResults.Ok(PublicationSettingsDto.From(settings, true));
    }

    /// <summary>The corrections of a published cycle's settings, oldest first (empty before any).</summary>
    internal static async Task<Ok<CorrectionView[]>> GetCorrectionsAsync(int id, AssessmentDbContext db, CancellationToken cancellationToken)
    {
        await CycleAsync(db, id, cancellationToken);
        var corrections = await db.PublicationCorrections.AsNoTracking().Where(c => c.CycleId == id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(corrections.Select(View).ToArray());
    }

    /// <summary>Corrects a published cycle's settings (the body: the settings with <c>correctionReason</c>; If-Match: their version).</summary>
    internal static async Task<Created<CorrectionView>> PostCorrectionAsync(
        int id, PublicationSettingsDto body, HttpRequest request, HttpResponse response, AssessmentDbContext db, CriteriaRegistry registry,
        ICurrentActor actor, TimeProvider clock, CancellationToken cancellationToken)
    {
        var version = request.RequiredVersion();
        var correction = await PublicationSettingsStore.CorrectAsync(db, registry, actor, clock, id, body, version, cancellationToken);
        response.SetETag(correction.Version);
        return TypedResults.Created($"/api/cycles/{id}/publication/corrections", View(correction));
    }

    internal static async Task<FileContentHttpResult> CircularAsync(int id, ReportModels models, CancellationToken cancellationToken)
    {
        var cycle = await models.PublishedCycleAsync(id, cancellationToken);
        var document = CircularWriter.Write(await models.CircularAsync(cycle, cancellationToken));
        return TypedResults.File(document, DocxType, $"{cycle.Year}年度考核情况通报.docx");
    }

    internal static async Task<FileContentHttpResult> FeedbackAsync(int id, int centerId, ClaimsPrincipal user, ReportModels models, AssessmentDbContext db, CancellationToken cancellationToken)
    {
        var center = await CenterAsync(user, db, centerId, cancellationToken);
        var cycle = await models.PublishedCycleAsync(id, cancellationToken);
        var document = FeedbackLetterWriter.Write(await models.FeedbackLetterAsync(cycle, center, cancellationToken));
        return TypedResults.File(document, DocxType, $"{center.Name}{cycle.Year}年度考核情况反馈意见.docx");
    }

    internal static async Task<FileContentHttpResult> RectificationAsync(int id, int centerId, ClaimsPrincipal user, AssessmentDbContext db, ReportModels models, CancellationToken cancellationToken)
    {
        var center = await CenterAsync(user, db, centerId, cancellationToken);
        var cycle = await CycleAsync(db, id, cancellationToken);
        var document = RectificationReportWriter.Write(await models.RectificationReportAsync(cycle, center, cancellationToken));
        return TypedResults.File(document, DocxType, $"{center.Name}{cycle.Year}年度整改情况报告.docx");
    }

    internal static async Task<Accepted<JobView>> StartZipAsync(int id, ClaimsPrincipal user, ReportModels models, FeedbackZipJobs jobs, CancellationToken cancellationToken)
    {
        var cycle = await models.PublishedCycleAsync(id, cancellationToken);
        var job = jobs.Enqueue(cycle.Id, cycle.Year, user.UserId() ?? "");
        return TypedResults.Accepted($"/api/report-jobs/{job.Id}", View(job));
    }

    internal static Ok<JobView> GetJob(Guid jobId, FeedbackZipJobs jobs) => TypedResults.Ok(View(Job(jobs, jobId)));

    internal static FileContentHttpResult GetJobFile(Guid jobId, FeedbackZipJobs jobs)
    {
        var job = Job(jobs, jobId);
        if (job.Status != ReportJobStatus.Completed || job.Zip is null)
        {
            throw WorkflowException.Conflict(job.Status == ReportJobStatus.Failed
                ? $"生成失败：{job.Error}"
                : $"文件尚未生成完毕（{job.Done}/{job.Total}）。", new Dictionary<string, string[]> { ["jobId"] = [job.Status.ToString()] });
        }

        return TypedResults.File(job.Zip, "application/zip", job.FileName);
    }

    private static CorrectionView View(PublicationCorrection c) =>
        new(c.Id, c.CorrectedAt, c.CorrectedByName, c.Reason, c.Version, PublicationSettingsStore.ValuesOf(c.Previous), PublicationSettingsStore.ValuesOf(c.Corrected));

    private static JobView View(FeedbackZipJob job) =>
        new(job.Id, job.CycleId, job.Status, job.Done, job.Total, job.Error, job.Status == ReportJobStatus.Completed ? $"/api/report-jobs/{job.Id}/file" : null);

    private static FeedbackZipJob Job(FeedbackZipJobs jobs, Guid jobId) =>
        jobs.Find(jobId) ?? throw WorkflowException.NotFound($"生成任务 {jobId} 不存在（任务在应用重启后不再保留）。");

    private static async Task<AssessmentCycle> CycleAsync(AssessmentDbContext db, int id, CancellationToken cancellationToken) =>
        await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw WorkflowException.NotFound($"考核周期 {id} 不存在。");

    /// <summary>The bureau: any center; center staff: their own only (403 otherwise, before anything is read).</summary>
    private static async Task<Center> CenterAsync(ClaimsPrincipal user, AssessmentDbContext db, int centerId, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.BureauAdmin) && user.CenterOf() != centerId)
        {
            throw WorkflowException.Forbidden($"您只能下载本中心的文件，无权下载中心 {centerId} 的文件。");
        }

        return await db.Centers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == centerId, cancellationToken)
            ?? throw WorkflowException.NotFound($"公共资源交易中心 {centerId} 不存在。");
    }
}

/// <summary>The policies of the report downloads beyond <see cref="Policies"/>.</summary>
public static class ReportPolicies
{
    /// <summary>A center's feedback letter and rectification report: the bureau, or staff of that center (checked per request).</summary>
    public const string CenterDocuments = "Reports.CenterDocuments";
}

public static class ReportsServiceCollectionExtensions
{
    /// <summary>The report models, the zip job queue and its worker, and <see cref="ReportPolicies"/>.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<ReportModels>();
        services.AddSingleton<FeedbackZipJobs>();
        services.AddHostedService<FeedbackZipWorker>();
        services.AddAuthorizationBuilder().AddPolicy(ReportPolicies.CenterDocuments, p => p
            .RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.IsInRole(Roles.BureauAdmin) || (c.User.IsInRole(Roles.CenterStaff) && c.User.CenterOf() is not null)));
        return services;
    }
}
