using Assessment.Scoring.Scoring;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Rectification;

/// <summary>
/// The ledger's operations over the database: raising findings (by hand or from an inspection's lost points),
/// planning actions, status, evidence, and the bureau's verification. Access is checked by the caller
/// (<see cref="LedgerAccess"/>); rule violations throw <see cref="LedgerRuleException"/>. Each method saves
/// once: a request is stored whole or not at all.
/// </summary>
public sealed class LedgerService(AssessmentDbContext db, CriteriaRegistry criteria, TimeProvider clock)
{
    /// <summary>The ledger of a center in a cycle with aspects, findings, actions and verifications; null when none.</summary>
    public Task<RectificationLedger?> FindLedgerAsync(int centerId, int cycleId, CancellationToken cancellationToken = default) =>
        db.RectificationLedgers
            .Include(l => l.Aspects)
            .Include(l => l.Findings).ThenInclude(f => f.Actions).ThenInclude(a => a.Verifications)
            .AsSplitQuery()
            .FirstOrDefaultAsync(l => l.CenterId == centerId && l.CycleId == cycleId, cancellationToken);

    /// <summary>The ledger, created (unsaved) when the center has none for the cycle yet.</summary>
    public async Task<RectificationLedger> GetOrCreateLedgerAsync(int centerId, int cycleId, CancellationToken cancellationToken = default)
    {
        if (await FindLedgerAsync(centerId, cycleId, cancellationToken) is { } ledger)
        {
            return ledger;
        }

        if (!await db.Centers.AnyAsync(c => c.Id == centerId, cancellationToken))
        {
            throw new LedgerRuleException(404, "centerId", $"中心{centerId}不存在。");
        }

        if (!await db.Cycles.AnyAsync(c => c.Id == cycleId, cancellationToken))
        {
            throw new LedgerRuleException(404, "cycleId", $"考核周期{cycleId}不存在。");
        }

        ledger = new RectificationLedger { CenterId = centerId, CycleId = cycleId };
        db.RectificationLedgers.Add(ledger);
        return ledger;
    }

    /// <summary>
    /// Items of a finalized inspection that lost points, each proposed as a finding with the engine's explanation;
    /// the inspector keeps, edits or drops them (kept ones are posted to <see cref="AddFindingsAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<FindingProposal>> ProposeFindingsAsync(int assessmentId, CancellationToken cancellationToken = default)
    {
        var assessment = await FinalizedInspectionAsync(assessmentId, cancellationToken);
        var scorecard = assessment.Scorecard!;
        var version = criteria.Find(scorecard.CriteriaVersionId);
        var existing = await db.Findings
            .Where(f => f.AssessmentId == assessmentId && f.ItemId != null)
            .Select(f => f.ItemId!)
            .ToListAsync(cancellationToken);

        return scorecard.Items
            .Where(i => i.Status == ItemStatus.Scored && i.Points is { } p && p < i.MaxPoints)
            .OrderBy(i => version?.IndexOf(i.ItemId) ?? 0).ThenBy(i => i.ItemId, StringComparer.Ordinal)
            .Select(i =>
            {
                var dimension = scorecard.Dimensions.FirstOrDefault(d => d.Code == i.DimensionCode)?.Name;
                var title = version?.FindItem(i.ItemId)?.Title ?? i.ItemId;
                return new FindingProposal(
                    assessmentId, i.ItemId, i.DimensionCode, dimension, title, i.MaxPoints, i.Points!.Value, i.Explanation,
                    SuggestedAspect: dimension is null ? "其他方面" : dimension + "方面",
                    SuggestedDescription: $"{title}：{i.Explanation}",
                    AlreadyInLedger: existing.Contains(i.ItemId));
            })
            .ToList();
    }

    /// <summary>
    /// Adds findings to the center's ledger for the cycle (creating the ledger), all or none. A finding raised
    /// from an inspection item must name a finalized inspection of that center whose item lost points; its
    /// dimension and the engine's explanation are taken from the frozen scorecard.
    /// </summary>
    public async Task<IReadOnlyList<Finding>> AddFindingsAsync(
        int centerId, int cycleId, IReadOnlyList<FindingRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            throw new LedgerRuleException(422, "findings", "至少需要一个问题。");
        }

