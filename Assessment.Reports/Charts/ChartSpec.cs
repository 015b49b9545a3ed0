namespace Assessment.Reports.Charts;

internal enum ChartKind
{
    /// <summary>Vertical bars side by side (or overlapping, see <see cref="ChartSpec.Overlap"/>), with optional line series on the same axes.</summary>
    Column,

    /// <summary>Horizontal bars stacked per category.</summary>
    StackedBar,

    /// <summary>A radar (spider) chart with markers.</summary>
    Radar,
}

/// <summary>One series: a name, one value per category (null leaves a gap) and its colour.</summary>
/// <param name="AsLine">For column charts: draw this series as a line over the bars (e.g. a threshold).</param>
internal sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values, string Color, bool AsLine = false)
{
    public bool Dashed { get; init; }
}

/// <summary>What a chart shows; <see cref="ChartWriter"/> turns it into a DrawingML chart part with its workbook.</summary>
internal sealed record ChartSpec(ChartKind Kind, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>Bars of different series overlap by this percentage (100: one bar per category when series are disjoint).</summary>
    public int Overlap { get; init; }

    public int GapWidth { get; init; } = 80;

    public decimal? Minimum { get; init; }

    public decimal? Maximum { get; init; }

    /// <summary>Label each bar with its value (bars only).</summary>
    public bool ValueLabels { get; init; }

    /// <summary>Number format of values, labels and the value axis.</summary>
    public string NumberFormat { get; init; } = "0.00";

    public string AxisNumberFormat { get; init; } = "0";

    public long WidthEmu { get; init; } = Layout.GbT9704.TextWidthEmu;

    public long HeightEmu { get; init; } = 90 * Layout.GbT9704.EmuPerMillimetre;
}

/// <summary>Colours of the charts: red marks demonstration, a sober palette for the rest.</summary>
internal static class ChartColors
{
    public const string Demonstration = "C00000";
    public const string Other = "4472C4";
    public const string Threshold = "7F7F7F";
    public const string Previous = "A5A5A5";
    public const string Mean = "404040";

    public static readonly string[] Palette = ["4472C4", "ED7D31", "70AD47", "FFC000", "5B9BD5", "7030A0", "264478", "9E480E", "636363", "997300"];
}
