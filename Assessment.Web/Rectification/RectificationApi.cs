using System.Security.Claims;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Assessment.Web.Rectification;

/// <summary>
/// The ledger's JSON API under <c>/api/rectification</c>. Every endpoint names its policy
/// (<see cref="RectificationPolicies"/>) and checks the center (<see cref="LedgerAccess"/>). Errors are
/// ProblemDetails naming the field in <c>errors</c>: 404 unknown, 403 another center's ledger, 409 a closed
/// item or a stale version, 422 a broken rule; nothing is saved then.
/// </summary>
public static class RectificationApi
{
    public static IEndpointRouteBuilder MapRectificationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/rectification");
        var ledger = api.MapGroup("/centers/{centerId:int}/cycles/{cycleId:int}");

        ledger.MapGet("/ledger", GetLedger).RequireAuthorization(RectificationPolicies.Read);
        ledger.MapGet("/progress", GetProgress).RequireAuthorization(RectificationPolicies.Read);
        ledger.MapGet("/reminders", GetReminders).RequireAuthorization(RectificationPolicies.Read);
        ledger.MapGet("/previous-cycle-rate", GetPreviousRate).RequireAuthorization(RectificationPolicies.Read);
        ledger.MapPost("/findings", AddFindings).RequireAuthorization(RectificationPolicies.EditFindings);
        ledger.MapPost("/import", PreviewImport).RequireAuthorization(RectificationPolicies.EditActions);

        api.MapPost("/imports/{token}/confirm", ConfirmImport).RequireAuthorization(RectificationPolicies.EditActions);
        api.MapGet("/assessments/{assessmentId:int}/proposals", GetProposals).RequireAuthorization(RectificationPolicies.EditFindings);
        api.MapGet("/cycles/{cycleId:int}/progress", GetProvinceProgress).RequireAuthorization(RectificationPolicies.ProvinceProgress);

        api.MapPut("/findings/{findingId:int}", EditFinding).RequireAuthorization(RectificationPolicies.EditFindings);
        api.MapDelete("/findings/{findingId:int}", DeleteFinding).RequireAuthorization(RectificationPolicies.EditFindings);
        api.MapPost("/findings/{findingId:int}/actions", AddAction).RequireAuthorization(RectificationPolicies.EditActions);

