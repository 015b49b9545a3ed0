namespace Assessment.Scoring.Cycles;

/// <summary>A center's total going into a ranking.</summary>
/// <param name="Total">The total as scored, unrounded.</param>
public sealed record CenterTotal(string CenterId, decimal Total);

/// <summary>A center's place in a ranking.</summary>
/// <param name="Total">The total as scored, unrounded.</param>
/// <param name="PublishedTotal">The total rounded to two decimals: what the rank is judged on.</param>
/// <param name="Rank">One more than the number of centers with a strictly higher published total.</param>
/// <param name="Percentile">
/// The share, in percent, of the other centers whose published total is strictly lower: 100 for a
/// center ahead of all others, 0 for one behind or level with all others, 100 when it is the only one.
/// </param>
public sealed record RankPosition(string CenterId, decimal Total, decimal PublishedTotal, int Rank, decimal Percentile);

/// <summary>
/// Ranks centers by total, highest first, with ties sharing a rank and the next rank skipped
/// (competition ranking: 1, 2, 2, 4).
/// </summary>
/// <remarks>
/// Ties are judged on the published total, i.e. the total rounded to two decimals with midpoint away
/// from zero (<see cref="PublishedFigures.Round(decimal)"/>), not on the unrounded total: two centers
/// shown with the same score never get different ranks. 90.004 and 89.995 are both published as 90.00
/// and share a rank.
/// </remarks>
public static class Ranking
{
    /// <summary>
    /// Ranks the totals. The result is in rank order; centers sharing a rank keep their input order
    /// (the caller decides it, e.g. the bureau's administrative order), never the order of their
    /// unrounded totals.
    /// </summary>
    /// <param name="totals">One entry per center; center ids are not checked for uniqueness here.</param>
    public static IReadOnlyList<RankPosition> Rank(IReadOnlyList<CenterTotal> totals)
    {
        ArgumentNullException.ThrowIfNull(totals);

        var count = totals.Count;
        var published = new decimal[count];
        for (var i = 0; i < count; i++)
        {
            published[i] = PublishedFigures.Round(totals[i].Total);
        }

        // OrderByDescending is stable: within a tie, input order is kept.
        var order = Enumerable.Range(0, count).OrderByDescending(i => published[i]).ToArray();
        var result = new RankPosition[count];
        var start = 0;
        while (start < count)
        {
            var end = start;
            while (end + 1 < count && published[order[end + 1]] == published[order[start]])
            {
                end++;
            }

            // Everyone before this tie group is strictly higher; everyone after it strictly lower.
            var rank = start + 1;
            var lower = count - 1 - end;
            var percentile = count == 1 ? 100m : 100m * lower / (count - 1);
            for (var k = start; k <= end; k++)
            {
                var i = order[k];
                result[k] = new RankPosition(totals[i].CenterId, totals[i].Total, published[i], rank, percentile);
            }

            start = end + 1;
        }

        return result;
    }
}
