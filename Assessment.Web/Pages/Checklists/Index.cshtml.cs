using Assessment.Scoring.Scoring;
using Assessment.Web.Persistence;
using Assessment.Web.Security;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Pages.Checklists;

/// <summary>
/// 我的考核: the checklists the user works on. An inspector sees the inspections assigned to them, center staff
/// their own center's self-assessments, the bureau every assessment; always the current revision, newest cycle first,
/// with the engine's progress (answered / total). <see cref="PageSize"/> per page (<c>?p=2</c>; <c>page</c> is the
/// Razor Pages route value), so the bureau's list of every year stays one page of work for the server.
/// </summary>
[Authorize(Policy = Policies.ChecklistUser)]
public sealed class IndexModel(AssessmentDbContext db, AssessmentService assessments) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The page shown, from 1 (a number out of range shows the nearest page).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int PageCount { get; private set; }

    /// <summary>How many assessments the list has in all pages.</summary>
    public int TotalCount { get; private set; }

    public sealed record Row(int Id, int Year, string CycleTitle, string CenterName, AssessmentKind Kind, AssessmentStatus Status, int Revision, int Answered, int Total, DateTimeOffset? LastSaved, bool CanEdit);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = db.Assessments.AsNoTracking()
            .Where(a => !db.Assessments.Any(b => b.CycleId == a.CycleId && b.CenterId == a.CenterId && b.Kind == a.Kind && b.Revision > a.Revision));
        var userId = User.UserId();
        if (!User.IsInRole(Roles.BureauAdmin))
        {
            // The database narrows to the candidates; AccessRules below decides, as the API does.
            var center = User.IsInRole(Roles.CenterStaff) ? User.CenterOf() : null;
            var inspector = User.IsInRole(Roles.Inspector);
            query = query.Where(a =>
                (inspector && a.Kind == AssessmentKind.Inspection && a.Inspectors.Any(i => i.Id == userId))
                || (center != null && a.Kind == AssessmentKind.SelfAssessment && a.CenterId == center));
        }

        TotalCount = await query.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var list = await query
            .OrderByDescending(a => a.Cycle!.Year).ThenByDescending(a => a.CycleId).ThenBy(a => a.CenterId).ThenBy(a => a.Kind).ThenBy(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Include(a => a.Cycle).ThenInclude(c => c!.CriteriaVersion)
            .Include(a => a.Center)
            .Include(a => a.Answers)
            .Include(a => a.VetoFindings)
            .Include(a => a.Inspectors)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        Rows = list.Where(a => AccessRules.CanRead(User, a)).Select(a =>
        {
            var criteria = assessments.CriteriaOf(a);
            var card = Scorer.Score(criteria, a.ToChecklist(criteria.Id));
            return new Row(a.Id, a.Cycle!.Year, a.Cycle.Title, a.Center?.Name ?? "", a.Kind, a.Status, a.Revision,
                card.Completeness.Answered, card.Completeness.Total, a.Answers.Count == 0 ? null : a.ModifiedAt, AccessRules.CanEdit(User, a));
        }).ToList();
    }
}
