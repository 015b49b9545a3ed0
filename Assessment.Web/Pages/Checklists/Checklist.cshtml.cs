using System.Globalization;
using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;
using Assessment.Web.Api;
using Assessment.Web.Persistence;
using Assessment.Web.Security;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Pages.Checklists;

/// <summary>
/// One assessment's checklist for on-site capture: the items by dimension with the engine's live points and
/// explanations (the same <see cref="ChecklistView"/> the API returns), progress, evidence. Without JavaScript the
/// form saves every changed item at once (with the page's version as If-Match) and submits; with it,
/// <c>checklist.js</c> saves each change through the API, offline first (see wwwroot/js/checklist.js).
/// </summary>
[Authorize(Policy = Policies.ChecklistUser)]
public sealed class ChecklistModel(AssessmentService assessments, EvidenceUploads uploads, AssessmentDbContext db, IServiceScopeFactory scopes) : PageModel
{
    public ChecklistView View { get; private set; } = null!;

    public CriteriaVersion Criteria { get; private set; } = null!;

    /// <summary>Whether this user may change answers now (edit rule, draft, cycle open).</summary>
    public bool CanEdit { get; private set; }

    public bool MayEdit { get; private set; }

    public IReadOnlyList<EvidenceRow> Evidence { get; private set; } = [];

    /// <summary>What the user posted, shown instead of the stored answers when the save was refused (nothing is lost).</summary>
    public IReadOnlyDictionary<string, ItemState> Posted { get; private set; } = new Dictionary<string, ItemState>();

    /// <summary>The refusal of the last post, if any, with the problems per item id (or field).</summary>
    public string? Problem { get; private set; }

