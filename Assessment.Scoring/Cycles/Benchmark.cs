using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;

namespace Assessment.Scoring.Cycles;

/// <summary>
/// The province-wide picture of one cycle: which centers can be ranked, the mean, median, minimum and
/// maximum per dimension and for the total, and each center's distance to the best.
/// </summary>
/// <remarks>
/// Only complete inspection scorecards under the cycle's criteria version are ranked and counted. An
/// incomplete or invalid one is listed in <see cref="CycleBenchmark.Unranked"/> with the reasons; it is
/// never ranked as zero and never pulls the statistics down. All figures are computed on published
/// (two-decimal) scores, see <see cref="PublishedFigures"/>.
/// </remarks>
public static class Benchmark
{
    public static CycleBenchmark Of(CriteriaVersion criteria, IReadOnlyList<CenterResult> centers)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(centers);

        var ranked = new List<CenterResult>();
        var unranked = new List<UnrankedCenter>();
        foreach (var center in centers)
        {
            var problems = WhyNotRankable(criteria, center.Inspection);
            if (problems.Count == 0)
            {
                ranked.Add(center);
            }
            else
            {
                unranked.Add(new UnrankedCenter(center.CenterId, center.Name, problems));
            }
        }

        if (ranked.Count == 0)
        {
            return new CycleBenchmark(ranked, unranked, null, []);
        }

        var totals = ranked.Select(c => PublishedTotal(c.Inspection)).ToArray();
        var dimensionStatistics = new DimensionStatistics[criteria.Dimensions.Count];
        var bestByDimension = new decimal[criteria.Dimensions.Count];
        for (var d = 0; d < criteria.Dimensions.Count; d++)
        {
            var dimension = criteria.Dimensions[d];
            var scores = ranked.Select(c => PublishedScore(c.Inspection, dimension.Code)).ToArray();
            var summary = SummaryStatistics.Of(scores);
            dimensionStatistics[d] = new DimensionStatistics(dimension.Code, dimension.Name, dimension.Weight, summary);
            bestByDimension[d] = summary.Max;
        }

        var grades = criteria.Grades
            .Select(band => new GradeCount(band.Name, totals.Count(t => criteria.GradeFor(t) == band)))
            .ToArray();
        var statistics = new CycleStatistics(ranked.Count, unranked.Count, SummaryStatistics.Of(totals), dimensionStatistics, grades);

        var bestTotal = statistics.Total.Max;
        var gaps = new GapToBest[ranked.Count];
        for (var c = 0; c < ranked.Count; c++)
        {
            var dimensionGaps = new DimensionGapToBest[criteria.Dimensions.Count];
            for (var d = 0; d < criteria.Dimensions.Count; d++)
            {
                var dimension = criteria.Dimensions[d];
                var score = PublishedScore(ranked[c].Inspection, dimension.Code);
                dimensionGaps[d] = new DimensionGapToBest(dimension.Code, dimension.Name, bestByDimension[d], bestByDimension[d] - score);
            }

            gaps[c] = new GapToBest(ranked[c].CenterId, bestTotal, bestTotal - totals[c], dimensionGaps);
        }

