using System.Globalization;

namespace Assessment.Scoring.Cycles;

/// <summary>
/// Scores as they are published: rounded to two decimals, midpoint away from zero (88.345 → 88.35).
/// </summary>
/// <remarks>
/// Scorecards keep totals and dimension scores unrounded. Cycle analysis compares, ranks, averages and
/// subtracts the published figures only, so that two centers shown with the same score are always
/// treated alike (same rank, same side of a threshold) and every number in the circular can be
/// recomputed from the published table.
/// </remarks>
public static class PublishedFigures
{
    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static decimal? Round(decimal? value) => value is { } v ? Round(v) : null;

    /// <summary>Always two decimals, as printed in score tables: <c>88.50</c>.</summary>
    public static string Format(decimal value) => Round(value).ToString("0.00", CultureInfo.InvariantCulture);
}
