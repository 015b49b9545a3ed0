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
/// preview), the charts, publishing, and the documents. Publishing and the zip job call the same services as the API.
/// </summary>
[Authorize(Policy = Policies.BureauAdmin)]
public sealed class DashboardModel(BureauQueries queries, CyclePublisher publisher, ReportModels reports, FeedbackZipJobs jobs) : PageModel
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

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Cycle = await queries.CycleAsync(id, cancellationToken);
        Matrix = await queries.StatusMatrixAsync(id, cancellationToken);
        (Results, Blocker) = await queries.ResultsAsync(Cycle, SelectedCenter, cancellationToken);
    }
}
