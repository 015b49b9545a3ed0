using System.Globalization;
using Assessment.Scoring.Criteria;
using Assessment.Scoring.Cycles;
using Assessment.Scoring.Scoring;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Workflow;

/// <summary>
/// Publishes a cycle: the engine (<see cref="CycleAnalyzer"/>) ranks the current finalized inspection of
/// every center, with the centers' self-assessments and the previous published cycle's inspections, and
/// the results are stored as <see cref="CycleResult"/> rows in the same transaction that marks the cycle
/// published. Nothing is written by hand: ranks, grades and demonstration status come from the engine.
/// Each center's rectification completion rate for the previous cycle's ledger (<see cref="RectificationRates"/>)
/// goes to the engine with it, for demonstration rules with a rectification minimum (qh-demo-2022).
/// </summary>
public sealed class CyclePublisher(AssessmentDbContext db, CriteriaRegistry registry, TimeProvider clock, RectificationRates rates)
{
    /// <summary>
    /// Publishes cycle <paramref name="cycleId"/> with the previous cycle's rectification rates taken from the
    /// ledgers, and returns the engine's analysis.
    /// </summary>
    /// <exception cref="WorkflowException">
    /// 404 no such cycle; 409 already published, still a draft, or a criteria hash changed; 422 a center
    /// of the cycle has no finalized current inspection, or no center can be ranked.
    /// </exception>
    public Task<CycleAnalysis> PublishAsync(int cycleId, CancellationToken cancellationToken = default) =>
        PublishAsync(cycleId, null, cancellationToken);

    /// <summary>
    /// Publishes with each center's rectification completion rate (percent) for the previous cycle's findings,
    /// keyed by center id, for criteria whose demonstration rule requires one (e.g. qh-demo-2022); null takes
    /// them from the ledgers (<see cref="RectificationRates.PreviousCycleRatesAsync"/>). A center without a
    /// rate (no ledger in the previous cycle) is judged as "unknown" by the engine (not eligible under such a rule).
    /// </summary>
    public async Task<CycleAnalysis> PublishAsync(int cycleId, IReadOnlyDictionary<int, decimal>? previousRectificationRates, CancellationToken cancellationToken = default)
    {
        var cycle = await db.Cycles.Include(c => c.CriteriaVersion).FirstOrDefaultAsync(c => c.Id == cycleId, cancellationToken)
            ?? throw WorkflowException.NotFound($"考核周期 {cycleId} 不存在。");
        if (cycle.Status is CycleStatus.Published or CycleStatus.Draft)
        {
            throw Blockers(cycle, [])!;
        }

        var criteria = AssessmentScoring.CriteriaOf(registry, cycle);
        previousRectificationRates ??= await rates.PreviousCycleRatesAsync(cycleId, cancellationToken);
        var current = await CurrentRevisionsAsync(cycleId, cancellationToken);
        if (Blockers(cycle, current) is { } refusal)
        {
            throw refusal;
        }

        var (analysis, inspections) = await AnalyzeAsync(cycle, criteria, current, previousRectificationRates, cancellationToken);
        db.CycleResults.AddRange(ResultsOf(cycleId, analysis, centerId => inspections[centerId].Id));
        if (analysis.Rankings.Count == 0)
        {
            throw WorkflowException.Unprocessable($"考核周期 {cycleId} 没有可排名的中心（{string.Join("；", analysis.Unranked.Select(u => u.ToString()))}）。");
        }

        cycle.Status = CycleStatus.Published;
        cycle.PublishedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return analysis;
    }

    /// <summary>
    /// The stored form of the engine's verdict on a cycle: one <see cref="CycleResult"/> (with its dimension scores)
    /// per ranked center, keyed by center id as <see cref="CenterKey"/> writes it. Used by <see cref="PublishAsync(int, IReadOnlyDictionary{int, decimal}?, CancellationToken)"/>
    /// and by the synthetic data generator, so both store exactly what the engine decided.
    /// </summary>
    /// <param name="inspectionOf">The id of the finalized inspection each center was ranked on.</param>
    public static List<CycleResult> ResultsOf(int cycleId, CycleAnalysis analysis, Func<int, int> inspectionOf)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(inspectionOf);
        var stored = new List<CycleResult>(analysis.Rankings.Count);
        foreach (var ranking in analysis.Rankings)
        {
            var centerId = int.Parse(ranking.CenterId, CultureInfo.InvariantCulture);
            var result = new CycleResult
            {
                CycleId = cycleId,
                CenterId = centerId,
                AssessmentId = inspectionOf(centerId),
                Rank = ranking.Rank,
                Percentile = ranking.Percentile,
                Total = ranking.Total,
                Grade = ranking.Grade,
                IsDemonstration = ranking.Demonstration.IsSelected,
                DemonstrationReasons = [.. ranking.Demonstration.Reasons],
            };
            result.Dimensions.AddRange(ranking.Dimensions.Select(d => new CycleDimensionResult
            {
                Code = d.Code,
                Name = d.Name,
                Weight = d.Weight,
                Score = d.Score,
            }));
            stored.Add(result);
        }

