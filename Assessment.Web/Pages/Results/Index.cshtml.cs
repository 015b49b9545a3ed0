using Assessment.Web.Bureau;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.Results;

/// <summary>The published cycles, for analysts and the bureau.</summary>
[Authorize(Policy = BureauPolicies.ResultsPages)]
public sealed class IndexModel(BureauQueries queries) : PageModel
{
    public IReadOnlyList<CycleSummary> Cycles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Cycles = await queries.CyclesAsync(publishedOnly: true, cancellationToken);
}
