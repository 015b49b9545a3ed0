using Assessment.Scoring.Criteria;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Assessment.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Pages.Criteria;

/// <summary>
/// The criteria schemes and their versions as the application serves them (<see cref="CriteriaRegistry"/>): id, title,
/// hash, dimensions and weights, item count, whether the version is released (locked in criteria.lock) and whether
/// finalized assessments were scored against it.
/// </summary>
/// <remarks>
/// Policy <see cref="Policies.SignedIn"/>: the criteria are the bureau's published documents (the JSON API serves them
/// anonymously), so every signed-in user may read them whatever their role; the pages are behind sign-in only
/// because they belong to the application's shell and show which versions are in use.
/// </remarks>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(CriteriaRegistry registry, AssessmentDbContext db) : PageModel
{
    public IReadOnlyList<IGrouping<string, CriteriaVersion>> Schemes { get; private set; } = [];

    public IReadOnlySet<string> InUse { get; private set; } = new HashSet<string>();

    public IReadOnlyList<CriteriaVersion> Versions => registry.Versions;

    public bool IsLocked(CriteriaVersion version) => registry.IsLocked(version.Id);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Schemes = [.. registry.Versions.OrderBy(v => v.Scheme, StringComparer.Ordinal).ThenBy(v => v.EffectiveDate).GroupBy(v => v.Scheme)];
        InUse = await VersionsInUseAsync(db, cancellationToken);
    }

    /// <summary>Versions a finalized assessment was scored against (the database refuses to change those).</summary>
    internal static async Task<IReadOnlySet<string>> VersionsInUseAsync(AssessmentDbContext db, CancellationToken cancellationToken) =>
        (await db.Scorecards.AsNoTracking().Select(s => s.CriteriaVersionId).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
}