        return new CycleBenchmark(ranked, unranked, statistics, gaps);
    }

    /// <summary>
    /// Why a scorecard cannot be ranked under the criteria (in Chinese); empty when it can: scored under
    /// this very version, every item answered, no problem, a total and every dimension scored.
    /// </summary>
    public static IReadOnlyList<string> WhyNotRankable(CriteriaVersion criteria, Scorecard scorecard)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(scorecard);

        var reasons = new List<string>();
        if (!string.Equals(scorecard.CriteriaId, criteria.Id, StringComparison.Ordinal))
        {
            reasons.Add($"考核结果依据的考核标准“{scorecard.CriteriaId}”与本周期考核标准“{criteria.Id}”不一致");
            return reasons;
        }

        if (!string.Equals(scorecard.CriteriaHash, criteria.ContentHash, StringComparison.Ordinal))
        {
            reasons.Add($"考核结果依据的考核标准“{scorecard.CriteriaId}”内容与本周期使用的版本不一致");
            return reasons;
        }

        var unanswered = scorecard.Completeness.Unanswered;
        if (unanswered.Count > 0)
        {
            reasons.Add($"尚有{unanswered.Count}个考核项未作答：{string.Join("、", unanswered)}");
        }

        reasons.AddRange(scorecard.Problems.Select(p => p.Message));
        if (reasons.Count == 0)
        {
            if (scorecard.Total is null)
            {
                reasons.Add("总分尚未得出");
            }

            reasons.AddRange(scorecard.Dimensions.Where(d => d.Score is null).Select(d => $"{d.Name}维度没有可计分的考核项"));
        }

        return reasons;
    }

    internal static decimal PublishedTotal(Scorecard scorecard) =>
        PublishedFigures.Round(scorecard.Total ?? throw new InvalidOperationException($"Scorecard under {scorecard.CriteriaId} has no total."));

    internal static decimal PublishedScore(Scorecard scorecard, string dimensionCode) =>
        PublishedFigures.Round(scorecard.Dimension(dimensionCode).Score
            ?? throw new InvalidOperationException($"Dimension {dimensionCode} has no score."));
}

/// <summary>What <see cref="Benchmark.Of"/> finds.</summary>
/// <param name="Ranked">The centers with a complete scorecard, in input order.</param>
/// <param name="Unranked">The others, with the reasons, in input order.</param>
/// <param name="Statistics">Null when no center can be ranked.</param>
/// <param name="Gaps">One per ranked center, in the order of <paramref name="Ranked"/>.</param>
public sealed record CycleBenchmark(
    IReadOnlyList<CenterResult> Ranked,
    IReadOnlyList<UnrankedCenter> Unranked,
    CycleStatistics? Statistics,
    IReadOnlyList<GapToBest> Gaps)
{
    public GapToBest GapFor(string centerId) =>
        Gaps.FirstOrDefault(g => g.CenterId == centerId)
        ?? throw new KeyNotFoundException($"Center '{centerId}' is not ranked.");
}

/// <summary>A center left out of the ranking, and why (in Chinese, one sentence per reason).</summary>
public sealed record UnrankedCenter(string CenterId, string Name, IReadOnlyList<string> Reasons);

/// <summary>Mean, median, minimum and maximum of a set of published scores.</summary>
/// <param name="Mean">Unrounded mean of the published scores; round it when printing.</param>
/// <param name="Median">The middle value, or the mean of the two middle values for an even count.</param>
public sealed record SummaryStatistics(int Count, decimal Mean, decimal Median, decimal Min, decimal Max)
{
    public static SummaryStatistics Of(IReadOnlyCollection<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("Statistics need at least one value.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var count = sorted.Length;
        var middle = count / 2;
        var median = count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new SummaryStatistics(count, sorted.Sum() / count, median, sorted[0], sorted[^1]);
    }
}

/// <summary>The province-wide figures of one cycle, over the ranked centers only.</summary>
/// <param name="Dimensions">In the criteria's dimension order.</param>
/// <param name="Grades">How many ranked centers fall in each grade band (judged on the published total), highest band first.</param>
public sealed record CycleStatistics(
    int RankedCount,
    int UnrankedCount,
    SummaryStatistics Total,
    IReadOnlyList<DimensionStatistics> Dimensions,
    IReadOnlyList<GradeCount> Grades);

public sealed record DimensionStatistics(string Code, string Name, decimal Weight, SummaryStatistics Scores);

public sealed record GradeCount(string Grade, int Count);

/// <summary>How far a center is behind the best center of the cycle (zero for the best), on published scores.</summary>
/// <param name="BestTotal">The highest published total of the cycle.</param>
/// <param name="Total">Best total minus this center's total.</param>
/// <param name="Dimensions">Per dimension, against the best score in that dimension (which may belong to another center).</param>
public sealed record GapToBest(string CenterId, decimal BestTotal, decimal Total, IReadOnlyList<DimensionGapToBest> Dimensions);

public sealed record DimensionGapToBest(string Code, string Name, decimal Best, decimal Gap);
