using System.Linq.Expressions;
using System.Security.Claims;
using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.OData;

/// <summary>
/// What a caller of the feed may read, established from the user's roles before any query runs:
/// the bureau everything; analysts every published cycle; center staff their own center (its
/// self-assessments at any time, the rest once the cycle is published); inspectors the centers of
/// the assessments they are assigned to. Roles add up.
/// </summary>
public sealed class FeedScope
{
    private FeedScope(bool everything, bool published, IReadOnlyList<int> inspectedCenters, int ownCenter)
    {
        Everything = everything;
        Published = published;
        InspectedCenters = inspectedCenters;
        OwnCenter = ownCenter;
    }

    /// <summary>Bureau administrators: every cycle, published or not.</summary>
    public bool Everything { get; }

    /// <summary>Analysts (and the bureau): every published cycle.</summary>
    public bool Published { get; }

    /// <summary>Centers of the assessments an inspector is assigned to, in any cycle.</summary>
    public IReadOnlyList<int> InspectedCenters { get; }

    /// <summary>A center staff member's center; -1 when none (ids are positive).</summary>
    public int OwnCenter { get; }

    public bool IsEmpty => !Everything && !Published && InspectedCenters.Count == 0 && OwnCenter < 0;

    public static FeedScope Unrestricted { get; } = new(true, true, [], -1);

    public static async Task<FeedScope> ForAsync(ClaimsPrincipal user, AssessmentDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(db);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return new FeedScope(false, false, [], -1);
        }

        var everything = user.IsInRole(Roles.BureauAdmin);
        var published = everything || user.IsInRole(Roles.Analyst);
        var ownCenter = -1;
        if (user.IsInRole(Roles.CenterStaff))
        {
            ownCenter = await db.Users.Where(u => u.Id == userId).Select(u => u.CenterId).SingleOrDefaultAsync(cancellationToken) ?? -1;
        }

        IReadOnlyList<int> inspected = [];
        if (user.IsInRole(Roles.Inspector))
        {
            inspected = await db.AssessmentInspectors
                .Where(j => j.UserId == userId)
                .Join(db.Assessments, j => j.AssessmentId, a => a.Id, (j, a) => a.CenterId)
                .Distinct()
                .ToListAsync(cancellationToken);
        }

        return new FeedScope(everything, published, inspected, ownCenter);
    }

    /// <summary>Assessments (and their scorecards) the caller may read.</summary>
    public Expression<Func<AssessmentRecord, bool>> Assessments()
    {
        // Captured in a closure, the values become SQL parameters.
        var everything = Everything;
        var published = Published;
        var inspected = InspectedCenters.ToList();
        var own = OwnCenter;
        return a => everything
            || (published && a.Cycle!.Status == CycleStatus.Published)
            || inspected.Contains(a.CenterId)
            || (a.CenterId == own && (a.Kind == AssessmentKind.SelfAssessment || a.Cycle!.Status == CycleStatus.Published));
    }

    /// <summary>Centers the caller may read.</summary>
    public Expression<Func<Center, bool>> Centers()
    {
        var all = Published;
        var inspected = InspectedCenters.ToList();
        var own = OwnCenter;
        return c => all || inspected.Contains(c.Id) || c.Id == own;
    }

    /// <summary>
    /// Rectification ledgers the caller may read: the bureau all; analysts those of published cycles; inspectors
    /// those of the centers they are assigned to; center staff their own center's (theirs to maintain, in any cycle).
    /// </summary>
    public Expression<Func<RectificationLedger, bool>> Ledgers()
    {
        var everything = Everything;
        var published = Published;
        var inspected = InspectedCenters.ToList();
        var own = OwnCenter;
        return l => everything
            || (published && l.Cycle!.Status == CycleStatus.Published)
            || inspected.Contains(l.CenterId)
            || l.CenterId == own;
    }

    /// <summary>Published results the caller may read (the bureau also those of cycles not yet published).</summary>
    public Expression<Func<CycleResult, bool>> Results()
    {
        var everything = Everything;
        var published = Published;
        var inspected = InspectedCenters.ToList();
        var own = OwnCenter;
        return r => everything
            || (r.Cycle!.Status == CycleStatus.Published && (published || inspected.Contains(r.CenterId) || r.CenterId == own));
    }

    /// <summary>Cycles the caller may read: published ones, and those holding an assessment the caller may read.</summary>
    public Expression<Func<AssessmentCycle, bool>> Cycles(IQueryable<AssessmentRecord> visibleAssessments)
    {
        var everything = Everything;
        var published = Published;
        var anyCenter = InspectedCenters.Count > 0 || OwnCenter >= 0;
        return c => everything
            || ((published || anyCenter) && c.Status == CycleStatus.Published)
            || visibleAssessments.Any(a => a.CycleId == c.Id);
    }
}