        api.MapPut("/actions/{actionId:int}", UpdatePlan).RequireAuthorization(RectificationPolicies.EditActions);
        api.MapPut("/actions/{actionId:int}/status", UpdateStatus).RequireAuthorization(RectificationPolicies.EditActions);
        api.MapPut("/actions/{actionId:int}/evidence", UpdateEvidence).RequireAuthorization(RectificationPolicies.EditActions);
        api.MapPost("/actions/{actionId:int}/close", Close).RequireAuthorization(RectificationPolicies.Verify);
        api.MapPost("/actions/{actionId:int}/send-back", SendBack).RequireAuthorization(RectificationPolicies.Verify);
        return app;
    }

    private static Task<Results<Ok<LedgerDto>, ProblemHttpResult>> GetLedger(
        int centerId, int cycleId, ClaimsPrincipal user, LedgerAccess access, LedgerService ledgers, TimeProvider clock, CancellationToken ct) =>
        Guard(async () =>
        {
            await access.EnsureCanReadAsync(user, centerId, ct);
            var ledger = await ledgers.FindLedgerAsync(centerId, cycleId, ct) ?? throw NoLedger(centerId, cycleId);
            return LedgerDto.From(ledger, LedgerService.Today(clock));
        });

    private static Task<Results<Ok<ProgressDto>, ProblemHttpResult>> GetProgress(
        int centerId, int cycleId, ClaimsPrincipal user, LedgerAccess access, LedgerService ledgers, TimeProvider clock, CancellationToken ct) =>
        Guard(async () =>
        {
            await access.EnsureCanReadAsync(user, centerId, ct);
            var ledger = await ledgers.FindLedgerAsync(centerId, cycleId, ct) ?? throw NoLedger(centerId, cycleId);
            return ProgressDto.From(LedgerProgress.Of(ledger, LedgerService.Today(clock)));
        });

    private static Task<Results<Ok<RemindersDto>, ProblemHttpResult>> GetReminders(
        int centerId, int cycleId, ClaimsPrincipal user, LedgerAccess access, LedgerService ledgers, TimeProvider clock,
        IOptions<RectificationOptions> options, CancellationToken ct) =>
        Guard(async () =>
        {
            await access.EnsureCanReadAsync(user, centerId, ct);
            var ledger = await ledgers.FindLedgerAsync(centerId, cycleId, ct) ?? throw NoLedger(centerId, cycleId);
            var today = LedgerService.Today(clock);
            var actions = ledger.Findings.SelectMany(f => f.Actions.Select(a => ActionDto.From(a, f, today))).ToList();
            return new RemindersDto(
                today,
                actions.Where(a => a.Overdue).OrderBy(a => a.Deadline).ToList(),
                actions.Where(a => a.Deadline is { } d && !a.Overdue && a.Status != ActionStatus.Completed
                    && d <= today.AddDays(options.Value.DueSoonDays)).OrderBy(a => a.Deadline).ToList());
        });

    private static Task<Results<Ok<PreviousRateDto>, ProblemHttpResult>> GetPreviousRate(
        int centerId, int cycleId, ClaimsPrincipal user, LedgerAccess access, RectificationRates rates, CancellationToken ct) =>
        Guard(async () =>
        {
            await access.EnsureCanReadAsync(user, centerId, ct);
            return new PreviousRateDto(centerId, cycleId, await rates.PreviousCycleRateAsync(centerId, cycleId, ct));
        });

    private static Task<Results<Ok<ProvinceProgressDto>, ProblemHttpResult>> GetProvinceProgress(
        int cycleId, AssessmentDbContext db, TimeProvider clock, CancellationToken ct) =>
        Guard(async () =>
        {
            var today = LedgerService.Today(clock);
            var list = await db.RectificationLedgers.Where(l => l.CycleId == cycleId)
                .Include(l => l.Center).Include(l => l.Findings).ThenInclude(f => f.Actions)
                .AsSplitQuery().ToListAsync(ct);
            var centers = list.OrderBy(l => l.CenterId)
                .Select(l => new CenterProgressDto(l.CenterId, l.Center!.Name, ProgressDto.From(LedgerProgress.Of(l, today))))
                .ToList();
            return new ProvinceProgressDto(cycleId, ProgressDto.From(LedgerProgress.Sum(list.Select(l => LedgerProgress.Of(l, today)))), centers);
        });

    private static Task<Results<Ok<IReadOnlyList<FindingProposal>>, ProblemHttpResult>> GetProposals(
        int assessmentId, ClaimsPrincipal user, LedgerAccess access, LedgerService ledgers, CancellationToken ct) =>
        Guard(async () =>
        {
            await access.EnsureCanProposeAsync(user, assessmentId, ct);
            return await ledgers.ProposeFindingsAsync(assessmentId, ct);
        });

    private static Task<Results<Ok<IReadOnlyList<FindingDto>>, ProblemHttpResult>> AddFindings(
        int centerId, int cycleId, AddFindingsRequest body, ClaimsPrincipal user, LedgerAccess access, LedgerService ledgers,
        TimeProvider clock, CancellationToken ct) =>
        Guard(async () =>
        {
            await access.EnsureCanEditFindingsAsync(user, centerId, ct);
            foreach (var (request, n) in (body.Findings ?? []).Select((r, n) => (r, n)))
            {
                if (request.AssessmentId is { } assessmentId && !user.IsInRole(Roles.BureauAdmin) && user.IsInRole(Roles.Inspector))
                {
                    await access.EnsureCanProposeAsync(user, assessmentId, ct);
                }
                else if (request.AssessmentId is not null && !user.IsInRole(Roles.BureauAdmin))
                {
                    throw new LedgerRuleException(403, $"findings[{n}].assessmentId", "只有考核组和省局可以根据考核提出问题。");
                }
            }

            var added = await ledgers.AddFindingsAsync(centerId, cycleId, body.Findings ?? [], ct);
            var today = LedgerService.Today(clock);
            return (IReadOnlyList<FindingDto>)added.Select(f => FindingDto.From(f, today)).ToList();
        });

    private static Task<Results<Ok<FindingDto>, ProblemHttpResult>> EditFinding(
        int findingId, FindingEdit body, ClaimsPrincipal user, LedgerAccess access, LedgerService ledgers, TimeProvider clock, CancellationToken ct) =>
        Guard(async () =>
        {
            var (finding, ledger) = await ledgers.LoadFindingAsync(findingId, ct);
            await access.EnsureCanEditFindingsAsync(user, ledger.CenterId, ct);
            if (finding.AssessmentId is not null)
            {
                await access.EnsureCanWithdrawFindingsAsync(user, ledger.CenterId, ct);
            }

            await ledgers.EditFindingAsync(finding, ledger, body, ct);
            return FindingDto.From(finding, LedgerService.Today(clock));
        });

    private static Task<Results<Ok<FindingDto>, ProblemHttpResult>> DeleteFinding(
        int findingId, ClaimsPrincipal user, LedgerAccess access, LedgerService ledgers, TimeProvider clock, CancellationToken ct) =>
        Guard(async () =>
        {
            var (finding, ledger) = await ledgers.LoadFindingAsync(findingId, ct);
            await access.EnsureCanWithdrawFindingsAsync(user, ledger.CenterId, ct);
            var dto = FindingDto.From(finding, LedgerService.Today(clock));
            await ledgers.DeleteFindingAsync(finding, ct);
            return dto;
        });

    private static Task<Results<Ok<ActionDto>, ProblemHttpResult>> AddAction(
        int findingId, ActionPlanRequest body, ClaimsPrincipal user, LedgerAccess access, LedgerService ledgers, TimeProvider clock, CancellationToken ct) =>
        Guard(async () =>
        {
            var (finding, ledger) = await ledgers.LoadFindingAsync(findingId, ct);
            await access.EnsureCanEditActionsAsync(user, ledger.CenterId, ct);
            var action = await ledgers.AddActionAsync(finding, body, ct);
            return ActionDto.From(action, finding, LedgerService.Today(clock));
        });

    private static Task<Results<Ok<ActionDto>, ProblemHttpResult>> UpdatePlan(
        int actionId, ActionPlanRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user, LedgerAccess access, LedgerService ledgers, TimeProvider clock, CancellationToken ct) =>
        OnAction(actionId, user, access, ledgers, clock, verify: false,
            (action, _) => ledgers.UpdatePlanAsync(action, body, Version(ifMatch), ct), ct);

    private static Task<Results<Ok<ActionDto>, ProblemHttpResult>> UpdateStatus(
        int actionId, StatusRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user, LedgerAccess access, LedgerService ledgers, TimeProvider clock, CancellationToken ct) =>
        OnAction(actionId, user, access, ledgers, clock, verify: false,
            (action, _) => ledgers.SetStatusAsync(action, body, Version(ifMatch), ct), ct);

    private static Task<Results<Ok<ActionDto>, ProblemHttpResult>> UpdateEvidence(
        int actionId, EvidenceRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user, LedgerAccess access, LedgerService ledgers, TimeProvider clock, CancellationToken ct) =>
        OnAction(actionId, user, access, ledgers, clock, verify: false,
            (action, centerId) => ledgers.SetEvidenceAsync(action, centerId,
                body.EvidenceIds ?? throw new LedgerRuleException(400, "evidenceIds", "须给出佐证材料编号列表（清空请用空列表 []）。"), Version(ifMatch), ct), ct);

    private static Task<Results<Ok<ActionDto>, ProblemHttpResult>> Close(
        int actionId, CloseRequest body, ClaimsPrincipal user, LedgerAccess access, LedgerService ledgers, TimeProvider clock, CancellationToken ct) =>
        OnAction(actionId, user, access, ledgers, clock, verify: true,
            (action, _) => ledgers.CloseAsync(action, body.Conclusion, UserId(user), ct), ct);

    private static Task<Results<Ok<ActionDto>, ProblemHttpResult>> SendBack(
        int actionId, SendBackRequest body, ClaimsPrincipal user, LedgerAccess access, LedgerService ledgers, TimeProvider clock, CancellationToken ct) =>
        OnAction(actionId, user, access, ledgers, clock, verify: true,
            (action, _) => ledgers.SendBackAsync(action, body.Reason, UserId(user), ct), ct);

    private static Task<Results<Ok<ImportPreviewDto>, ProblemHttpResult>> PreviewImport(
        int centerId, int cycleId, HttpRequest request, ClaimsPrincipal user, LedgerAccess access, LedgerImport import, CancellationToken ct) =>
        Guard(async () =>
        {
            await access.EnsureCanEditActionsAsync(user, centerId, ct);
            if (!string.Equals(request.GetTypedHeaders().ContentType?.MediaType.Value, LedgerWorkbook.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                throw new LedgerRuleException(415, "file", $"请上传Excel工作簿（.xlsx，Content-Type: {LedgerWorkbook.ContentType}）。");
            }

            const long MaxBytes = 10 * 1024 * 1024;
            if (request.ContentLength is > MaxBytes)
            {
                throw new LedgerRuleException(413, "file", "文件超过10 MB。");
            }

            // The OpenXML SDK reads synchronously: buffer the upload first.
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length > MaxBytes)
            {
                throw new LedgerRuleException(413, "file", "文件超过10 MB。");
            }

            buffer.Position = 0;
            var preview = await import.PreviewAsync(buffer, UserId(user), centerId, cycleId, ct);
            return ImportPreviewDto.From(preview);
        });

    private static Task<Results<Ok<ImportResultDto>, ProblemHttpResult>> ConfirmImport(
        string token, ClaimsPrincipal user, LedgerAccess access, LedgerImport import, CancellationToken ct) =>
        Guard(async () =>
        {
            var added = await import.ConfirmAsync(token, UserId(user), ct);
            return new ImportResultDto(added);
        });

    private static Task<Results<Ok<ActionDto>, ProblemHttpResult>> OnAction(
        int actionId, ClaimsPrincipal user, LedgerAccess access, LedgerService ledgers, TimeProvider clock, bool verify,
        Func<RectificationAction, int, Task> change, CancellationToken ct) =>
        Guard(async () =>
        {
            var (action, centerId) = await ledgers.LoadActionAsync(actionId, ct);
            if (!verify)
            {
                await access.EnsureCanEditActionsAsync(user, centerId, ct);
            }

            await change(action, centerId);
            return ActionDto.From(action, action.Finding!, LedgerService.Today(clock));
        });

    private static async Task<Results<Ok<T>, ProblemHttpResult>> Guard<T>(Func<Task<T>> work)
    {
        try
        {
            return TypedResults.Ok(await work());
        }
        catch (LedgerRuleException e)
        {
            return Problem(e.Status, e.Field, e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem(StatusCodes.Status412PreconditionFailed, "If-Match", "整改事项已被他人修改，请刷新后重试。");
        }
    }

    private static ProblemHttpResult Problem(int status, string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Title = status switch
            {
                403 => "无权操作",
                404 => "未找到",
                409 => "冲突",
                412 => "版本已过期",
                _ => "请求无效",
            },
            Detail = message,
        });

    private static long? Version(string? ifMatch) =>
        ifMatch is null ? null
        : long.TryParse(ifMatch.Trim().Trim('"').Replace("W/", "", StringComparison.Ordinal).Trim('"'), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v
        : throw new LedgerRuleException(400, "If-Match", "If-Match应为整改事项的版本号。");

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new LedgerRuleException(401, "user", "未登录。");

    private static LedgerRuleException NoLedger(int centerId, int cycleId) =>
        new(404, "ledger", $"中心{centerId}在考核周期{cycleId}没有整改台账。");
}
