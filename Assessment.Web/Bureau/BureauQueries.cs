using Assessment.Scoring.Criteria;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Assessment.Web.Workflow;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Bureau;

/// <summary>
/// What the bureau's and the results pages read: cycles with their counts, which centers have self-assessed and been
/// inspected, and a cycle's ranking — stored when published, else the publisher's own preview (<see cref="CyclePublisher.PreviewAsync"/>).
/// Read-only; every write goes through the workflow services.
/// </summary>
public sealed class BureauQueries(AssessmentDbContext db, CriteriaRegistry registry, CyclePublisher publisher)
{
    public async Task<IReadOnlyList<CycleSummary>> CyclesAsync(bool publishedOnly, CancellationToken cancellationToken = default)
    {
        var cycles = await db.Cycles.AsNoTracking()
            .Where(c => !publishedOnly || c.Status == CycleStatus.Published)
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.Id)
            .ToListAsync(cancellationToken);
        var current = await CurrentAssessments().Select(a => new { a.CycleId, a.CenterId, a.Kind, a.Status }).ToListAsync(cancellationToken);
        var results = await db.CycleResults.AsNoTracking().GroupBy(r => r.CycleId)
            .Select(g => new { CycleId = g.Key, Count = g.Count(), Demonstration = g.Count(r => r.IsDemonstration) })
            .ToListAsync(cancellationToken);
        return cycles.Select(c =>
        {
            var mine = current.Where(a => a.CycleId == c.Id).ToList();
            var published = results.FirstOrDefault(r => r.CycleId == c.Id);
            return new CycleSummary(
                c.Id,
                c.Year,
                c.Title,
                c.CriteriaVersionId,
                c.Status,
                c.ScheduleStart,
                c.ScheduleEnd,
                c.PublishedAt,
                mine.Select(a => a.CenterId).Distinct().Count(),
                mine.Count(a => a.Kind == AssessmentKind.SelfAssessment && a.Status != AssessmentStatus.Draft),
                mine.Count(a => a.Kind == AssessmentKind.Inspection && a.Status == AssessmentStatus.Submitted),
                mine.Count(a => a.Kind == AssessmentKind.Inspection && a.Status == AssessmentStatus.Finalized),
                published?.Count ?? 0,
                published?.Demonstration ?? 0);
        }).ToList();
    }

    public async Task<AssessmentCycle> CycleAsync(int cycleId, CancellationToken cancellationToken = default) =>
        await db.Cycles.AsNoTracking().Include(c => c.CriteriaVersion).FirstOrDefaultAsync(c => c.Id == cycleId, cancellationToken)
        ?? throw WorkflowException.NotFound($"考核周期 {cycleId} 不存在。");

    public CriteriaVersion CriteriaOf(AssessmentCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return registry.Find(cycle.CriteriaVersionId)
            ?? throw WorkflowException.Conflict($"考核周期使用的考核标准版本“{cycle.CriteriaVersionId}”未加载。");
    }

    /// <summary>Every center, with the current revision of its self-assessment and inspection in the cycle (null when none).</summary>
    public async Task<IReadOnlyList<CenterStatus>> StatusMatrixAsync(int cycleId, CancellationToken cancellationToken = default)
    {
        var centers = await db.Centers.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var current = await CurrentAssessments().Where(a => a.CycleId == cycleId)
            .Include(a => a.Inspectors)
            .Include(a => a.Scorecard)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var ledgers = await db.RectificationLedgers.AsNoTracking().Where(l => l.CycleId == cycleId).Select(l => l.CenterId).ToListAsync(cancellationToken);
        return centers
            .Select(c => new CenterStatus(
                c.Id,
                c.Code,
                c.Name,
                Slot(current.FirstOrDefault(a => a.CenterId == c.Id && a.Kind == AssessmentKind.SelfAssessment)),
                Slot(current.FirstOrDefault(a => a.CenterId == c.Id && a.Kind == AssessmentKind.Inspection)),
                ledgers.Contains(c.Id)))
            .Where(c => c.Self is not null || c.Inspection is not null || ledgers.Contains(c.CenterId))
            .ToList();
    }

    /// <summary>
    /// The ranking of a cycle: the stored results when published; otherwise the preview the publisher computes over the
    /// finalized inspections, with the refusal publishing would meet now.
    /// </summary>
    public async Task<(CycleResultsView View, WorkflowException? Blocker)> ResultsAsync(AssessmentCycle cycle, int? selectedCenterId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var previous = await PreviousTotalsAsync(cycle, cancellationToken);
        if (cycle.Status == CycleStatus.Published)
        {
            var stored = await db.CycleResults.AsNoTracking().Where(r => r.CycleId == cycle.Id)
                .Include(r => r.Center)
                .Include(r => r.Dimensions)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            return (CycleResultsView.FromStored(cycle, CriteriaOf(cycle), stored, previous, selectedCenterId), null);
        }

        var preview = await publisher.PreviewAsync(cycle.Id, cancellationToken);
        return (CycleResultsView.FromPreview(cycle, preview.Criteria, preview.Analysis, previous, selectedCenterId), preview.Blocker);
    }

    /// <summary>The stored totals of the latest published cycle of an earlier year; null when there is none.</summary>
    public async Task<PreviousTotals?> PreviousTotalsAsync(AssessmentCycle cycle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var previous = await db.Cycles.AsNoTracking()
            .Where(c => c.Status == CycleStatus.Published && c.Year < cycle.Year)
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (previous is null)
        {
            return null;
        }

        var totals = await db.CycleResults.AsNoTracking().Where(r => r.CycleId == previous.Id)
            .Select(r => new { r.CenterId, r.Total })
            .ToListAsync(cancellationToken);
        return new PreviousTotals(previous.Id, previous.Year, totals.ToDictionary(t => t.CenterId, t => Assessment.Scoring.Cycles.PublishedFigures.Round(t.Total)));
    }

    /// <summary>Every revision of the assessment's center and kind in its cycle, oldest first.</summary>
    public async Task<IReadOnlyList<AssessmentRecord>> RevisionsAsync(AssessmentRecord assessment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return await db.Assessments.AsNoTracking()
            .Where(a => a.CycleId == assessment.CycleId && a.CenterId == assessment.CenterId && a.Kind == assessment.Kind)
            .Include(a => a.Scorecard)
            .OrderBy(a => a.Revision)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The audit trail of one assessment row (who changed what, when), newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(int assessmentId, CancellationToken cancellationToken = default)
    {
        var key = assessmentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditLog.AsNoTracking()
            .Where(e => e.EntityType == nameof(AssessmentRecord) && e.EntityId == key)
            .OrderByDescending(e => e.Id)
            .Take(50)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<EvidenceFile>> EvidenceAsync(IEnumerable<int> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0 ? [] : await db.EvidenceFiles.AsNoTracking().Where(e => wanted.Contains(e.Id)).ToListAsync(cancellationToken);
    }

    /// <summary>The current revision of (center, kind) in the cycle, with everything the checklist needs; null when none.</summary>
    public async Task<AssessmentRecord?> CurrentAsync(int cycleId, int centerId, AssessmentKind kind, CancellationToken cancellationToken = default) =>
        await CurrentAssessments()
            .Where(a => a.CycleId == cycleId && a.CenterId == centerId && a.Kind == kind)
            .Include(a => a.Cycle).ThenInclude(c => c!.CriteriaVersion)
            .Include(a => a.Center)
            .Include(a => a.Answers)
            .Include(a => a.VetoFindings)
            .Include(a => a.Scorecard)
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// What 安排考核 offers: every center with the kinds it has no assessment of yet in the cycle (any revision), and the
    /// users with the inspector role. The workflow (<see cref="AssessmentService.CreateAsync"/>) still decides.
    /// </summary>
    public async Task<Scheduling> SchedulingAsync(int cycleId, CancellationToken cancellationToken = default)
    {
        var centers = await db.Centers.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken);
        var existing = await db.Assessments.AsNoTracking().Where(a => a.CycleId == cycleId)
            .Select(a => new { a.CenterId, a.Kind }).Distinct().ToListAsync(cancellationToken);
        var inspectorRole = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.Inspector).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var inspectors = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == inspectorRole))
            .OrderBy(u => u.UserName)
            .Select(u => new InspectorOption(u.Id, u.UserName ?? "", u.DisplayName))
            .ToListAsync(cancellationToken);
        return new Scheduling(
            centers.Select(c => new SchedulableCenter(
                c.Id,
                c.Name,
                [.. new[] { AssessmentKind.Inspection, AssessmentKind.SelfAssessment }.Where(k => !existing.Any(e => e.CenterId == c.Id && e.Kind == k))])).ToList(),
            inspectors);
    }

    private IQueryable<AssessmentRecord> CurrentAssessments() =>
        db.Assessments.AsNoTracking()
            .Where(a => !db.Assessments.Any(b => b.CycleId == a.CycleId && b.CenterId == a.CenterId && b.Kind == a.Kind && b.Revision > a.Revision));

    private static AssessmentSlot? Slot(AssessmentRecord? a) =>
        a is null ? null : new AssessmentSlot(a.Id, a.Status, a.Revision, a.Scorecard?.Total, a.Inspectors.Select(i => i.DisplayName).Order(StringComparer.Ordinal).ToArray());
}

