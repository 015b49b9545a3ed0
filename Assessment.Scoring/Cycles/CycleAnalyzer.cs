using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;

namespace Assessment.Scoring.Cycles;

/// <summary>
/// Analyses one assessment cycle: ranks the centers, computes the province-wide figures, compares with
/// the previous cycle and with the centers' self-assessments, and selects the demonstration centers.
/// A pure function of its arguments.
/// </summary>
/// <remarks>
/// Built from parts usable on their own: <see cref="Benchmark"/> (who is ranked, statistics, gaps to
/// the best), <see cref="Ranking"/>, <see cref="YearOverYear"/>, <see cref="SelfAssessmentComparer"/> and
/// <see cref="DemonstrationSelector"/>. Everything is judged on published figures (two decimals,
/// midpoint away from zero; see <see cref="PublishedFigures"/>).
/// </remarks>
public static class CycleAnalyzer
{
    /// <param name="criteria">The cycle's criteria version; inspection scorecards under another version are not ranked.</param>
    /// <param name="centers">One entry per center; the order is kept wherever results are not ordered by score.</param>
    /// <param name="previous">The previous cycle's scorecards, for year-over-year comparison.</param>
    /// <exception cref="ArgumentException">Two centers share an id.</exception>
    public static CycleAnalysis Analyze(CriteriaVersion criteria, IReadOnlyList<CenterResult> centers, PreviousCycle? previous = null)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(centers);
        var duplicate = centers.GroupBy(c => c.CenterId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Center id '{duplicate.Key}' appears more than once.", nameof(centers));
        }

        var benchmark = Benchmark.Of(criteria, centers);
        var demonstration = DemonstrationSelector.Select(criteria, benchmark.Ranked);
        var byId = benchmark.Ranked.ToDictionary(c => c.CenterId, StringComparer.Ordinal);
        var positions = Ranking.Rank(benchmark.Ranked.Select(c => new CenterTotal(c.CenterId, c.Inspection.Total!.Value)).ToArray());

        var rankings = new CenterRanking[positions.Count];
        for (var i = 0; i < positions.Count; i++)
        {
            var position = positions[i];
            var center = byId[position.CenterId];
            YearOverYearChange? change = null;
            if (previous is not null && previous.Scorecards.TryGetValue(center.CenterId, out var before))
            {
                change = YearOverYear.Compare(center.Inspection, before);
            }

            rankings[i] = new CenterRanking
            {
                CenterId = center.CenterId,
                Name = center.Name,
                Rank = position.Rank,
                Percentile = position.Percentile,
                Total = position.Total,
                PublishedTotal = position.PublishedTotal,
                Grade = criteria.GradeFor(position.PublishedTotal).Name,
                Dimensions = center.Inspection.Dimensions,
                Vetoes = center.Inspection.Vetoes,
                GapToBest = benchmark.GapFor(center.CenterId),
                YearOverYear = change,
                Demonstration = demonstration.For(center.CenterId),
            };
        }

        var selfAssessments = centers
            .Where(c => c.SelfAssessment is not null)
            .Select(c => SelfAssessmentComparer.Compare(criteria, c))
            .ToArray();

        return new CycleAnalysis
        {
            CriteriaId = criteria.Id,
            Rankings = rankings,
            Statistics = benchmark.Statistics,
            Demonstration = demonstration,
            SelfAssessments = selfAssessments,
            Unranked = benchmark.Unranked,
        };
    }
}

/// <summary>The analysis of one cycle, ready for the circular and its attachments.</summary>
public sealed record CycleAnalysis
{
    public required string CriteriaId { get; init; }

    /// <summary>The ranked centers in rank order; centers sharing a rank keep their input order.</summary>
    public required IReadOnlyList<CenterRanking> Rankings { get; init; }

    /// <summary>Over the ranked centers only; null when none can be ranked.</summary>
    public required CycleStatistics? Statistics { get; init; }

    /// <summary>The selection over the ranked centers; each ranking also carries its center's decision.</summary>
    public required DemonstrationSelection Demonstration { get; init; }

    /// <summary>One per center that submitted a self-assessment, ranked or not, in input order.</summary>
    public required IReadOnlyList<SelfAssessmentComparison> SelfAssessments { get; init; }

    /// <summary>Centers whose inspection scorecard is incomplete or invalid, with the reasons; never ranked as zero.</summary>
    public required IReadOnlyList<UnrankedCenter> Unranked { get; init; }

    public CenterRanking Ranking(string centerId) =>
        Rankings.FirstOrDefault(r => r.CenterId == centerId)
        ?? throw new KeyNotFoundException($"Center '{centerId}' is not ranked.");
}

/// <summary>One ranked center's line in the cycle's results.</summary>
public sealed record CenterRanking
{
    public required string CenterId { get; init; }

    public required string Name { get; init; }

    /// <summary>Competition rank on the published total (1, 2, 2, 4); see <see cref="Cycles.Ranking"/>.</summary>
    public required int Rank { get; init; }

    /// <summary>Percent of the other ranked centers with a strictly lower published total; 100 when alone.</summary>
    public required decimal Percentile { get; init; }

    /// <summary>Unrounded, as scored.</summary>
    public required decimal Total { get; init; }

    /// <summary>Rounded to two decimals, as printed and as judged.</summary>
    public required decimal PublishedTotal { get; init; }

    /// <summary>The grade band of the published total.</summary>
    public required string Grade { get; init; }

    /// <summary>The inspection's dimension scores (unrounded), in criteria order.</summary>
    public required IReadOnlyList<DimensionScore> Dimensions { get; init; }

    public required IReadOnlyList<TriggeredVeto> Vetoes { get; init; }

    public required GapToBest GapToBest { get; init; }

    /// <summary>Null when there is no previous cycle or the center has no scorecard in it.</summary>
    public required YearOverYearChange? YearOverYear { get; init; }

    public required DemonstrationDecision Demonstration { get; init; }
}
