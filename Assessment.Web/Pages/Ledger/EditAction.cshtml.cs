using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Assessment.Web.Pages.Ledger;

/// <summary>
/// The center updates one action: measures, 长效机制, status with progress note or completion date, and its evidence
/// (files the center already uploaded, or a new upload, filed with its current self-assessment as the API does). All
/// through <see cref="LedgerService"/> and <see cref="EvidenceUploads"/> in one transaction: a refused field is named and
/// nothing is saved, and an uploaded file is placed only as the transaction commits.
/// </summary>
[Authorize(Policy = RectificationPolicies.EditActions)]
public sealed class EditActionModel(
    AssessmentDbContext db, LedgerAccess access, LedgerService ledgers, EvidenceUploads uploads,
    CriteriaRegistry registry, IOptions<RectificationOptions> options) : PageModel
{
    [BindProperty]
    public ActionForm Form { get; set; } = new();

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public RectificationAction Action { get; private set; } = null!;

    public Finding Finding { get; private set; } = null!;

    public Persistence.Center Center { get; private set; } = null!;

    public AssessmentCycle Cycle { get; private set; } = null!;

    /// <summary>Evidence files the action may use: the center's self-assessment files and those already attached.</summary>
    public IReadOnlyList<EvidenceFile> EvidenceChoices { get; private set; } = [];

    /// <summary>Where a new upload is filed: the center's current draft self-assessment; null when there is none.</summary>
    public AssessmentRecord? UploadTarget { get; private set; }

    public async Task<IActionResult> OnGetAsync(int centerId, int cycleId, int actionId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(centerId, cycleId, actionId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        Form = ActionForm.Of(Action);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int centerId, int cycleId, int actionId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(centerId, cycleId, actionId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (ModelState.IsValid)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await SaveAsync(centerId, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return Redirect($"/ledger/{centerId}/{cycleId}?done=saved&item={actionId}#action-{actionId}");
            }
            catch (LedgerRuleException e)
            {
                ModelState.AddModelError(FieldOf(e.Field), e.Message);
            }
            catch (WorkflowException e)
            {
                ModelState.AddModelError(nameof(Upload), e.Message);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", "整改事项已被他人修改，请刷新后重试（本次修改未保存）。");
            }

            await transaction.RollbackAsync(cancellationToken);
        }

        // Nothing was saved: show the form again with what the user typed, over the ledger as stored.
        db.ChangeTracker.Clear();
        if (await LoadAsync(centerId, cycleId, actionId, cancellationToken) is { } gone)
        {
            return gone;   // access lost or the action no longer there meanwhile
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task SaveAsync(int centerId, CancellationToken cancellationToken)
    {
        long? expected = Form.Version;
        var evidence = (Form.EvidenceIds ?? []).Distinct().ToList();
        if (Upload is { Length: > 0 } upload)
        {
            if (UploadTarget is null)
            {
                throw new LedgerRuleException(422, "upload", "本中心当前没有填写中的自评，不能上传新的佐证材料；请从已上传的材料中选择。");
            }

            // Placed in the evidence folder only as the form's transaction commits: a refused field leaves no file.
            var file = await uploads.AttachAsync(UploadTarget.Id, null, upload, RateItem(UploadTarget), "upload", cancellationToken);
            evidence.Add(file.Id);
        }

        var measures = Clean(Form.Measures);
        var lastingRules = Clean(Form.LastingRules);
        if (measures != Action.Measures || lastingRules != Action.LastingRules)
        {
            await ledgers.UpdatePlanAsync(Action, new ActionPlanRequest(
                Action.SpecificProblem, Action.Target, measures, Action.ResponsibleLeader, Action.ResponsibleDepartment,
                Action.ResponsiblePerson, Action.Deadline, lastingRules), expected, cancellationToken);
            expected = null;
        }

        var note = Form.Status == ActionStatus.InProgress ? Clean(Form.ProgressNote) : null;
        var completedOn = Form.Status == ActionStatus.Completed ? Form.CompletedOn : null;
        if (Form.Status != Action.Status || completedOn != Action.CompletedOn || note != Action.ProgressNote)
        {
            await ledgers.SetStatusAsync(Action, new StatusRequest(Form.Status, completedOn, note), expected, cancellationToken);
            expected = null;
        }

        if (!evidence.Order().SequenceEqual(Action.EvidenceIds.Order()))
        {
            await ledgers.SetEvidenceAsync(Action, centerId, evidence, expected, cancellationToken);
        }
    }

    private async Task<IActionResult?> LoadAsync(int centerId, int cycleId, int actionId, CancellationToken cancellationToken)
    {
        try
        {
            await access.EnsureCanEditActionsAsync(User, centerId, cancellationToken);
        }
        catch (LedgerRuleException)
        {
            return Forbid();
        }

        var (action, actionCenter) = await LoadActionAsync(actionId, cancellationToken);
        if (action is null || actionCenter != centerId
            || !await db.RectificationLedgers.AnyAsync(l => l.Id == action.Finding!.LedgerId && l.CycleId == cycleId, cancellationToken))
        {
            return NotFound();
        }

        Action = action;
        Finding = action.Finding!;
        Center = await db.Centers.AsNoTracking().FirstAsync(c => c.Id == centerId, cancellationToken);
        Cycle = await db.Cycles.AsNoTracking().FirstAsync(c => c.Id == cycleId, cancellationToken);
        UploadTarget = await db.Assessments.AsNoTracking().Include(a => a.Cycle)
            .Where(a => a.CenterId == centerId && a.Kind == AssessmentKind.SelfAssessment && a.Status == AssessmentStatus.Draft)
            .OrderByDescending(a => a.Cycle!.Year).ThenByDescending(a => a.Revision)
            .FirstOrDefaultAsync(cancellationToken);
        var attached = action.EvidenceIds;
        EvidenceChoices = await db.EvidenceFiles.AsNoTracking()
            .Join(db.Assessments, e => e.AssessmentId, a => a.Id, (e, a) => new { File = e, a.CenterId, a.Kind })
            .Where(x => x.CenterId == centerId && (x.Kind == AssessmentKind.SelfAssessment || attached.Contains(x.File.Id)))
            .OrderByDescending(x => x.File.UploadedAt).Select(x => x.File)
            .ToListAsync(cancellationToken);
        return action.IsClosed ? Redirect($"/ledger/{centerId}/{cycleId}#action-{actionId}") : null;
    }

    private async Task<(RectificationAction? Action, int CenterId)> LoadActionAsync(int actionId, CancellationToken cancellationToken)
    {
        try
        {
            return await ledgers.LoadActionAsync(actionId, cancellationToken);
        }
        catch (LedgerRuleException)
        {
            return (null, 0);
        }
    }

    /// <summary>The item a rectification file supports in the self-assessment: the scheme's rate item (E6), if configured.</summary>
    private string? RateItem(AssessmentRecord self)
    {
        var criteria = registry.Find(self.Cycle!.CriteriaVersionId);
        return criteria is not null && options.Value.RateItems.TryGetValue(criteria.Scheme, out var items)
            ? items.FirstOrDefault(id => criteria.FindItem(id) is not null)
            : null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string FieldOf(string field) => field switch
    {
        "completedOn" => "Form.CompletedOn",
        "progressNote" => "Form.ProgressNote",
        "measures" => "Form.Measures",
        "lastingRules" => "Form.LastingRules",
        "status" => "Form.Status",
        "evidenceIds" => "Form.EvidenceIds",
        "upload" => nameof(Upload),
        _ => "",
    };

    public sealed class ActionForm
    {
        public string? Measures { get; set; }

        public string? LastingRules { get; set; }

        public ActionStatus Status { get; set; }

        public string? ProgressNote { get; set; }

        public DateOnly? CompletedOn { get; set; }

        public List<int>? EvidenceIds { get; set; }

        public long Version { get; set; }

        public static ActionForm Of(RectificationAction action) => new()
        {
            Measures = action.Measures,
            LastingRules = action.LastingRules,
            Status = action.Status,
            ProgressNote = action.ProgressNote,
            CompletedOn = action.CompletedOn,
            EvidenceIds = [.. action.EvidenceIds],
            Version = action.Version,
        };
    }
}