public sealed record CycleSummary(
    int Id,
    int Year,
    string Title,
    string CriteriaVersionId,
    CycleStatus Status,
    DateOnly ScheduleStart,
    DateOnly ScheduleEnd,
    DateTimeOffset? PublishedAt,
    int Centers,
    int SelfSubmitted,
    int InspectionsSubmitted,
    int InspectionsFinalized,
    int Ranked,
    int Demonstration);

/// <summary>A center's row of the status matrix.</summary>
public sealed record CenterStatus(int CenterId, string Code, string Name, AssessmentSlot? Self, AssessmentSlot? Inspection, bool HasLedger);

/// <summary>The current revision of a self-assessment or inspection.</summary>
/// <param name="FrozenTotal">The frozen total once finalized.</param>
public sealed record AssessmentSlot(int Id, AssessmentStatus Status, int Revision, decimal? FrozenTotal, IReadOnlyList<string> Inspectors);

/// <summary>The choices of the 安排考核 form.</summary>
public sealed record Scheduling(IReadOnlyList<SchedulableCenter> Centers, IReadOnlyList<InspectorOption> Inspectors);

/// <summary>A center and the kinds of assessment it has none of yet in the cycle.</summary>
public sealed record SchedulableCenter(int CenterId, string Name, IReadOnlyList<AssessmentKind> Missing);

/// <summary>A user with the inspector role.</summary>
public sealed record InspectorOption(string Id, string UserName, string DisplayName);
