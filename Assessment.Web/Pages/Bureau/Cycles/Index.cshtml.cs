using Assessment.Web.Bureau;
using Assessment.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.Bureau.Cycles;

/// <summary>The bureau's list of cycles with their status and how far each has come.</summary>
[Authorize(Policy = Policies.BureauAdmin)]
public sealed class IndexModel(BureauQueries queries) : PageModel
{
    public IReadOnlyList<CycleSummary> Cycles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Cycles = await queries.CyclesAsync(publishedOnly: false, cancellationToken);
}
