namespace Assessment.Web.Rectification;

/// <summary>Configuration section <c>Rectification</c>.</summary>
public sealed class RectificationOptions
{
    public const string SectionName = "Rectification";

    /// <summary>
    /// Per criteria scheme, the ids of the items answered with the previous cycle's rectification completion
    /// rate (e.g. <c>"qh-demo": ["E6"]</c>): <see cref="RectificationRates.PrefillRateAnswersAsync"/> pre-fills them.
    /// Each must be a target item measured in percent. A scheme not listed has no such item.
    /// </summary>
    public Dictionary<string, string[]> RateItems { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What the previous-cycle rate counts as done: items the bureau closed (default) or items the center marked completed.</summary>
    public RateBasis RateBasis { get; set; } = RateBasis.Closed;

    /// <summary>How many days ahead an open item counts as due soon.</summary>
    public int DueSoonDays { get; set; } = 7;
}

public enum RateBasis
{
    /// <summary>销号: closed by the bureau after checking the evidence.</summary>
    Closed,

    /// <summary>已完成: marked completed by the center.</summary>
    Completed,
}
