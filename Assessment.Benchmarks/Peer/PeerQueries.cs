using System.Globalization;

namespace Assessment.Benchmarks.Peer;

/// <summary>How a query's answer is read and counted.</summary>
public enum PeerQueryKind
{
    /// <summary>One JSON page: the rows of <c>value</c>.</summary>
    Page,

    /// <summary><c>/$count</c>: a number as text/plain.</summary>
    Count,

    /// <summary>Every page, following <c>@odata.nextLink</c> until there is none.</summary>
    Extraction,
}

/// <summary>One query of the comparison: a path relative to the service root (<c>…/odata/</c>), the same on both servers.</summary>
public sealed record PeerQuery(string Name, PeerQueryKind Kind, string RelativeUrl);

/// <summary>Values of the dataset the queries are about: a cycle year, a dimension, a center and one of its items.</summary>
public sealed record PeerQueryParameters(int CycleYear, string DimensionCode, string CenterCode, string ItemId);

/// <summary>
/// The analyst queries compared on both servers (issue 8): a filtered 1,000-row page of item scores, the rankings
/// of a cycle, a center's history, a count and a full paged extraction. Every <c>$orderby</c> ends with the key so the
/// order is total and both servers must return the same rows in the same order.
/// </summary>
public static class PeerQueries
{
    public static IReadOnlyList<PeerQuery> For(PeerQueryParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var year = p.CycleYear.ToString(CultureInfo.InvariantCulture);
        return
        [
            new("item scores: filtered 1,000-row page", PeerQueryKind.Page,
                $"ItemScores?$filter={Escape($"CycleYear eq {year} and DimensionCode eq {Literal(p.DimensionCode)}")}&$orderby={Escape("CenterCode,ItemId,Id")}&$top=1000"),
            new("rankings of a cycle", PeerQueryKind.Page,
                $"Rankings?$filter={Escape($"CycleYear eq {year}")}&$orderby={Escape("Rank,Id")}"),
            new("a center's history: rankings", PeerQueryKind.Page,
                $"Rankings?$filter={Escape($"CenterCode eq {Literal(p.CenterCode)}")}&$orderby={Escape("CycleYear desc,Id")}"),
            new("a center's history: one item", PeerQueryKind.Page,
                $"ItemScores?$filter={Escape($"CenterCode eq {Literal(p.CenterCode)} and ItemId eq {Literal(p.ItemId)}")}&$orderby={Escape("CycleYear,Id")}"),
            new("item scores of a cycle: $count", PeerQueryKind.Count,
                $"ItemScores/$count?$filter={Escape($"CycleYear eq {year}")}"),
            new("item scores: full paged extraction", PeerQueryKind.Extraction, "ItemScores"),
        ];
    }

    /// <summary>An OData string literal (single quotes doubled).</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Concat("'", value.Replace("'", "''", StringComparison.Ordinal), "'");
    }

    private static string Escape(string option) => Uri.EscapeDataString(option);
}
