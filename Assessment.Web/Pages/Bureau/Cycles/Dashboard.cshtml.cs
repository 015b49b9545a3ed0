using Assessment.Web.Bureau;
using Assessment.Web.Persistence;
using Assessment.Web.Reports;
using Assessment.Web.Security;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.Bureau.Cycles;

/// <summary>
/// A cycle's dashboard: which centers have self-assessed and been inspected, the ranking (stored, or the publisher's
/// preview), the charts, publishing, and the documents; while the cycle is a draft or open, its state transitions
/// (开启填报, 开始审核) and 安排考核. Every write calls the same service as the API (<see cref="CycleService"/>,
/// <see cref="AssessmentService.CreateAsync"/>, <see cref="CyclePublisher"/>, <see cref="FeedbackZipJobs"/>).
/// </summary>
[Authorize(Policy = Policies.BureauAdmin)]
public sealed class DashboardModel(BureauQueries queries, CyclePublisher publisher, ReportModels reports, FeedbackZipJobs jobs, CycleService cycles, AssessmentService assessments) : PageModel
{
    public AssessmentCycle Cycle { get; private set; } = null!;

    public IReadOnlyList<CenterStatus> Matrix { get; private set; } = [];

    public CycleResultsView Results { get; private set; } = null!;

    /// <summary>What publishing would be refused for now (the publisher's own refusal), before the bureau tries.</summary>
    public WorkflowException? Blocker { get; private set; }

    /// <summary>The refusal of a publish the bureau just tried.</summary>
    public WorkflowException? Refusal { get; private set; }

    [BindProperty(SupportsGet = true, Name = "center")]
    public int? SelectedCenter { get; set; }

    [BindProperty]
    public bool ConfirmPublish { get; set; }

    /// <summary>The cycle's version the page showed: a transition from a stale page is refused (412).</summary>
    [BindProperty]
    public long Version { get; set; }

    [BindProperty]
    public bool ConfirmTransition { get; set; }

    /// <summary>The refusal of a state transition the bureau just tried.</summary>
    public WorkflowException? TransitionRefusal { get; private set; }

    /// <summary>What 安排考核 offers (draft and open cycles only).</summary>
    public Scheduling? Scheduling { get; private set; }

    [BindProperty]
    public int? ScheduleCenterId { get; set; }

    [BindProperty]
    public AssessmentKind ScheduleKind { get; set; } = AssessmentKind.Inspection;

    [BindProperty]
    public List<string> InspectorIds { get; set; } = [];

    /// <summary>The refusal of a 安排考核 the bureau just tried.</summary>
    public WorkflowException? ScheduleRefusal { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken)
    {
        if (!ConfirmPublish)
        {
            ModelState.AddModelError(nameof(ConfirmPublish), "请勾选确认后再发布：发布后排名、等次和示范中心即对外公布，考核不能再修订。");
            await LoadAsync(id, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            var analysis = await publisher.PublishAsync(id, cancellationToken);
            Flash = $"已发布：{analysis.Rankings.Count} 个中心排名，示范中心 {analysis.Demonstration.Selected.Count} 个。";
            return Redirect($"/bureau/cycles/{id}");
        }
        catch (WorkflowException refusal) when (refusal.Status is StatusCodes.Status409Conflict or StatusCodes.Status422UnprocessableEntity)
        {
            Refusal = refusal;
            await LoadAsync(id, cancellationToken);
            Response.StatusCode = refusal.Status;
            return Page();
        }
    }

    /// <summary>开启填报: draft → open, as <c>POST /api/cycles/{id}/open</c>, with the page's version.</summary>
    public Task<IActionResult> OnPostOpenAsync(int id, CancellationToken cancellationToken) =>
        TransitionAsync(id, "请勾选确认后再开启填报：开启后各中心即可填报自评，考核组即可填报考核。", cycles.OpenAsync, "已开启填报。", cancellationToken);

    /// <summary>开始审核: open → under review, as <c>POST /api/cycles/{id}/review</c>, with the page's version.</summary>
    public Task<IActionResult> OnPostReviewAsync(int id, CancellationToken cancellationToken) =>
        TransitionAsync(id, "请勾选确认后再开始审核：开始审核后由省局审核定稿各中心的考核。", cycles.StartReviewAsync, "已开始审核。", cancellationToken);

    /// <summary>安排考核: a center's inspection (with its inspectors) or self-assessment, as <c>POST /api/cycles/{id}/assessments</c>.</summary>
    public async Task<IActionResult> OnPostScheduleAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            if (ScheduleCenterId is not { } centerId)
            {
                throw WorkflowException.Invalid("centerId", "请选择交易中心。");
            }

            var created = await assessments.CreateAsync(id, new NewAssessment(centerId, ScheduleKind, InspectorIds), cancellationToken);
            var center = (await queries.SchedulingAsync(id, cancellationToken)).Centers.FirstOrDefault(c => c.CenterId == centerId)?.Name;
            Flash = $"已安排{center}的{StatusNames.Of(created.Kind)}" + (created.Inspectors.Count > 0 ? $"，考核组：{string.Join("、", created.Inspectors.Select(i => i.DisplayName))}。" : "。");
            return Redirect($"/bureau/cycles/{id}");
        }
        catch (WorkflowException refusal) when (refusal.Status is StatusCodes.Status400BadRequest or StatusCodes.Status409Conflict)
        {
            ScheduleRefusal = refusal;
            await LoadAsync(id, cancellationToken);
            Response.StatusCode = refusal.Status;
            return Page();
        }
    }

    /// <summary>Starts the zip of every feedback letter (as <c>POST /api/cycles/{id}/reports/feedback-zip</c>) and shows its progress page.</summary>
    public async Task<IActionResult> OnPostZipAsync(int id, CancellationToken cancellationToken)
    {
        var cycle = await reports.PublishedCycleAsync(id, cancellationToken);
        var job = jobs.Enqueue(cycle.Id, cycle.Year, User.UserId() ?? "");
        return Redirect($"/bureau/report-jobs/{job.Id}");
    }

    /// <summary>The center a publisher error key (<c>center:{id}</c>) names, else the key.</summary>
    public string CenterOf(string key) =>
        key.StartsWith("center:", StringComparison.Ordinal) && int.TryParse(key["center:".Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var centerId)
            ? Matrix.FirstOrDefault(c => c.CenterId == centerId)?.Name ?? key
            : key;

    private async Task<IActionResult> TransitionAsync(int id, string unconfirmed, Func<int, long?, CancellationToken, Task<AssessmentCycle>> move, string done, CancellationToken cancellationToken)
    {
        if (!ConfirmTransition)
        {
            ModelState.AddModelError(nameof(ConfirmTransition), unconfirmed);
            await LoadAsync(id, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            await move(id, Version, cancellationToken);
            Flash = done;
            return Redirect($"/bureau/cycles/{id}");
        }
        catch (WorkflowException refusal) when (refusal.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
        {
            TransitionRefusal = refusal;
            await LoadAsync(id, cancellationToken);
            Response.StatusCode = refusal.Status;
            return Page();
        }
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Cycle = await queries.CycleAsync(id, cancellationToken);
        Matrix = await queries.StatusMatrixAsync(id, cancellationToken);
        (Results, Blocker) = await queries.ResultsAsync(Cycle, SelectedCenter, cancellationToken);
        if (Cycle.Status is CycleStatus.Draft or CycleStatus.Open)
        {
            Scheduling = await queries.SchedulingAsync(id, cancellationToken);
        }
    }
}
