using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Workflow;

/// <summary>
/// The life of one assessment: created (self-assessment or inspection) with its inspectors, answered,
/// submitted when the engine says it is complete, finalized with its scorecard frozen, and amended after
/// finalization as a new revision. Every write is checked whole before anything is saved, and a finalized
/// assessment or one in a published cycle is never written (409).
/// </summary>
/// <remarks>
/// <c>expectedVersion</c> is the client's <c>If-Match</c>: a stale one is refused with 412; null skips the
/// check (commands and the demo seed). Authorization is the caller's business (see Security/).
/// </remarks>
public sealed class AssessmentService(AssessmentDbContext db, CriteriaRegistry registry, TimeProvider clock, ICurrentActor actor, RectificationRates rates)
{
    private readonly Dictionary<int, AssessmentRecord> loaded = [];
    private readonly Dictionary<int, string> pinnedHashes = [];

    /// <summary>
    /// Creates the first revision of a center's self-assessment or inspection in a cycle. Where the cycle's criteria
    /// have an item for the previous cycle's rectification rate (configured, E6 in qh-demo), it is answered from the
    /// center's ledger (<see cref="RectificationRates.FillRateAnswersAsync"/>) in the same save; people may change it.
    /// </summary>
    public async Task<AssessmentRecord> CreateAsync(int cycleId, NewAssessment request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cycle = await db.Cycles.FirstOrDefaultAsync(c => c.Id == cycleId, cancellationToken)
            ?? throw WorkflowException.NotFound($"考核周期 {cycleId} 不存在。");
        if (cycle.Status == CycleStatus.Published)
        {
            throw WorkflowException.Conflict($"考核周期 {cycleId} 已发布，不能再新增考核。");
        }

        if (!await db.Centers.AnyAsync(c => c.Id == request.CenterId, cancellationToken))
        {
            throw WorkflowException.Invalid("centerId", $"交易中心 {request.CenterId} 不存在。");
        }

        if (await db.Assessments.AnyAsync(a => a.CycleId == cycleId && a.CenterId == request.CenterId && a.Kind == request.Kind, cancellationToken))
        {
            throw WorkflowException.Conflict($"该中心在考核周期 {cycleId} 中已有{StatusNames.Of(request.Kind)}。");
        }

        var assessment = new AssessmentRecord { CycleId = cycleId, CenterId = request.CenterId, Kind = request.Kind };
        assessment.Inspectors.AddRange(await InspectorsAsync(request.Kind, request.InspectorIds ?? [], cancellationToken));
        await rates.FillRateAnswersAsync(assessment, cycle.CriteriaVersionId, cancellationToken);
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync(cancellationToken);
        return assessment;
    }

    /// <summary>Replaces the inspection team of an unfinalized inspection.</summary>
    public async Task<AssessmentRecord> AssignInspectorsAsync(int assessmentId, long? expectedVersion, IReadOnlyList<string> inspectorIds, CancellationToken cancellationToken = default)
    {
        var assessment = await LoadAsync(assessmentId, cancellationToken);
        if (assessment.Cycle is { Status: CycleStatus.Published } || assessment.Status == AssessmentStatus.Finalized)
        {
            throw WorkflowException.Conflict($"考核 {assessmentId} 已定稿或所属考核周期已发布，不能再调整考核组。");
        }

        EnsureVersion(assessment, expectedVersion);
        var inspectors = await InspectorsAsync(assessment.Kind, inspectorIds, cancellationToken);
        assessment.Inspectors.Clear();
        assessment.Inspectors.AddRange(inspectors);
        assessment.ModifiedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return assessment;
    }

    /// <summary>
    /// The assessment with its cycle (and the pinned criteria hash), center, answers, vetoes, inspectors and
    /// frozen scorecard. Loaded once per scope (a request): the authorization check and the write share it.
    /// </summary>
    /// <remarks>
    /// One query for the assessment and its references, one per collection (split query). The pinned criteria
    /// record is not loaded: only its hash is projected (its YAML source is tens of kilobytes and every save read it).
    /// </remarks>
    public async Task<AssessmentRecord> LoadAsync(int assessmentId, CancellationToken cancellationToken = default)
    {
        if (loaded.TryGetValue(assessmentId, out var cached))
        {
            return cached;
        }

        var row = await db.Assessments
            .Include(a => a.Cycle)
            .Include(a => a.Center)
            .Include(a => a.Answers)
            .Include(a => a.VetoFindings)
            .Include(a => a.Inspectors)
            .Include(a => a.Scorecard)
            .AsSplitQuery()
            .Where(a => a.Id == assessmentId)
            .Select(a => new { Assessment = a, PinnedHash = a.Cycle!.CriteriaVersion!.ContentHash })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw WorkflowException.NotFound($"考核 {assessmentId} 不存在。");
        loaded[assessmentId] = row.Assessment;
        pinnedHashes[row.Assessment.CycleId] = row.PinnedHash;
        return row.Assessment;
    }

