using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Workflow;

/// <summary>Creates assessment cycles pinned to a criteria version and moves them draft → open → under review.</summary>
public sealed class CycleService(AssessmentDbContext db, CriteriaImporter importer)
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>Creates a draft cycle, importing its criteria version (with the hash) if not yet imported.</summary>
    public async Task<AssessmentCycle> CreateAsync(NewCycle request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        if (request.Year is < MinYear or > MaxYear)
        {
            errors["year"] = [$"年度应在 {MinYear}–{MaxYear} 之间。"];
        }

        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > AssessmentCycle.TitleMaxLength)
        {
            errors["title"] = [$"标题不能为空，且不超过 {AssessmentCycle.TitleMaxLength} 个字符。"];
        }

        if (request.ScheduleStart.Year is < MinYear or > MaxYear + 1)
        {
            errors["scheduleStart"] = [$"请填写开始日期（{MinYear}–{MaxYear + 1} 年）。"];
        }

        if (request.ScheduleEnd.Year is < MinYear or > MaxYear + 1)
        {
            errors["scheduleEnd"] = [$"请填写结束日期（{MinYear}–{MaxYear + 1} 年）。"];
        }
        else if (request.ScheduleEnd < request.ScheduleStart)
        {
            errors["scheduleEnd"] = ["结束日期不能早于开始日期。"];
        }

        if (errors.Count > 0)
        {
            throw WorkflowException.Invalid("考核周期信息有误。", errors);
        }

        var criteria = await importer.EnsureImportedAsync(request.CriteriaVersionId, cancellationToken);
        var cycle = new AssessmentCycle
        {
            Year = request.Year,
            Title = request.Title.Trim(),
            CriteriaVersionId = criteria.Id,
            ScheduleStart = request.ScheduleStart,
            ScheduleEnd = request.ScheduleEnd,
        };
        db.Cycles.Add(cycle);
        await db.SaveChangesAsync(cancellationToken);
        return cycle;
    }

    /// <summary>Draft → open: centers and inspectors may answer.</summary>
    /// <param name="expectedVersion">The version the caller saw (a page's form); a stale one is refused with 412. Null skips the check.</param>
    public Task<AssessmentCycle> OpenAsync(int cycleId, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        MoveAsync(cycleId, CycleStatus.Draft, CycleStatus.Open, expectedVersion, cancellationToken);

    /// <summary>Open → under review: the bureau reviews and finalizes.</summary>
    /// <param name="expectedVersion">The version the caller saw (a page's form); a stale one is refused with 412. Null skips the check.</param>
    public Task<AssessmentCycle> StartReviewAsync(int cycleId, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        MoveAsync(cycleId, CycleStatus.Open, CycleStatus.UnderReview, expectedVersion, cancellationToken);

    public async Task<AssessmentCycle> FindAsync(int cycleId, CancellationToken cancellationToken = default) =>
        await db.Cycles.FirstOrDefaultAsync(c => c.Id == cycleId, cancellationToken)
        ?? throw WorkflowException.NotFound($"考核周期 {cycleId} 不存在。");

    private async Task<AssessmentCycle> MoveAsync(int cycleId, CycleStatus from, CycleStatus to, long? expectedVersion, CancellationToken cancellationToken)
    {
        var cycle = await FindAsync(cycleId, cancellationToken);
        if (cycle.Status != from)
        {
            throw WorkflowException.Conflict($"考核周期 {cycleId} 当前状态为“{StatusNames.Of(cycle.Status)}”，不能改为“{StatusNames.Of(to)}”。");
        }

        if (expectedVersion is { } expected && expected != cycle.Version)
        {
            throw WorkflowException.PreconditionFailed($"考核周期 {cycleId} 已被他人修改（当前版本 {cycle.Version}，您的版本 {expected}），请刷新后重试。");
        }

        cycle.Status = to;
        await db.SaveChangesAsync(cancellationToken);
        return cycle;
    }
}

public sealed record NewCycle(int Year, string Title, string CriteriaVersionId, DateOnly ScheduleStart, DateOnly ScheduleEnd);

/// <summary>Chinese names of the statuses, for messages.</summary>
public static class StatusNames
{
    public static string Of(CycleStatus status) => status switch
    {
        CycleStatus.Draft => "草稿",
        CycleStatus.Open => "进行中",
        CycleStatus.UnderReview => "审核中",
        CycleStatus.Published => "已发布",
        _ => status.ToString(),
    };

    public static string Of(AssessmentStatus status) => status switch
    {
        AssessmentStatus.Draft => "填报中",
        AssessmentStatus.Submitted => "已提交",
        AssessmentStatus.Finalized => "已定稿",
        _ => status.ToString(),
    };

    public static string Of(AssessmentKind kind) => kind == AssessmentKind.SelfAssessment ? "自评" : "考核";
}
