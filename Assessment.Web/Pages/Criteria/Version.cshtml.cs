using Assessment.Scoring.Criteria;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Assessment.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.Criteria;

/// <summary>One criteria version in full: items by dimension with their rules, vetoes, grades, the demonstration rule.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class VersionModel(CriteriaRegistry registry, AssessmentDbContext db) : PageModel
{
    public CriteriaVersion Version { get; private set; } = null!;

    public bool Locked { get; private set; }

    public bool InUse { get; private set; }

    public async Task<IActionResult> OnGetAsync(string versionId, CancellationToken cancellationToken)
    {
        if (registry.Find(versionId) is not { } version)
        {
            return NotFound();
        }

        Version = version;
        Locked = registry.IsLocked(version.Id);
        InUse = (await IndexModel.VersionsInUseAsync(db, cancellationToken)).Contains(version.Id);
        return Page();
    }
}