    /// <summary>The criteria the assessment is scored against (its cycle's pinned version).</summary>
    public CriteriaVersion CriteriaOf(AssessmentRecord assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var cycle = assessment.Cycle ?? throw new InvalidOperationException("Load the cycle first.");
        return cycle.CriteriaVersion is null && pinnedHashes.TryGetValue(cycle.Id, out var hash)
            ? AssessmentScoring.CriteriaOf(registry, cycle.CriteriaVersionId, hash)
            : AssessmentScoring.CriteriaOf(registry, cycle);
    }

    /// <summary>The engine's scorecard of the answers as they stand.</summary>
    public Scorecard Score(AssessmentRecord assessment)
    {
        var criteria = CriteriaOf(assessment);
        return Scorer.Score(criteria, assessment.ToChecklist(criteria.Id));
    }

    /// <summary>
    /// Saves answers (one or many): every answer is validated by the engine first, and if any is wrong
    /// (unknown item, value of the wrong kind or out of range, N/A where not allowed, unknown evidence)
    /// nothing is saved and the 400 names each item.
    /// </summary>
    public async Task<AssessmentRecord> SaveAnswersAsync(int assessmentId, long? expectedVersion, SaveAnswersRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var assessment = await LoadAsync(assessmentId, cancellationToken);
        var criteria = CriteriaOf(assessment);
        var errors = new Dictionary<string, string[]>();
        if (request.CycleId is { } cycleId && cycleId != assessment.CycleId)
        {
            errors["cycleId"] = [$"考核 {assessmentId} 属于考核周期 {assessment.CycleId}，不是 {cycleId}。"];
        }

        if (request.CriteriaVersionId is { } versionId && !string.Equals(versionId, criteria.Id, StringComparison.Ordinal))
        {
            errors["criteriaVersionId"] = [$"本次考核使用考核标准“{criteria.Id}”，不是“{versionId}”。"];
        }

        if (errors.Count > 0)
        {
            throw WorkflowException.Invalid("考核周期或考核标准版本不符，请刷新考核表后重试。", errors);
        }

        EnsureWritable(assessment, expectedVersion);
        EnsureDraft(assessment);
        var answers = request.Answers ?? [];
        var vetoes = request.Vetoes ?? [];
        if (answers.Count == 0 && vetoes.Count == 0)
        {
            throw WorkflowException.Invalid("answers", "请至少提交一项答案。");
        }

        ValidateVetoes(criteria, assessment, vetoes, errors);

        // Only the evidence the request refers to, and no query at all when it refers to none.
        var referenced = answers.SelectMany(a => a?.EvidenceIds ?? []).Distinct().ToList();
        var evidence = referenced.Count == 0 ? [] : (await db.EvidenceFiles
            .Where(e => e.AssessmentId == assessmentId && referenced.Contains(e.Id)).Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < answers.Count; i++)
        {
            var input = answers[i];
            var key = string.IsNullOrWhiteSpace(input?.ItemId) ? $"answers[{i}].itemId" : input.ItemId;
            if (input is null || string.IsNullOrWhiteSpace(input.ItemId))
            {
                errors[key] = ["缺少考核项编号。"];
                continue;
            }

            var problems = new List<string>();
            if (!seen.Add(input.ItemId))
            {
                problems.Add($"考核项 {input.ItemId} 在同一请求中重复出现。");
            }

            if (criteria.FindItem(input.ItemId) is not { } item)
            {
                problems.Add($"考核标准“{criteria.Id}”中没有考核项 {input.ItemId}。");
            }
            else if (input.Number is { } number && (Math.Abs(number) > AnswerInput.NumberLimit || decimal.Round(number, AnswerInput.NumberDecimals) != number))
            {
                // Checked before the engine, whose arithmetic would overflow on numbers near decimal's limit.
                problems.Add($"考核项 {input.ItemId} 的数值超出范围（绝对值不超过 {AnswerInput.NumberLimit:0}，最多 {AnswerInput.NumberDecimals} 位小数）。");
            }
            else if (Scorer.ScoreItem(item, input.ToItemAnswer()) is { Status: ItemStatus.Invalid } score)
            {
                problems.Add($"考核项 {input.ItemId}：{score.Reason.Text}");
            }

            if (input.Note is { Length: > Answer.NoteMaxLength })
            {
                problems.Add($"考核项 {input.ItemId} 的说明超过 {Answer.NoteMaxLength} 个字符。");
            }

            foreach (var id in input.EvidenceIds ?? [])
            {
                if (!evidence.Contains(id))
                {
                    problems.Add($"考核项 {input.ItemId} 引用的佐证材料 {id} 不属于本考核。");
                }
            }

            if (problems.Count > 0)
            {
                errors[input.ItemId] = [.. problems];
            }
        }

        if (errors.Count > 0)
        {
            throw WorkflowException.Invalid($"{errors.Count} 项答案有误，未保存任何答案。", errors);
        }

        foreach (var input in answers)
        {
            var answer = assessment.Answers.FirstOrDefault(a => a.ItemId == input.ItemId);
            if (answer is null)
            {
                answer = new Answer { ItemId = input.ItemId };
                assessment.Answers.Add(answer);
            }

            answer.NotApplicable = input.NotApplicable;
            answer.Met = input.Met;
            answer.Level = input.Level;
            answer.Number = input.Number;
            answer.Note = input.Note;
            answer.Method = input.Method;
            answer.EvidenceIds = [.. input.EvidenceIds ?? []];
        }

        foreach (var veto in vetoes)
        {
            var finding = assessment.VetoFindings.FirstOrDefault(v => v.VetoId == veto.VetoId);
            if (!veto.Triggered)
            {
                if (finding is not null)
                {
                    assessment.VetoFindings.Remove(finding);
                    db.VetoFindings.Remove(finding);
                }
            }
            else if (finding is null)
            {
                assessment.VetoFindings.Add(new VetoFindingRecord { VetoId = veto.VetoId, Note = veto.Note });
            }
            else
            {
                finding.Note = veto.Note;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && DatabaseFailures.IsUniqueViolation(e))
        {
            // Another save inserted the same item's first answer at the same moment: the assessment changed under us.
            throw WorkflowException.PreconditionFailed($"考核 {assessmentId} 已被他人同时修改，本次保存未生效，请刷新后重试。");
        }

        return assessment;
    }

    private static void ValidateVetoes(CriteriaVersion criteria, AssessmentRecord assessment, IReadOnlyList<VetoInput> vetoes, Dictionary<string, string[]> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < vetoes.Count; i++)
        {
            var veto = vetoes[i];
            var key = string.IsNullOrWhiteSpace(veto?.VetoId) ? $"vetoes[{i}].vetoId" : $"veto:{veto.VetoId}";
            if (veto is null || string.IsNullOrWhiteSpace(veto.VetoId))
            {
                errors[key] = ["缺少否决项编号。"];
            }
            else if (!seen.Add(veto.VetoId))
            {
                errors[key] = [$"否决项 {veto.VetoId} 在同一请求中重复出现。"];
            }
            else if (criteria.Vetoes.All(v => v.Id != veto.VetoId))
            {
                errors[key] = [$"考核标准“{criteria.Id}”中没有否决项 {veto.VetoId}。"];
            }
            else if (assessment.Kind == AssessmentKind.SelfAssessment && veto.Triggered)
            {
                errors[key] = ["否决项由考核组认定，自评中不能填写。"];
            }
            else if (veto.Note is { Length: > VetoFindingRecord.NoteMaxLength })
            {
                errors[key] = [$"否决项说明超过 {VetoFindingRecord.NoteMaxLength} 个字符。"];
            }
        }
    }