        var ledger = await GetOrCreateLedgerAsync(centerId, cycleId, cancellationToken);
        var criteriaId = await db.Cycles.Where(c => c.Id == cycleId).Select(c => c.CriteriaVersionId).FirstAsync(cancellationToken);
        var dimensions = criteria.Find(criteriaId)?.Dimensions.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var added = new List<Finding>();
        for (var n = 0; n < requests.Count; n++)
        {
            var request = requests[n];
            var field = $"findings[{n}]";
            var description = Required(request.Description, $"{field}.description", "问题描述", Finding.DescriptionMaxLength);
            var finding = new Finding
            {
                LedgerId = ledger.Id,
                Aspect = AspectFor(ledger, request.Aspect, $"{field}.aspect"),
                Order = ledger.Findings.Count + 1,
                Source = request.Source,
                SourceDetail = Optional(request.SourceDetail, $"{field}.sourceDetail", Finding.SourceDetailMaxLength),
                Description = description,
                Severity = request.Severity,
                DimensionCode = Optional(request.DimensionCode, $"{field}.dimensionCode", Finding.DimensionCodeMaxLength),
            };

            if (finding.DimensionCode is { } code && dimensions is not null && !dimensions.Contains(code))
            {
                throw new LedgerRuleException(422, $"{field}.dimensionCode", $"考核标准{criteriaId}没有维度“{code}”。");
            }

            if (request.AssessmentId is not null || request.ItemId is not null)
            {
                await RaiseFromItemAsync(finding, ledger, request, field, cancellationToken);
            }

            var plans = request.Actions is { Count: > 0 } given ? given : [new ActionPlanRequest()];
            for (var k = 0; k < plans.Count; k++)
            {
                var action = new RectificationAction { Order = k + 1 };
                ApplyPlan(action, plans[k], $"{field}.actions[{k}]", split: plans.Count > 1);
                finding.Actions.Add(action);
            }

            ledger.Findings.Add(finding);
            added.Add(finding);
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    /// <summary>
    /// For the demo seed and for the bureau: a ledger from every item of a finalized inspection that lost points,
    /// one finding per item (aspect = its dimension, description = item title and explanation) with one action
    /// not started. Items already in the ledger are skipped. Returns the ledger.
    /// </summary>
    public async Task<RectificationLedger> CreateLedgerFromInspectionAsync(int assessmentId, CancellationToken cancellationToken = default)
    {
        var assessment = await FinalizedInspectionAsync(assessmentId, cancellationToken);
        var proposals = await ProposeFindingsAsync(assessmentId, cancellationToken);
        var requests = proposals.Where(p => !p.AlreadyInLedger)
            .Select(p => new FindingRequest(p.SuggestedAspect, FindingSource.Assessment, p.SuggestedDescription,
                AssessmentId: assessmentId, ItemId: p.ItemId))
            .ToList();
        if (requests.Count > 0)
        {
            await AddFindingsAsync(assessment.CenterId, assessment.CycleId, requests, cancellationToken);
        }

        return await FindLedgerAsync(assessment.CenterId, assessment.CycleId, cancellationToken)
            ?? await GetOrCreateLedgerAsync(assessment.CenterId, assessment.CycleId, cancellationToken);
    }

    /// <summary>Loads a finding with its ledger's center (for the access check) and actions.</summary>
    public async Task<(Finding Finding, RectificationLedger Ledger)> LoadFindingAsync(int findingId, CancellationToken cancellationToken = default)
    {
        // Verifications too: deleting a finding deletes them, and only tracked rows reach the audit log.
        var finding = await db.Findings.Include(f => f.Actions).ThenInclude(a => a.Verifications).Include(f => f.Aspect)
            .FirstOrDefaultAsync(f => f.Id == findingId, cancellationToken)
            ?? throw new LedgerRuleException(404, "findingId", $"问题{findingId}不存在。");
        var ledger = await db.RectificationLedgers.Include(l => l.Aspects).Include(l => l.Findings)
            .FirstAsync(l => l.Id == finding.LedgerId, cancellationToken);
        return (finding, ledger);
    }

    /// <summary>Loads an action with its finding and the ledger's center id (for the access check).</summary>
    public async Task<(RectificationAction Action, int CenterId)> LoadActionAsync(int actionId, CancellationToken cancellationToken = default)
    {
        var action = await db.RectificationActions.Include(a => a.Finding).Include(a => a.Verifications)
            .FirstOrDefaultAsync(a => a.Id == actionId, cancellationToken)
            ?? throw new LedgerRuleException(404, "actionId", $"整改事项{actionId}不存在。");
        var centerId = await db.RectificationLedgers.Where(l => l.Id == action.Finding!.LedgerId).Select(l => l.CenterId).FirstAsync(cancellationToken);
        return (action, centerId);
    }

    public async Task EditFindingAsync(Finding finding, RectificationLedger ledger, FindingEdit edit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(edit);
        EnsureNoneClosed(finding);
        if (edit.Aspect is not null)
        {
            finding.Aspect = AspectFor(ledger, edit.Aspect, "aspect");
        }

        if (edit.Description is not null)
        {
            finding.Description = Required(edit.Description, "description", "问题描述", Finding.DescriptionMaxLength);
        }

        finding.Severity = edit.Severity ?? finding.Severity;
        finding.SourceDetail = edit.SourceDetail is null ? finding.SourceDetail : Optional(edit.SourceDetail, "sourceDetail", Finding.SourceDetailMaxLength);
        finding.DimensionCode = edit.DimensionCode is null ? finding.DimensionCode : Optional(edit.DimensionCode, "dimensionCode", Finding.DimensionCodeMaxLength);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Drops a finding (e.g. a proposal kept by mistake) with its actions; refused once any action is closed.</summary>
    public async Task DeleteFindingAsync(Finding finding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(finding);
        EnsureNoneClosed(finding);
        db.Findings.Remove(finding);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds a specific problem (具体问题) with its plan to a finding.</summary>
    public async Task<RectificationAction> AddActionAsync(Finding finding, ActionPlanRequest plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(plan);
        var action = new RectificationAction { Order = finding.Actions.Count == 0 ? 1 : finding.Actions.Max(a => a.Order) + 1 };
        ApplyPlan(action, plan, "", split: finding.Actions.Count > 0);
        finding.Actions.Add(action);
        await db.SaveChangesAsync(cancellationToken);
        return action;
    }

    public async Task UpdatePlanAsync(RectificationAction action, ActionPlanRequest plan, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(plan);
        action.EnsureOpen();
        ExpectVersion(action, expectedVersion);
        ApplyPlan(action, plan, "", split: false);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetStatusAsync(RectificationAction action, StatusRequest request, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(request);
        ExpectVersion(action, expectedVersion);
        if (request.CompletedOn is { } on && on > Today(clock))
        {
            throw new LedgerRuleException(422, "completedOn", $"整改事项{action.Id}的完成时间不能晚于今天。");
        }

        action.SetStatus(request.Status, request.CompletedOn, Optional(request.ProgressNote, "progressNote", RectificationAction.NoteMaxLength));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Replaces the action's evidence: every id must be an evidence file of the ledger's center.</summary>
    public async Task SetEvidenceAsync(RectificationAction action, int centerId, IReadOnlyList<int> evidenceIds, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(evidenceIds);
        action.EnsureOpen();
        ExpectVersion(action, expectedVersion);
        var ids = evidenceIds.Distinct().ToList();
        var known = await db.EvidenceFiles
            .Where(e => ids.Contains(e.Id))
            .Join(db.Assessments, e => e.AssessmentId, a => a.Id, (e, a) => new { e.Id, a.CenterId })
            .Where(x => x.CenterId == centerId)
            .Select(x => x.Id)
            .ToListAsync(cancellationToken);
        if (ids.FirstOrDefault(id => !known.Contains(id)) is var missing and not 0)
        {
            throw new LedgerRuleException(422, "evidenceIds", $"佐证材料{missing}不存在或不属于本中心。");
        }

        action.EvidenceIds = ids;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task CloseAsync(RectificationAction action, string? conclusion, string verifierId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        action.Close(conclusion ?? "", verifierId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SendBackAsync(RectificationAction action, string? reason, string verifierId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        action.SendBack(reason ?? "", verifierId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>"Today" in China Standard Time (UTC+8, no daylight saving), where deadlines are set.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
    }

    private async Task<AssessmentRecord> FinalizedInspectionAsync(int assessmentId, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments
            .Include(a => a.Scorecard!).ThenInclude(s => s.Items)
            .Include(a => a.Scorecard!).ThenInclude(s => s.Dimensions)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == assessmentId, cancellationToken)
            ?? throw new LedgerRuleException(404, "assessmentId", $"考核{assessmentId}不存在。");
        if (assessment.Kind != AssessmentKind.Inspection || assessment.Status != AssessmentStatus.Finalized || assessment.Scorecard is null)
        {
            throw new LedgerRuleException(422, "assessmentId", $"考核{assessmentId}不是已定稿的考核组考核，不能据此提出问题。");
        }

        return assessment;
    }

    private async Task RaiseFromItemAsync(Finding finding, RectificationLedger ledger, FindingRequest request, string field, CancellationToken cancellationToken)
    {
        if (request.AssessmentId is not { } assessmentId || string.IsNullOrWhiteSpace(request.ItemId))
        {
            throw new LedgerRuleException(422, $"{field}.itemId", "根据考核提出的问题须同时给出考核和考核项。");
        }

        var assessment = await FinalizedInspectionAsync(assessmentId, cancellationToken);
        if (assessment.CenterId != ledger.CenterId)
        {
            throw new LedgerRuleException(422, $"{field}.assessmentId", $"考核{assessmentId}不是本中心的考核。");
        }

        var item = assessment.Scorecard!.Items.FirstOrDefault(i => i.ItemId == request.ItemId);
        if (item is null || item.Status != ItemStatus.Scored || item.Points >= item.MaxPoints)
        {
            throw new LedgerRuleException(422, $"{field}.itemId", $"考核项{request.ItemId}在考核{assessmentId}中未失分。");
        }

        if (ledger.Findings.Any(f => f.AssessmentId == assessmentId && f.ItemId == item.ItemId))
        {
            throw new LedgerRuleException(409, $"{field}.itemId", $"考核项{item.ItemId}的问题已在整改台账中。");
        }

        finding.Source = FindingSource.Assessment;
        finding.AssessmentId = assessmentId;
        finding.ItemId = item.ItemId;
        finding.DimensionCode = item.DimensionCode;
        finding.Explanation = item.Explanation;
    }

    private LedgerAspect AspectFor(RectificationLedger ledger, string? title, string field)
    {
        var name = Required(title, field, "方面", LedgerAspect.TitleMaxLength);
        var aspect = ledger.Aspects.FirstOrDefault(a => a.Title == name);
        if (aspect is null)
        {
            aspect = new LedgerAspect { Title = name, Order = ledger.Aspects.Count + 1 };
            ledger.Aspects.Add(aspect);
            if (db.Entry(ledger).State != EntityState.Added)
            {
                aspect.LedgerId = ledger.Id;
            }
        }

        return aspect;
    }

    private static void ApplyPlan(RectificationAction action, ActionPlanRequest plan, string prefix, bool split)
    {
        string F(string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";
        action.SpecificProblem = split
            ? Required(plan.SpecificProblem, F("specificProblem"), "具体问题", RectificationAction.SpecificProblemMaxLength)
            : Optional(plan.SpecificProblem, F("specificProblem"), RectificationAction.SpecificProblemMaxLength);
        action.Target = Optional(plan.Target, F("target"), RectificationAction.TextMaxLength);
        action.Measures = Optional(plan.Measures, F("measures"), RectificationAction.TextMaxLength);
        action.ResponsibleLeader = Optional(plan.ResponsibleLeader, F("responsibleLeader"), RectificationAction.NameMaxLength);
        action.ResponsibleDepartment = Optional(plan.ResponsibleDepartment, F("responsibleDepartment"), RectificationAction.NameMaxLength);
        action.ResponsiblePerson = Optional(plan.ResponsiblePerson, F("responsiblePerson"), RectificationAction.NameMaxLength);
        action.Deadline = plan.Deadline;
        action.LastingRules = Optional(plan.LastingRules, F("lastingRules"), RectificationAction.TextMaxLength);
    }

    private void ExpectVersion(RectificationAction action, long? expected)
    {
        if (expected is { } version)
        {
            db.Entry(action).Property(a => a.Version).OriginalValue = version;
        }
    }

    private static void EnsureNoneClosed(Finding finding)
    {
        if (finding.Actions.FirstOrDefault(a => a.IsClosed) is { } closed)
        {
            throw new LedgerRuleException(409, "findingId", $"问题{finding.Id}的整改事项{closed.Id}已销号，问题不能再修改或删除。");
        }
    }

    internal static string Required(string? value, string field, string label, int maxLength) =>
        Optional(value, field, maxLength) ?? throw new LedgerRuleException(422, field, $"{label}不能为空。");

    internal static string? Optional(string? value, string field, int maxLength)
    {
        var trimmed = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return trimmed is { Length: var n } && n > maxLength
            ? throw new LedgerRuleException(422, field, $"{field}超过{maxLength}个字符。")
            : trimmed;
    }
}
