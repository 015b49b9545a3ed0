using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Assessment.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Assessment.Web.Pages.Ledger;

/// <summary>
/// Where the ledgers of a cycle stand: the completion rate province-wide (bureau and analysts) and per center, the
/// overdue items and those due soon. Inspectors see the centers they are assigned to; center staff are sent to their
/// own center's ledger.
/// </summary>
[Authorize(Policy = RectificationPolicies.Read)]
public sealed class IndexModel(AssessmentDbContext db, LedgerAccess access, TimeProvider clock, IOptions<RectificationOptions> options) : PageModel
{
    public IReadOnlyList<AssessmentCycle> Cycles { get; private set; } = [];

    public AssessmentCycle? Cycle { get; private set; }

    /// <summary>The bureau and analysts see the province; inspectors only their centers.</summary>
    public bool ProvinceWide { get; private set; }

    public LedgerProgress? Total { get; private set; }

    public IReadOnlyList<CenterRow> Centers { get; private set; } = [];

    public IReadOnlyList<ReminderItem> Overdue { get; private set; } = [];

    public IReadOnlyList<ReminderItem> DueSoon { get; private set; } = [];

    public int DueSoonDays => options.Value.DueSoonDays;

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? cycle, CancellationToken cancellationToken)
    {
        if (User.IsInRole(Roles.CenterStaff))
        {
            var own = User.CenterOf();
            var latest = await db.RectificationLedgers.AsNoTracking().Where(l => l.CenterId == own)
                .OrderByDescending(l => l.Cycle!.Year).Select(l => new { l.CenterId, l.CycleId }).FirstOrDefaultAsync(cancellationToken);
            return latest is null ? Redirect("/center") : Redirect($"/ledger/{latest.CenterId}/{latest.CycleId}");
        }

        Today = LedgerService.Today(clock);
        ProvinceWide = User.IsInRole(Roles.BureauAdmin) || User.IsInRole(Roles.Analyst);
        Cycles = await db.Cycles.AsNoTracking().Where(c => db.RectificationLedgers.Any(l => l.CycleId == c.Id))
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.Id).ToListAsync(cancellationToken);
        Cycle = cycle is { } id ? Cycles.FirstOrDefault(c => c.Id == id) : Cycles.Count > 0 ? Cycles[0] : null;
        if (cycle is not null && Cycle is null)
        {
            return NotFound();
        }

        if (Cycle is null)
        {
            return Page();
        }

        var ledgers = await db.RectificationLedgers.AsNoTracking().Where(l => l.CycleId == Cycle.Id)
            .Include(l => l.Center).Include(l => l.Findings).ThenInclude(f => f.Actions)
            .OrderBy(l => l.Center!.Code)
            .AsSplitQuery().ToListAsync(cancellationToken);
        var visible = new List<RectificationLedger>();
        foreach (var ledger in ledgers)
        {
            if (ProvinceWide || await CanReadAsync(ledger.CenterId, cancellationToken))
            {
                visible.Add(ledger);
            }
        }

        Centers = visible.Select(l => new CenterRow(l.CenterId, l.Center!.Name, LedgerProgress.Of(l, Today))).ToList();
        Total = LedgerProgress.Sum(Centers.Select(c => c.Progress));
        Overdue = visible.SelectMany(l => ReminderItem.Overdue(l, l.Center!.Name, Today)).OrderBy(r => r.Deadline).ThenBy(r => r.CenterName, StringComparer.Ordinal).ToList();
        DueSoon = visible.SelectMany(l => ReminderItem.DueSoon(l, l.Center!.Name, Today, DueSoonDays)).OrderBy(r => r.Deadline).ThenBy(r => r.CenterName, StringComparer.Ordinal).ToList();
        return Page();
    }

    private async Task<bool> CanReadAsync(int centerId, CancellationToken cancellationToken)
    {
        try
        {
            await access.EnsureCanReadAsync(User, centerId, cancellationToken);
            return true;
        }
        catch (LedgerRuleException)
        {
            return false;
        }
    }

    public sealed record CenterRow(int CenterId, string CenterName, LedgerProgress Progress);
}