    /// <summary>
    /// Whether evidence (for <paramref name="itemId"/>, when given) may be added now: checked before the upload's
    /// bytes are stored too, so a refused upload leaves no file behind.
    /// </summary>
    public void EnsureCanAddEvidence(AssessmentRecord assessment, long? expectedVersion, string? itemId)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        EnsureWritable(assessment, expectedVersion);
        EnsureDraft(assessment);
        if (itemId is not null && CriteriaOf(assessment).FindItem(itemId) is null)
        {
            throw WorkflowException.Invalid("itemId", $"考核标准中没有考核项 {itemId}。");
        }
    }

    /// <summary>
    /// Adds the row of an uploaded file to the assessment, checked (editable, version, item) and unsaved: only through
    /// <see cref="EvidenceUploads.AttachAsync"/>, which saves it and places the file as the transaction commits.
    /// </summary>
    internal async Task RecordEvidenceAsync(int assessmentId, long? expectedVersion, EvidenceFile file, CancellationToken cancellationToken)
    {
        var assessment = await LoadAsync(assessmentId, cancellationToken);
        EnsureCanAddEvidence(assessment, expectedVersion, file.ItemId);
        file.AssessmentId = assessmentId;
        file.UploadedBy = actor.UserId ?? actor.Name;
        file.UploadedAt = clock.GetUtcNow();
        db.EvidenceFiles.Add(file);
    }

    /// <summary>Submits a complete assessment; 422 listing the unanswered items (and problems) otherwise.</summary>
    public async Task<AssessmentRecord> SubmitAsync(int assessmentId, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        var assessment = await LoadAsync(assessmentId, cancellationToken);
        EnsureWritable(assessment, expectedVersion);
        if (assessment.Status != AssessmentStatus.Draft)
        {
            throw WorkflowException.Conflict($"考核 {assessmentId} 已提交，不能重复提交。");
        }

        EnsureComplete(assessment, Score(assessment), "提交");
        assessment.Status = AssessmentStatus.Submitted;
        assessment.SubmittedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return assessment;
    }

    /// <summary>Finalizes a submitted assessment, freezing the engine's scorecard with the criteria id and hash.</summary>
    public async Task<AssessmentRecord> FinalizeAsync(int assessmentId, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        var assessment = await LoadAsync(assessmentId, cancellationToken);
        EnsureWritable(assessment, expectedVersion);
        if (assessment.Status != AssessmentStatus.Submitted)
        {
            throw WorkflowException.Conflict($"考核 {assessmentId} 尚未提交，不能定稿。");
        }

        var card = Score(assessment);
        EnsureComplete(assessment, card, "定稿");
        var now = clock.GetUtcNow();
        assessment.Scorecard = ScorecardRecord.Freeze(card, assessment.Cycle!.Year, now);
        assessment.Status = AssessmentStatus.Finalized;
        assessment.FinalizedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return assessment;
    }

    /// <summary>
    /// Amends the current finalized revision: a new draft revision with the answers copied and the reason
    /// recorded; the finalized one is kept unchanged. Returns the new revision.
    /// </summary>
    public async Task<AssessmentRecord> AmendAsync(int assessmentId, long? expectedVersion, string? reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > AssessmentRecord.AmendmentReasonMaxLength)
        {
            throw WorkflowException.Invalid("reason", $"请填写修订原因（不超过 {AssessmentRecord.AmendmentReasonMaxLength} 个字符）。");
        }

        var assessment = await LoadAsync(assessmentId, cancellationToken);
        EnsureCycleNotPublished(assessment);
        EnsureVersion(assessment, expectedVersion);
        if (assessment.Status != AssessmentStatus.Finalized)
        {
            throw WorkflowException.Conflict($"考核 {assessmentId} 尚未定稿，直接修改即可，无需修订。");
        }

        if (await db.Assessments.AnyAsync(a => a.PreviousRevisionId == assessmentId, cancellationToken))
        {
            throw WorkflowException.Conflict($"考核 {assessmentId} 已有修订版本，请修订最新版本。");
        }

        var amended = assessment.Amend(reason.Trim());
        db.Assessments.Add(amended);
        await db.SaveChangesAsync(cancellationToken);
        return amended;
    }

    /// <summary>409 when the assessment is finalized or its cycle is published; 412 when the version is stale.</summary>
    public static void EnsureWritable(AssessmentRecord assessment, long? expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        EnsureCycleNotPublished(assessment);
        if (assessment.Status == AssessmentStatus.Finalized)
        {
            throw WorkflowException.Conflict($"考核 {assessment.Id} 已定稿，不能修改；如需更正，请提出修订。");
        }

        EnsureVersion(assessment, expectedVersion);
    }

    private static void EnsureCycleNotPublished(AssessmentRecord assessment)
    {
        if (assessment.Cycle is { Status: CycleStatus.Published } cycle)
        {
            throw WorkflowException.Conflict($"考核周期 {cycle.Id}（{cycle.Title}）已发布，其中的考核不能再修改。");
        }

        if (assessment.Cycle is { Status: CycleStatus.Draft } draft)
        {
            throw WorkflowException.Conflict($"考核周期 {draft.Id}（{draft.Title}）尚未开始，暂不能填报。");
        }
    }

    // Submitted answers wait for the bureau's finalization; they change only through an amendment afterwards.
    private static void EnsureDraft(AssessmentRecord assessment)
    {
        if (assessment.Status != AssessmentStatus.Draft)
        {
            throw WorkflowException.Conflict($"考核 {assessment.Id} 已提交，等待定稿，不能再修改答案。");
        }
    }

    private static void EnsureVersion(AssessmentRecord assessment, long? expectedVersion)
    {
        if (expectedVersion is { } expected && expected != assessment.Version)
        {
            throw WorkflowException.PreconditionFailed($"考核 {assessment.Id} 已被他人修改（当前版本 {assessment.Version}，您的版本 {expected}），请刷新后重试。");
        }
    }

    private static void EnsureComplete(AssessmentRecord assessment, Scorecard card, string action)
    {
        if (card.IsComplete)
        {
            return;
        }

        var errors = new Dictionary<string, string[]>();
        foreach (var itemId in card.Completeness.Unanswered)
        {
            errors[itemId] = ["尚未作答。"];
        }

        foreach (var problem in card.Problems)
        {
            var key = string.IsNullOrEmpty(problem.ItemId) ? "checklist" : problem.ItemId;
            errors[key] = [.. errors.GetValueOrDefault(key, []), problem.Message];
        }

        throw WorkflowException.Unprocessable(
            $"考核 {assessment.Id} 尚未完成（{card.Completeness.Unanswered.Count} 项未作答），不能{action}。", errors);
    }

    private async Task<List<AppUser>> InspectorsAsync(AssessmentKind kind, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        if (kind == AssessmentKind.SelfAssessment)
        {
            throw WorkflowException.Invalid("inspectorIds", "自评不分配考核组成员。");
        }

        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        var inspectorRole = await db.Roles.Where(r => r.Name == Roles.Inspector).Select(r => r.Id).FirstAsync(cancellationToken);
        var users = await db.Users
            .Where(u => distinct.Contains(u.Id) && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == inspectorRole))
            .ToListAsync(cancellationToken);
        var missing = distinct.Except(users.Select(u => u.Id), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw WorkflowException.Invalid("inspectorIds", $"以下用户不存在或不是考核组成员：{string.Join("、", missing)}。");
        }

        return users;
    }
}