    public IReadOnlyDictionary<string, string[]> Problems { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>Items another user changed since the page was loaded (412): the server's answer as text.</summary>
    public IReadOnlyDictionary<string, string> Conflicts { get; private set; } = new Dictionary<string, string>();

    /// <summary>Unanswered items the completeness check named when submitting (422).</summary>
    public IReadOnlyList<string> Missing { get; private set; } = [];

    /// <summary>A message after a save or a submit (a resource key of the page).</summary>
    [TempData]
    public string? Saved { get; set; }

    [TempData]
    public int? SavedItems { get; set; }

    public sealed record EvidenceRow(int Id, string? ItemId, string FileName, string ContentType);

    /// <summary>An item's answer as the form holds it: the value is "yes"/"no", a level code or a number.</summary>
    public sealed record ItemState(bool NotApplicable, string? Value, string? Note, string? Method)
    {
        public static ItemState Of(AnswerView? answer) => answer is null
            ? new(false, null, null, null)
            : new(answer.NotApplicable, ValueOf(answer.Met, answer.Level, answer.Number), answer.Note, answer.Method?.ToString());

        public static string? ValueOf(bool? met, string? level, decimal? number) =>
            met is { } m ? (m ? "yes" : "no") : level ?? number?.ToString("0.##########", CultureInfo.InvariantCulture);
    }

    public ItemState StateOf(ItemView item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Posted.TryGetValue(item.Id, out var posted) ? posted : ItemState.Of(item.Answer);
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var assessment = await assessments.LoadAsync(id, cancellationToken);
        if (!AccessRules.CanRead(User, assessment))
        {
            return Forbid();
        }

        await ShowAsync(assessments, assessment, cancellationToken);
        return Page();
    }

    /// <summary>Saves every item whose posted value differs from the stored answer, plus uploaded files, in one transaction.</summary>
    public async Task<IActionResult> OnPostSaveAsync(int id, CancellationToken cancellationToken)
    {
        var assessment = await assessments.LoadAsync(id, cancellationToken);
        if (!AccessRules.CanEdit(User, assessment))
        {
            return Forbid();
        }

        var criteria = assessments.CriteriaOf(assessment);
        var expected = PostedVersion();
        var posted = new Dictionary<string, ItemState>(StringComparer.Ordinal);
        var changed = new List<(CriteriaItem Item, ItemState State, IFormFile? File)>();
        var errors = new Dictionary<string, string[]>();
        foreach (var item in criteria.Items)
        {
            var state = Read(item);
            posted[item.Id] = state;
            var file = Request.Form.Files.GetFile("f_" + item.Id) is { Length: > 0 } f ? f : null;
            var stored = assessment.Answers.FirstOrDefault(a => a.ItemId == item.Id) is { } answer
                ? new ItemState(answer.NotApplicable, ItemState.ValueOf(answer.Met, answer.Level, answer.Number), answer.Note, answer.Method?.ToString())
                : new ItemState(false, null, null, null);
            if (Same(state, stored) && file is null)
            {
                continue;
            }

            if (!state.NotApplicable && state.Value is null && (state.Note is not null || state.Method is not null) && stored.Value is null && !stored.NotApplicable)
            {
                errors[item.Id] = ["请先填写结论（或选择不适用），再保存说明。"];
                continue;
            }

            changed.Add((item, state, file));
        }

        if (errors.Count > 0)
        {
            return await RefusedAsync(id, posted, new WorkflowException(StatusCodes.Status400BadRequest, $"{errors.Count} 项答案有误，未保存任何答案。", errors), cancellationToken);
        }

        if (changed.Count == 0)
        {
            Saved = "没有需要保存的修改。";
            return Redirect($"/checklists/{id}");
        }

        // One transaction for the files and the answers: the files are placed in the evidence folder only as it
        // commits, so a refused save (a stale version, an invalid answer) leaves neither rows nor files.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            long? version = expected;
            var evidence = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            foreach (var (item, _, file) in changed.Where(c => c.File is not null))
            {
                var added = await uploads.AttachAsync(id, version, file!, item.Id, item.Id, cancellationToken);
                version = null; // checked once, by the first write of this request
                evidence.TryAdd(item.Id, []);
                evidence[item.Id].Add(added.Id);
            }

            var inputs = changed
                .Where(c => c.State.NotApplicable || c.State.Value is not null)
                .Select(c => ToInput(c.Item, c.State, assessment.Answers.FirstOrDefault(a => a.ItemId == c.Item.Id)?.EvidenceIds, evidence.GetValueOrDefault(c.Item.Id)))
                .ToList();
            if (inputs.Count > 0)
            {
                await assessments.SaveAnswersAsync(id, version, new SaveAnswersRequest(inputs), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (WorkflowException refusal)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return await RefusedAsync(id, posted, refusal, cancellationToken);
        }

        SavedItems = changed.Count;
        return Redirect($"/checklists/{id}");
    }

    public async Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken cancellationToken)
    {
        var assessment = await assessments.LoadAsync(id, cancellationToken);
        if (!AccessRules.CanEdit(User, assessment))
        {
            return Forbid();
        }

        try
        {
            await assessments.SubmitAsync(id, PostedVersion(), cancellationToken);
        }
        catch (WorkflowException refusal)
        {
            return await RefusedAsync(id, new Dictionary<string, ItemState>(), refusal, cancellationToken);
        }

        Saved = "已提交，等待省局审核定稿。";
        return Redirect($"/checklists/{id}");
    }

    /// <summary>Shows the page again from a fresh read of the database, with what the user posted and why it was refused.</summary>
    private async Task<IActionResult> RefusedAsync(int id, Dictionary<string, ItemState> posted, WorkflowException refusal, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var fresh = scope.ServiceProvider.GetRequiredService<AssessmentService>();
        var assessment = await fresh.LoadAsync(id, cancellationToken);
        await ShowAsync(fresh, assessment, cancellationToken, scope.ServiceProvider.GetRequiredService<AssessmentDbContext>());
        Response.StatusCode = refusal.Status;
        Problem = refusal.Message;
        Problems = refusal.Errors;
        if (refusal.Status == StatusCodes.Status422UnprocessableEntity)
        {
            Missing = [.. Problems.Keys.Where(k => Criteria.FindItem(k) is not null)];
        }

        if (refusal.Status == StatusCodes.Status412PreconditionFailed)
        {
            // Another user saved in between: show the user's values, and for each item they changed that the other
            // user changed too, the server's answer; saving again (with the current version) keeps the user's.
            var items = View.Dimensions.SelectMany(d => d.Items).ToDictionary(i => i.Id, StringComparer.Ordinal);
            Conflicts = posted
                .Where(p => items.TryGetValue(p.Key, out var item) && !Same(p.Value, ItemState.Of(item.Answer)))
                .ToDictionary(p => p.Key, p => Describe(items[p.Key], ItemState.Of(items[p.Key].Answer)), StringComparer.Ordinal);
        }

        Posted = posted;
        return Page();
    }

    private async Task ShowAsync(AssessmentService service, AssessmentRecord assessment, CancellationToken cancellationToken, AssessmentDbContext? context = null)
    {
        Criteria = service.CriteriaOf(assessment);
        View = ChecklistView.Of(assessment, Criteria, Scorer.Score(Criteria, assessment.ToChecklist(Criteria.Id)));
        MayEdit = AccessRules.CanEdit(User, assessment);
        CanEdit = MayEdit && assessment.Status == AssessmentStatus.Draft && assessment.Cycle?.Status == CycleStatus.Open;
        Evidence = await (context ?? db).EvidenceFiles.AsNoTracking()
            .Where(e => e.AssessmentId == assessment.Id)
            .OrderBy(e => e.Id)
            .Select(e => new EvidenceRow(e.Id, e.ItemId, e.OriginalFileName, e.ContentType))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The answer as text, for the conflict notice: 不适用, 是/否, the level's label, or the number with its unit.</summary>
    public string Describe(ItemView item, ItemState state)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(state);
        var value = state switch
        {
            { NotApplicable: true } => "不适用",
            { Value: null } => "未作答",
            { Value: "yes" } when item.Kind == ItemKind.YesNo => "是",
            { Value: "no" } when item.Kind == ItemKind.YesNo => "否",
            _ when item.Kind == ItemKind.Levels => item.Levels?.FirstOrDefault(l => l.Code == state.Value)?.Label ?? state.Value,
            _ => state.Value + (Criteria.FindItem(item.Id)?.Rule is TargetRule target ? target.Unit : item.Kind == ItemKind.Deduction ? " 处问题" : ""),
        };
        return string.IsNullOrEmpty(state.Note) ? value! : $"{value}（说明：{state.Note}）";
    }

    private long? PostedVersion() =>
        long.TryParse(Request.Form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

    private ItemState Read(CriteriaItem item)
    {
        var form = Request.Form;
        static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return new ItemState(
            item.NotApplicableAllowed && form["na_" + item.Id] == "on",
            Text(form["v_" + item.Id]),
            Text(form["note_" + item.Id]),
            Text(form["m_" + item.Id]));
    }

    private static bool Same(ItemState a, ItemState b) =>
        a.NotApplicable == b.NotApplicable && a.Value == b.Value && a.Note == b.Note && a.Method == b.Method;

    private static AnswerInput ToInput(CriteriaItem item, ItemState state, IReadOnlyList<int>? evidence, List<int>? added)
    {
        var value = state.NotApplicable ? null : state.Value;
        decimal? number = null;
        if (value is not null && item.Kind is ItemKind.Deduction or ItemKind.Target)
        {
            number = decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw WorkflowException.Invalid(item.Id, $"考核项 {item.Id}：“{value}”不是数字。");
        }

        return new AnswerInput
        {
            ItemId = item.Id,
            NotApplicable = state.NotApplicable,
            Met = item.Kind == ItemKind.YesNo && value is not null ? value == "yes" : null,
            Level = item.Kind == ItemKind.Levels ? value : null,
            Number = number,
            Note = state.Note,
            Method = Enum.TryParse<InspectionMethod>(state.Method, out var method) ? method : null,
            EvidenceIds = [.. evidence ?? [], .. added ?? []],
        };
    }
}
