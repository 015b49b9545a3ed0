using Assessment.Web.Reports;
using Assessment.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.Bureau.ReportJobs;

/// <summary>
/// The progress of a zip job (all feedback letters of a cycle): n of N, then the download. Refreshes itself without
/// script; with script it polls <c>GET /api/report-jobs/{id}</c> instead.
/// </summary>
[Authorize(Policy = Policies.BureauAdmin)]
public sealed class JobModel(FeedbackZipJobs jobs) : PageModel
{
    public FeedbackZipJob Job { get; private set; } = null!;

    public bool Finished => Job.Status is ReportJobStatus.Completed or ReportJobStatus.Failed;

    public IActionResult OnGet(Guid jobId)
    {
        if (jobs.Find(jobId) is not { } job)
        {
            return NotFound();
        }

        Job = job;
        return Page();
    }
}
