using System.ComponentModel.DataAnnotations;

namespace Assessment.Web.OData;

/// <summary>Configuration section <c>OData</c>: the feed's limits. Every one has a safe default.</summary>
public sealed class ODataFeedOptions
{
    public const string SectionName = "OData";

    /// <summary>Rows per page when the client does not ask for fewer (<c>Prefer: odata.maxpagesize</c> only lowers it).</summary>
    [Range(1, 100_000)]
    public int PageSize { get; set; } = 1000;

    /// <summary>The largest <c>$top</c> accepted. Power BI's preview asks for 1,000 rows: never set below that.</summary>
    [Range(1000, int.MaxValue)]
    public int MaxTop { get; set; } = 100_000;

    /// <summary>The most nodes (operators, literals, properties, calls) in <c>$filter</c> and <c>$orderby</c> together.</summary>
    [Range(1, 10_000)]
    public int MaxNodeCount { get; set; } = 100;

    /// <summary>The most keys in <c>$orderby</c>.</summary>
    [Range(1, 50)]
    public int MaxOrderByKeys { get; set; } = 5;

    /// <summary>The longest request URL accepted (characters, after percent-encoding).</summary>
    [Range(256, 65_536)]
    public int MaxUrlLength { get; set; } = 4096;

    /// <summary>How long one request may run before it is cancelled (well under Power BI's 600 s).</summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Requests per user per <see cref="RateLimitWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int RateLimitPermits { get; set; } = 600;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);
}