public sealed record NewAssessment(int CenterId, AssessmentKind Kind, IReadOnlyList<string>? InspectorIds = null);

/// <summary>A save of one or many answers; <see cref="CycleId"/> and <see cref="CriteriaVersionId"/>, when given, must match.</summary>
public sealed record SaveAnswersRequest(IReadOnlyList<AnswerInput>? Answers, int? CycleId = null, string? CriteriaVersionId = null, IReadOnlyList<VetoInput>? Vetoes = null);

/// <summary>A veto item (一票否决) found triggered (<see cref="Triggered"/>) or withdrawn, with the inspector's note.</summary>
public sealed record VetoInput(string VetoId, bool Triggered = true, string? Note = null);

/// <summary>One item's answer as a client sends it.</summary>
public sealed record AnswerInput
{
    /// <summary>
    /// The largest number an answer may carry: SQLite keeps numbers as doubles (15 significant digits), so a larger
    /// or finer one would not read back as it was written (or not at all, beyond the range of decimal).
    /// </summary>
    public const decimal NumberLimit = 1_000_000_000m;

    /// <summary>Decimal places an answer's number may have (see <see cref="NumberLimit"/>).</summary>
    public const int NumberDecimals = 6;

    public required string ItemId { get; init; }

    public bool NotApplicable { get; init; }

    public bool? Met { get; init; }

    public string? Level { get; init; }

    public decimal? Number { get; init; }

    public string? Note { get; init; }

    public InspectionMethod? Method { get; init; }

    public IReadOnlyList<int>? EvidenceIds { get; init; }

    public Assessment.Scoring.Checklists.ItemAnswer ToItemAnswer() => new()
    {
        ItemId = ItemId,
        NotApplicable = NotApplicable,
        Met = Met,
        Level = Level,
        Number = Number,
        Note = Note,
        Method = Method,
    };
}
