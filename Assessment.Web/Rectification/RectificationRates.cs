using System.Globalization;
using Assessment.Scoring.Criteria;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Assessment.Web.Rectification;

/// <summary>
/// The previous cycle's rectification completion rate, which feeds the next cycle: (a) as the answer of the
/// criteria item configured for it (<see cref="RectificationOptions.RateItems"/>, E6 in qh-demo) and (b) as
/// <c>CenterResult.PreviousRectificationRate</c> for the demonstration rule's minimum.
/// </summary>
/// <remarks>
/// The previous cycle is the cycle with the latest year before the given cycle's year. What counts as done
/// is <see cref="RectificationOptions.RateBasis"/>: by default the items the bureau closed (销号) after checking
/// the evidence, as the criteria ask (逐项核对销号佐证); a center's own "completed" is not enough.
/// </remarks>
public sealed class RectificationRates(AssessmentDbContext db, CriteriaRegistry criteria, IOptions<RectificationOptions> options)
{
    /// <summary>Marks a pre-filled answer's note, so people can tell where the number came from.</summary>
    public const string PrefillNotePrefix = "由上一轮整改台账自动计算";

    /// <summary>The center's completion rate (percent, two decimals) for the cycle before <paramref name="cycleId"/>; null when it has no ledger.</summary>
    public async Task<decimal?> PreviousCycleRateAsync(int centerId, int cycleId, CancellationToken cancellationToken = default)
    {
        var rates = await PreviousCycleRatesAsync(cycleId, cancellationToken);
        return rates.TryGetValue(centerId, out var rate) ? rate : null;
    }

    /// <summary>Every center's previous-cycle rate (centers without a ledger are absent): for building CenterResults.</summary>
    public async Task<IReadOnlyDictionary<int, decimal>> PreviousCycleRatesAsync(int cycleId, CancellationToken cancellationToken = default)
    {
        var year = await db.Cycles.Where(c => c.Id == cycleId).Select(c => (int?)c.Year).FirstOrDefaultAsync(cancellationToken)
            ?? throw new LedgerRuleException(404, "cycleId", $"考核周期{cycleId}不存在。");
        var previous = await db.Cycles.Where(c => c.Year < year).OrderByDescending(c => c.Year).ThenByDescending(c => c.Id)
            .Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (previous is null)
        {
            return new Dictionary<int, decimal>();
        }

        var closedBasis = options.Value.RateBasis == RateBasis.Closed;
        var ledgers = await db.RectificationLedgers
            .Where(l => l.CycleId == previous)
            .Select(l => new
            {
                l.CenterId,
                Total = l.Findings.SelectMany(f => f.Actions).Count(),
                Done = l.Findings.SelectMany(f => f.Actions).Count(a => closedBasis ? a.ClosedAt != null : a.Status == ActionStatus.Completed),
            })
            .ToListAsync(cancellationToken);
        return ledgers.ToDictionary(l => l.CenterId, l => LedgerProgress.Rate(l.Done, l.Total));
    }

    /// <summary>The items of <paramref name="version"/> answered with the previous cycle's rate (configured per scheme).</summary>
    public IReadOnlyList<CriteriaItem> RateItems(CriteriaVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!options.Value.RateItems.TryGetValue(version.Scheme, out var ids))
        {
            return [];
        }

        return ids.Select(id => version.FindItem(id) is { Kind: ItemKind.Target } item
                ? item
                : throw new InvalidOperationException(
                    $"Rectification:RateItems:{version.Scheme} names '{id}', which is not a target item of criteria {version.Id}."))
            .ToList();
    }

    /// <summary>
    /// Pre-fills the rate items of a draft inspection (or self-assessment) with the center's previous-cycle rate.
    /// An item already answered is left as it is (the inspector's answer wins); nothing is written when the center
    /// has no previous ledger. Returns what was filled.
    /// </summary>
    public async Task<IReadOnlyList<RatePrefill>> PrefillRateAnswersAsync(int assessmentId, CancellationToken cancellationToken = default)
    {
        var assessment = await db.Assessments.Include(a => a.Answers).Include(a => a.Cycle)
            .FirstOrDefaultAsync(a => a.Id == assessmentId, cancellationToken)
            ?? throw new LedgerRuleException(404, "assessmentId", $"考核{assessmentId}不存在。");
        if (assessment.Status == AssessmentStatus.Finalized)
        {
            throw new LedgerRuleException(409, "assessmentId", $"考核{assessmentId}已定稿，不能预填。");
        }

        var filled = await FillRateAnswersAsync(assessment, assessment.Cycle!.CriteriaVersionId, cancellationToken);
        if (filled.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return filled;
    }

    /// <summary>
    /// Adds the rate answers to <paramref name="assessment"/> (new or loaded with its answers) without saving, so a
    /// caller creating an assessment stores it and its pre-filled answers in one save. Same rules as
    /// <see cref="PrefillRateAnswersAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<RatePrefill>> FillRateAnswersAsync(AssessmentRecord assessment, string criteriaVersionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var version = criteria.Find(criteriaVersionId)
            ?? throw new InvalidOperationException($"Criteria {criteriaVersionId} is not loaded.");
        var items = RateItems(version);
        if (items.Count == 0 || await PreviousCycleRateAsync(assessment.CenterId, assessment.CycleId, cancellationToken) is not { } rate)
        {
            return [];
        }

        var filled = new List<RatePrefill>();
        foreach (var item in items)
        {
            if (assessment.Answers.Any(a => a.ItemId == item.Id))
            {
                continue;
            }

            assessment.Answers.Add(new Answer
            {
                ItemId = item.Id,
                Number = rate,
                Note = $"{PrefillNotePrefix}：完成率{rate.ToString("0.00", CultureInfo.InvariantCulture)}%",
                Method = InspectionMethod.CheckDocuments,
            });
            filled.Add(new RatePrefill(item.Id, rate));
        }

        return filled;
    }
}

public sealed record RatePrefill(string ItemId, decimal Rate);
