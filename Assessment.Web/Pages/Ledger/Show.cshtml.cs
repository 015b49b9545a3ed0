using System.Security.Claims;
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
/// One center's ledger for one cycle: aspects → problems → specific problems with their plan, status, evidence and
/// verification; overdue and due-soon items flagged at the top. Whoever may read the ledger through the API may read
/// it here (<see cref="LedgerAccess"/>); the center (and the bureau) edit actions on their own page, the bureau closes
/// (销号) or sends back (退回) here through <see cref="LedgerService"/>, whose refusals are shown as they are.
/// </summary>
[Authorize(Policy = RectificationPolicies.Read)]
public sealed class ShowModel(
    AssessmentDbContext db, LedgerAccess access, LedgerService ledgers, TimeProvider clock, IOptions<RectificationOptions> options) : PageModel
{
    public RectificationLedger Ledger { get; private set; } = null!;

    public Persistence.Center Center { get; private set; } = null!;

    public AssessmentCycle Cycle { get; private set; } = null!;

    public LedgerProgress Progress { get; private set; } = null!;

    public IReadOnlyList<ReminderItem> Overdue { get; private set; } = [];

    public IReadOnlyList<ReminderItem> DueSoon { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public int DueSoonDays => options.Value.DueSoonDays;

    /// <summary>May change the actions' plan, status and evidence, and import (the center's staff and the bureau).</summary>
    public bool CanEdit { get; private set; }

    /// <summary>May close and send back (the bureau).</summary>
    public bool CanVerify => User.IsInRole(Roles.BureauAdmin);

    /// <summary>Evidence files of the center by id.</summary>
    public IReadOnlyDictionary<int, EvidenceFile> Evidence { get; private set; } = new Dictionary<int, EvidenceFile>();

    /// <summary>Display names of the verifiers by user id.</summary>
    public IReadOnlyDictionary<string, string> Verifiers { get; private set; } = new Dictionary<string, string>();

    /// <summary>The refusal of the last verification, by action id (shown beside its form).</summary>
    public Dictionary<int, string> Errors { get; } = [];

    /// <summary>What the last request did, from the redirect after it (closed, sentback, saved, imported).</summary>
    public string? Done { get; private set; }

    public int? DoneItem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int centerId, int cycleId, string? done, int? item, CancellationToken cancellationToken)
    {
        Done = done;
        DoneItem = item;
        return await LoadAsync(centerId, cycleId, cancellationToken) ?? Page();
    }

    public Task<IActionResult> OnPostCloseAsync(int centerId, int cycleId, int actionId, string? conclusion, CancellationToken cancellationToken) =>
        VerifyAsync(centerId, cycleId, actionId, "closed", (action, user) => ledgers.CloseAsync(action, conclusion, user, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostSendBackAsync(int centerId, int cycleId, int actionId, string? reason, CancellationToken cancellationToken) =>
        VerifyAsync(centerId, cycleId, actionId, "sentback", (action, user) => ledgers.SendBackAsync(action, reason, user, cancellationToken), cancellationToken);

    private async Task<IActionResult> VerifyAsync(
        int centerId, int cycleId, int actionId, string done, Func<RectificationAction, string, Task> verify, CancellationToken cancellationToken)
    {
        if (!CanVerify || User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return Forbid();
        }

        var ledger = await ledgers.FindLedgerAsync(centerId, cycleId, cancellationToken);
        var action = ledger?.Findings.SelectMany(f => f.Actions).FirstOrDefault(a => a.Id == actionId);
        if (action is null)
        {
            return NotFound();
        }

        try
        {
            await verify(action, userId);
            return Redirect($"/ledger/{centerId}/{cycleId}?done={done}&item={actionId}#action-{actionId}");
        }
        catch (LedgerRuleException e)
        {
            Errors[actionId] = e.Message;
        }
        catch (DbUpdateConcurrencyException)
        {
            Errors[actionId] = "整改事项已被他人修改，请刷新后重试。";
        }

        // Nothing of the refused request stays: the page is rendered from the database as it is.
        db.ChangeTracker.Clear();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await LoadAsync(centerId, cycleId, cancellationToken) ?? Page();
    }

    /// <summary>Loads the ledger for the page; a result when the user may not read it or it does not exist.</summary>
    private async Task<IActionResult?> LoadAsync(int centerId, int cycleId, CancellationToken cancellationToken)
    {
        try
        {
            await access.EnsureCanReadAsync(User, centerId, cancellationToken);
        }
        catch (LedgerRuleException)
        {
            return Forbid();
        }

        var ledger = await ledgers.FindLedgerAsync(centerId, cycleId, cancellationToken);
        if (ledger is null)
        {
            return NotFound();
        }

        Ledger = ledger;
        Center = await db.Centers.AsNoTracking().FirstAsync(c => c.Id == centerId, cancellationToken);
        Cycle = await db.Cycles.AsNoTracking().FirstAsync(c => c.Id == cycleId, cancellationToken);
        Today = LedgerService.Today(clock);
        Progress = LedgerProgress.Of(ledger, Today);
        Overdue = [.. ReminderItem.Overdue(ledger, Center.Name, Today).OrderBy(r => r.Deadline)];
        DueSoon = [.. ReminderItem.DueSoon(ledger, Center.Name, Today, DueSoonDays).OrderBy(r => r.Deadline)];
        CanEdit = await CanEditAsync(centerId, cancellationToken);

        var actions = ledger.Findings.SelectMany(f => f.Actions).ToList();
        var evidenceIds = actions.SelectMany(a => a.EvidenceIds).Distinct().ToList();
        Evidence = await db.EvidenceFiles.AsNoTracking().Where(e => evidenceIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var verifierIds = actions.SelectMany(a => a.Verifications).Select(v => v.VerifierId).Distinct().ToList();
        Verifiers = await db.Users.AsNoTracking().Where(u => verifierIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return null;
    }

    private async Task<bool> CanEditAsync(int centerId, CancellationToken cancellationToken)
    {
        try
        {
            await access.EnsureCanEditActionsAsync(User, centerId, cancellationToken);
            return true;
        }
        catch (LedgerRuleException)
        {
            return false;
        }
    }

    /// <summary>The evidence file can be opened through the checklist API by the bureau and the center's own staff.</summary>
    public bool CanOpenEvidence => User.IsInRole(Roles.BureauAdmin) || (User.IsInRole(Roles.CenterStaff) && User.CenterOf() == Center.Id);

    public bool IsOverdue(RectificationAction action) => action.IsOverdue(Today);

    public bool IsDueSoon(RectificationAction action) => action.IsDueSoon(Today, DueSoonDays);

    public static string Numeral(int n) => n switch
    {
        >= 1 and <= 10 => "一二三四五六七八九十"[n - 1].ToString(),
        > 10 and < 20 => "十" + "一二三四五六七八九"[n - 11],
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public string VerifierName(string id) => Verifiers.TryGetValue(id, out var name) ? name : id;
}
