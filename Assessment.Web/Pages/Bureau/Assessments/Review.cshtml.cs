using Assessment.Scoring.Cycles;
using Assessment.Web.Api;
using Assessment.Web.Bureau;
using Assessment.Web.Persistence;
using Assessment.Web.Security;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.Bureau.Assessments;

/// <summary>
/// The bureau reviews one assessment: the checklist read-only with the engine's points and explanations, notes and
/// evidence; finalizes it (冻结), or amends a finalized one with a reason (a new revision). The page sends the version
/// it showed, as the API's <c>If-Match</c>: a change made meanwhile by someone else is refused (412), never overwritten.
/// </summary>
[Authorize(Policy = Policies.BureauAdmin)]
public sealed class ReviewModel(AssessmentService assessments, BureauQueries queries) : PageModel
{
    public AssessmentRecord Record { get; private set; } = null!;

    public ChecklistView Checklist { get; private set; } = null!;

    public IReadOnlyList<AssessmentRecord> Revisions { get; private set; } = [];

    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];

    public IReadOnlyDictionary<int, EvidenceFile> Evidence { get; private set; } = new Dictionary<int, EvidenceFile>();

    /// <summary>No later revision amends this one.</summary>
    public bool IsCurrent => Revisions.Count == 0 || Revisions[^1].Id == Record.Id;

    public bool CycleOpen => Record.Cycle?.Status is CycleStatus.Open or CycleStatus.UnderReview;

    /// <summary>The version the page showed (the API's ETag), sent back with a write.</summary>
    [BindProperty]
    public long Version { get; set; }

    [BindProperty]
    public bool ConfirmFinalize { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public WorkflowException? Refusal { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        Version = Record.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostFinalizeAsync(int id, CancellationToken cancellationToken)
    {
        if (!ConfirmFinalize)
        {
            ModelState.AddModelError(nameof(ConfirmFinalize), "请勾选确认后再定稿：定稿后评分冻结，只能通过修订更正。");
            return await RefusedAsync(id, StatusCodes.Status400BadRequest, cancellationToken);
        }

        try
        {
            var finalized = await assessments.FinalizeAsync(id, Version, cancellationToken);
            Flash = $"已定稿：总分 {PublishedFigures.Format(finalized.Scorecard!.Total)}，等次 {finalized.Scorecard.Grade}。评分已冻结。";
            return Redirect($"/bureau/assessments/{id}");
        }
        catch (WorkflowException refusal) when (refusal.Status is >= 400 and < 500 and not StatusCodes.Status404NotFound)
        {
            Refusal = refusal;
            return await RefusedAsync(id, refusal.Status, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostAmendAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            var amended = await assessments.AmendAsync(id, Version, Reason, cancellationToken);
            Flash = $"已建立第 {amended.Revision} 版修订，原定稿版本保留。修订版可由考核组修改后重新提交、定稿。";
            return Redirect($"/bureau/assessments/{amended.Id}");
        }
        catch (WorkflowException refusal) when (refusal.Status == StatusCodes.Status400BadRequest && refusal.Errors.ContainsKey("reason"))
        {
            ModelState.AddModelError(nameof(Reason), refusal.Message);
            return await RefusedAsync(id, refusal.Status, cancellationToken);
        }
        catch (WorkflowException refusal) when (refusal.Status is >= 400 and < 500 and not StatusCodes.Status404NotFound)
        {
            Refusal = refusal;
            return await RefusedAsync(id, refusal.Status, cancellationToken);
        }
    }

    public static string Method(global::Assessment.Scoring.Criteria.InspectionMethod method) => method switch
    {
        global::Assessment.Scoring.Criteria.InspectionMethod.HearReport => "听汇报",
        global::Assessment.Scoring.Criteria.InspectionMethod.CheckDocuments => "查资料",
        global::Assessment.Scoring.Criteria.InspectionMethod.SeeSite => "看现场",
        global::Assessment.Scoring.Criteria.InspectionMethod.Forum => "开座谈会",
        global::Assessment.Scoring.Criteria.InspectionMethod.SystemCheck => "系统抽查",
        global::Assessment.Scoring.Criteria.InspectionMethod.MysteryVisit => "暗访",
        _ => method.ToString(),
    };

    /// <summary>What an audit entry changed, as a reader needs it: the status change and the amendment reason, else the fields.</summary>
    public static string Summary(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        static Dictionary<string, System.Text.Json.JsonElement> Parse(string? json) =>
            string.IsNullOrEmpty(json) ? [] : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(json) ?? [];
        var before = Parse(entry.Before);
        var after = Parse(entry.After);
        static string Status(System.Text.Json.JsonElement value) =>
            Enum.TryParse<AssessmentStatus>(value.ToString(), out var status) ? StatusNames.Of(status) : value.ToString();
        var parts = new List<string>();
        if (after.TryGetValue("Status", out var to))
        {
            parts.Add(before.TryGetValue("Status", out var from) ? $"状态：{Status(from)} → {Status(to)}" : $"状态：{Status(to)}");
        }

        if (after.TryGetValue("AmendmentReason", out var reason) && reason.ValueKind == System.Text.Json.JsonValueKind.String)
        {
            parts.Add($"修订原因：{reason.GetString()}");
        }

        if (parts.Count == 0)
        {
            parts.Add(string.Join("、", after.Keys.Where(k => k is not ("Version" or "ModifiedAt" or "ModifiedBy"))));
        }

        return string.Join("；", parts);
    }

    private async Task<IActionResult> RefusedAsync(int id, int status, CancellationToken cancellationToken)
    {
        var shown = Version;
        await LoadAsync(id, cancellationToken);
        Version = shown;
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Record = await assessments.LoadAsync(id, cancellationToken);
        Checklist = ChecklistView.Of(Record, assessments.CriteriaOf(Record), assessments.Score(Record));
        Revisions = await queries.RevisionsAsync(Record, cancellationToken);
        Audit = await queries.AuditAsync(id, cancellationToken);
        var evidence = await queries.EvidenceAsync(Record.Answers.SelectMany(a => a.EvidenceIds), cancellationToken);
        Evidence = evidence.ToDictionary(e => e.Id);
    }
}
