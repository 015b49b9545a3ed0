using Assessment.Web.Bureau;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.Results;

/// <summary>A published cycle's ranking and charts (the same component as the bureau's dashboard) with the feed URLs for Excel.</summary>
[Authorize(Policy = BureauPolicies.ResultsPages)]
public sealed class CycleModel(BureauQueries queries) : PageModel
{
    public CycleResultsView Results { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "center")]
    public int? SelectedCenter { get; set; }

    public async Task<IActionResult> OnGetAsync(int cycleId, CancellationToken cancellationToken)
    {
        var cycle = await queries.CycleAsync(cycleId, cancellationToken);
        if (cycle.Status != CycleStatus.Published)
        {
            // Unpublished results exist for nobody but the bureau, which sees the preview on its dashboard.
            return NotFound();
        }

        (Results, _) = await queries.ResultsAsync(cycle, SelectedCenter, cancellationToken);
        return Page();
    }
}