        return stored;
    }

    /// <summary>How a center is named to the engine (<see cref="CenterResult.CenterId"/>): its database id.</summary>
    public static string CenterKey(int centerId) => Key(centerId);

    /// <summary>
    /// What publishing would compute now, without storing anything: the engine's analysis over the centers whose
    /// current inspection is finalized (the others are left out, not ranked as zero), with the same self-assessments,
    /// previous-cycle rectification rates and previous cycle as <see cref="PublishAsync(int, CancellationToken)"/>,
    /// and the refusal publishing would meet (null when it would go ahead).
    /// </summary>
    /// <exception cref="WorkflowException">404 no such cycle; 409 a criteria hash changed or a frozen scorecard disagrees.</exception>
    public async Task<CyclePreview> PreviewAsync(int cycleId, CancellationToken cancellationToken = default)
    {
        var cycle = await db.Cycles.AsNoTracking().Include(c => c.CriteriaVersion).FirstOrDefaultAsync(c => c.Id == cycleId, cancellationToken)
            ?? throw WorkflowException.NotFound($"考核周期 {cycleId} 不存在。");
        var criteria = AssessmentScoring.CriteriaOf(registry, cycle);
        var previousRates = await rates.PreviousCycleRatesAsync(cycleId, cancellationToken);
        var current = await CurrentRevisionsAsync(cycleId, cancellationToken);
        var blockers = Blockers(cycle, current);
        var finalized = current
            .Where(a => a.Kind == AssessmentKind.SelfAssessment || a.Status == AssessmentStatus.Finalized)
            .ToList();
        var (analysis, _) = await AnalyzeAsync(cycle, criteria, finalized, previousRates, cancellationToken);
        return new CyclePreview(criteria, analysis, blockers);
    }

    /// <summary>
    /// Why the cycle cannot be published as it stands (the refusal <see cref="PublishAsync(int, CancellationToken)"/> throws), or null:
    /// already published, not started, no assessments, or centers whose current inspection is missing or not finalized
    /// (errors keyed <c>center:{id}</c>).
    /// </summary>
    private static WorkflowException? Blockers(AssessmentCycle cycle, IReadOnlyList<AssessmentRecord> current)
    {
        if (cycle.Status == CycleStatus.Published)
        {
            return WorkflowException.Conflict($"考核周期 {cycle.Id}（{cycle.Title}）已于 {cycle.PublishedAt:yyyy-MM-dd} 发布，不能重复发布。");
        }

        if (cycle.Status == CycleStatus.Draft)
        {
            return WorkflowException.Conflict($"考核周期 {cycle.Id}（{cycle.Title}）尚未开始，不能发布。");
        }

        var centerIds = current.Select(a => a.CenterId).Distinct().Order().ToList();
        var inspections = current.Where(a => a.Kind == AssessmentKind.Inspection).ToDictionary(a => a.CenterId);
        var notFinalized = new Dictionary<string, string[]>();
        foreach (var centerId in centerIds)
        {
            if (!inspections.TryGetValue(centerId, out var inspection))
            {
                notFinalized[$"center:{centerId}"] = ["该中心没有考核组评分。"];
            }
            else if (inspection.Status != AssessmentStatus.Finalized)
            {
                notFinalized[$"center:{centerId}"] = [$"考核（第 {inspection.Revision} 版，编号 {inspection.Id}）状态为“{StatusNames.Of(inspection.Status)}”，尚未定稿。"];
            }
        }

        if (centerIds.Count == 0)
        {
            return WorkflowException.Unprocessable($"考核周期 {cycle.Id} 没有任何考核，不能发布。");
        }

        return notFinalized.Count > 0
            ? WorkflowException.Unprocessable($"考核周期 {cycle.Id} 有 {notFinalized.Count} 个中心的考核尚未定稿，不能发布。", notFinalized)
            : null;
    }

    /// <summary>
    /// The engine's analysis of the centers with an inspection among <paramref name="current"/> (each rescored and checked
    /// against its frozen scorecard), with their submitted complete self-assessments, rates and the previous cycle.
    /// </summary>
    private async Task<(CycleAnalysis Analysis, Dictionary<int, AssessmentRecord> Inspections)> AnalyzeAsync(
        AssessmentCycle cycle, CriteriaVersion criteria, IReadOnlyList<AssessmentRecord> current, IReadOnlyDictionary<int, decimal> previousRectificationRates, CancellationToken cancellationToken)
    {
        var inspections = current.Where(a => a.Kind == AssessmentKind.Inspection).ToDictionary(a => a.CenterId);
        var centerIds = inspections.Keys.Order().ToList();
        var centers = await db.Centers.Where(c => centerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var selfAssessments = current.Where(a => a.Kind == AssessmentKind.SelfAssessment).ToDictionary(a => a.CenterId);
        var results = new List<CenterResult>();
        foreach (var centerId in centerIds)
        {
            var inspection = inspections[centerId];
            var card = AssessmentScoring.Rescore(criteria, inspection);
            Scorecard? self = null;
            if (selfAssessments.TryGetValue(centerId, out var selfAssessment) && selfAssessment.Status != AssessmentStatus.Draft)
            {
                self = Scorer.Score(criteria, selfAssessment.ToChecklist(criteria.Id)) is { IsComplete: true } selfCard ? selfCard : null;
            }

            decimal? rate = previousRectificationRates.TryGetValue(centerId, out var r) ? r : null;
            results.Add(new CenterResult(Key(centerId), centers[centerId].Name, card, self, rate));
        }

        return (CycleAnalyzer.Analyze(criteria, results, await PreviousCycleAsync(cycle, cancellationToken)), inspections);
    }

    private static string Key(int centerId) => centerId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The highest revision of each (center, kind) in the cycle, with answers and vetoes.</summary>
    private Task<List<AssessmentRecord>> CurrentRevisionsAsync(int cycleId, CancellationToken cancellationToken) =>
        db.Assessments
            .Where(a => a.CycleId == cycleId)
            .Where(a => !db.Assessments.Any(b => b.CycleId == a.CycleId && b.CenterId == a.CenterId && b.Kind == a.Kind && b.Revision > a.Revision))
            .Include(a => a.Answers)
            .Include(a => a.VetoFindings)
            .Include(a => a.Scorecard)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

    /// <summary>The latest published cycle of an earlier year, scored under its own criteria; null when none.</summary>
    private async Task<PreviousCycle?> PreviousCycleAsync(AssessmentCycle cycle, CancellationToken cancellationToken)
    {
        var previous = await db.Cycles
            .Where(c => c.Status == CycleStatus.Published && c.Year < cycle.Year)
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (previous is null || registry.Find(previous.CriteriaVersionId) is not { } criteria)
        {
            return null;
        }

        var inspections = (await CurrentRevisionsAsync(previous.Id, cancellationToken))
            .Where(a => a.Kind == AssessmentKind.Inspection && a.Status == AssessmentStatus.Finalized);
        var cards = new Dictionary<string, Scorecard>(StringComparer.Ordinal);
        foreach (var inspection in inspections)
        {
            cards[Key(inspection.CenterId)] = AssessmentScoring.Rescore(criteria, inspection);
        }

        return new PreviousCycle(cards);
    }
}

/// <summary>
/// What publishing would compute now (<see cref="CyclePublisher.PreviewAsync"/>): the engine's analysis over the finalized
/// inspections, and the refusal publishing would meet (null when it would go ahead).
/// </summary>
public sealed record CyclePreview(CriteriaVersion Criteria, CycleAnalysis Analysis, WorkflowException? Blocker);

/// <summary>Scoring helpers shared by the workflow services.</summary>
internal static class AssessmentScoring
{
    /// <summary>SQLite keeps scores as doubles (about 15 significant digits): a frozen total matches within this.</summary>
    private const decimal FrozenTolerance = 0.000000001m;

    /// <summary>The cycle's pinned criteria version from the registry; 409 when its content no longer matches the pinned hash.</summary>
    public static CriteriaVersion CriteriaOf(CriteriaRegistry registry, AssessmentCycle cycle) =>
        CriteriaOf(registry, cycle.CriteriaVersionId, cycle.CriteriaVersion?.ContentHash);

    /// <summary>The pinned version from the registry, checked against the pinned hash when given.</summary>
    public static CriteriaVersion CriteriaOf(CriteriaRegistry registry, string criteriaVersionId, string? pinnedHash)
    {
        var criteria = registry.Find(criteriaVersionId)
            ?? throw WorkflowException.Conflict($"考核周期使用的考核标准版本“{criteriaVersionId}”未加载。");
        if (pinnedHash is not null && !string.Equals(pinnedHash, criteria.ContentHash, StringComparison.Ordinal))
        {
            throw WorkflowException.Conflict($"考核标准版本“{criteria.Id}”的内容与考核周期固定的版本（哈希 {pinnedHash[..Math.Min(12, pinnedHash.Length)]}…）不一致。");
        }

        return criteria;
    }

    /// <summary>
    /// A finalized assessment's scorecard, scored again from its stored answers; it must agree with the frozen
    /// one (same criteria hash, same total), else the stored data and the engine disagree and nothing is published.
    /// </summary>
    public static Scorecard Rescore(CriteriaVersion criteria, AssessmentRecord assessment)
    {
        var card = Scorer.Score(criteria, assessment.ToChecklist(criteria.Id));
        if (assessment.Scorecard is { } frozen
            && (!string.Equals(frozen.CriteriaHash, card.CriteriaHash, StringComparison.Ordinal) || card.Total is not { } total || Math.Abs(frozen.Total - total) > FrozenTolerance))
        {
            throw WorkflowException.Conflict(
                $"考核 {assessment.Id} 定稿时的评分（{frozen.Total}，标准哈希 {frozen.CriteriaHash[..12]}…）与按当前标准重新计算的结果（{card.Total}）不一致。");
        }

        if (!card.IsComplete)
        {
            throw WorkflowException.Unprocessable($"考核 {assessment.Id} 的评分不完整，不能用于排名。");
        }

        return card;
    }
}
