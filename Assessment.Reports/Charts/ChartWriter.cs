using Assessment.Reports.Layout;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Assessment.Reports.Charts;

/// <summary>
/// Writes a native Word chart: a chart part (DrawingML c:chartSpace) whose series carry their values
/// in caches and refer to an embedded workbook holding the same data, so the bureau can restyle the
/// chart and edit its data in Word.
/// </summary>
internal static class ChartWriter
{
    private const uint CategoryAxisId = 500100001;
    private const uint ValueAxisId = 500100002;

    /// <summary>Adds the chart part to the document and returns the inline drawing that shows it.</summary>
    public static W.Drawing Add(MainDocumentPart main, ChartSpec chart, uint drawingId, string name)
    {
        var chartPart = main.AddNewPart<ChartPart>();
        var workbook = chartPart.AddEmbeddedPackagePart(EmbeddedPackagePartType.Xlsx);
        using (var data = new MemoryStream(EmbeddedWorkbook.Build(chart)))
        {
            workbook.FeedData(data);
        }

        chartPart.ChartSpace = ChartSpace(chart, chartPart.GetIdOfPart(workbook));
        return Inline(main.GetIdOfPart(chartPart), chart, drawingId, name);
    }

    private static C.ChartSpace ChartSpace(ChartSpec chart, string workbookId)
    {
        var space = new C.ChartSpace();
        space.AddNamespaceDeclaration("c", "http://schemas.openxmlformats.org/drawingml/2006/chart");
        space.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        space.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        space.Append(
            new C.Date1904 { Val = false },
            new C.EditingLanguage { Val = "zh-CN" },
            new C.RoundedCorners { Val = false });

        var plotArea = new C.PlotArea(new C.Layout());
        switch (chart.Kind)
        {
            case ChartKind.Column:
                plotArea.Append(BarChart(chart, C.BarDirectionValues.Column, C.BarGroupingValues.Clustered));
                if (chart.Series.Any(s => s.AsLine))
                {
                    plotArea.Append(LineChart(chart));
                }

                plotArea.Append(CategoryAxis(C.AxisPositionValues.Bottom, reversed: false), ValueAxis(chart, C.AxisPositionValues.Left, gridlines: true));
                break;
            case ChartKind.StackedBar:
                plotArea.Append(BarChart(chart, C.BarDirectionValues.Bar, C.BarGroupingValues.Stacked));
                // Horizontal bars list the first category at the bottom unless the axis is reversed.
                plotArea.Append(CategoryAxis(C.AxisPositionValues.Left, reversed: true), ValueAxis(chart, C.AxisPositionValues.Bottom, gridlines: true, crossesAtMaximum: true));
                break;
            case ChartKind.Radar:
                plotArea.Append(RadarChart(chart));
                plotArea.Append(CategoryAxis(C.AxisPositionValues.Bottom, reversed: false), ValueAxis(chart, C.AxisPositionValues.Left, gridlines: true));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(chart), chart.Kind, null);
        }

        space.Append(new C.Chart(
            new C.AutoTitleDeleted { Val = true },
            plotArea,
            new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }),
            new C.PlotVisibleOnly { Val = true },
            new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap }));
        space.Append(TextProperties(1000));
        space.Append(new C.ExternalData(new C.AutoUpdate { Val = false }) { Id = workbookId });
        return space;
    }

    private static C.BarChart BarChart(ChartSpec chart, C.BarDirectionValues direction, C.BarGroupingValues grouping)
    {
        var bar = new C.BarChart(
            new C.BarDirection { Val = direction },
            new C.BarGrouping { Val = grouping },
            new C.VaryColors { Val = false });
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            if (series.AsLine)
            {
                continue;
            }

            var element = new C.BarChartSeries(
                new C.Index { Val = (uint)s },
                new C.Order { Val = (uint)s },
                SeriesText(s, series.Name),
                ShapeFill(series.Color),
                new C.InvertIfNegative { Val = false });
            if (chart.ValueLabels)
            {
                element.Append(ValueLabels(chart.NumberFormat, grouping == C.BarGroupingValues.Stacked ? C.DataLabelPositionValues.Center : C.DataLabelPositionValues.OutsideEnd));
            }

            element.Append(Categories(chart), Values(chart, s));
            bar.Append(element);
        }

        bar.Append(new C.GapWidth { Val = (ushort)chart.GapWidth });
        var overlap = grouping == C.BarGroupingValues.Stacked ? 100 : chart.Overlap;
        if (overlap != 0)
        {
            bar.Append(new C.Overlap { Val = (sbyte)overlap });
        }

        bar.Append(new C.AxisId { Val = CategoryAxisId }, new C.AxisId { Val = ValueAxisId });
        return bar;
    }

    private static C.LineChart LineChart(ChartSpec chart)
    {
        var line = new C.LineChart(
            new C.Grouping { Val = C.GroupingValues.Standard },
            new C.VaryColors { Val = false });
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            if (!series.AsLine)
            {
                continue;
            }

            line.Append(new C.LineChartSeries(
                new C.Index { Val = (uint)s },
                new C.Order { Val = (uint)s },
                SeriesText(s, series.Name),
                LineShape(series.Color, series.Dashed),
                new C.Marker(new C.Symbol { Val = C.MarkerStyleValues.None }),
                Categories(chart),
                Values(chart, s),
                new C.Smooth { Val = false }));
        }

        line.Append(
            new C.ShowMarker { Val = false },
            new C.AxisId { Val = CategoryAxisId },
            new C.AxisId { Val = ValueAxisId });
        return line;
    }

    private static C.RadarChart RadarChart(ChartSpec chart)
    {
        var radar = new C.RadarChart(
            new C.RadarStyle { Val = C.RadarStyleValues.Marker },
            new C.VaryColors { Val = false });
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            radar.Append(new C.RadarChartSeries(
                new C.Index { Val = (uint)s },
                new C.Order { Val = (uint)s },
                SeriesText(s, series.Name),
                LineShape(series.Color, series.Dashed),
                new C.Marker(
                    new C.Symbol { Val = C.MarkerStyleValues.Circle },
                    new C.Size { Val = 5 },
                    ShapeFill(series.Color)),
                Categories(chart),
                Values(chart, s)));
        }

        radar.Append(new C.AxisId { Val = CategoryAxisId }, new C.AxisId { Val = ValueAxisId });
        return radar;
    }

    private static C.SeriesText SeriesText(int series, string name) => new(
        new C.StringReference(
            new C.Formula(EmbeddedWorkbook.Absolute(series + 1, 1)),
            new C.StringCache(
                new C.PointCount { Val = 1 },
                new C.StringPoint(new C.NumericValue(name)) { Index = 0 })));

    private static C.CategoryAxisData Categories(ChartSpec chart)
    {
        var cache = new C.StringCache(new C.PointCount { Val = (uint)chart.Categories.Count });
        for (var c = 0; c < chart.Categories.Count; c++)
        {
            cache.Append(new C.StringPoint(new C.NumericValue(chart.Categories[c])) { Index = (uint)c });
        }

        return new C.CategoryAxisData(new C.StringReference(
            new C.Formula(EmbeddedWorkbook.Range(0, 2, chart.Categories.Count + 1)),
            cache));
    }

    private static C.Values Values(ChartSpec chart, int series)
    {
        var values = chart.Series[series].Values;
        var cache = new C.NumberingCache(
            new C.FormatCode(chart.NumberFormat),
            new C.PointCount { Val = (uint)values.Count });
        for (var c = 0; c < values.Count; c++)
        {
            if (values[c] is { } value)
            {
                cache.Append(new C.NumericPoint(new C.NumericValue(ChineseText.Raw(value))) { Index = (uint)c });
            }
        }

        return new C.Values(new C.NumberReference(
            new C.Formula(EmbeddedWorkbook.Range(series + 1, 2, values.Count + 1)),
            cache));
    }

    private static C.DataLabels ValueLabels(string format, C.DataLabelPositionValues position) => new(
        new C.NumberingFormat { FormatCode = format, SourceLinked = false },
        new C.ChartShapeProperties(new A.NoFill(), new A.Outline(new A.NoFill())),
        TextProperties(800),
        new C.DataLabelPosition { Val = position },
        new C.ShowLegendKey { Val = false },
        new C.ShowValue { Val = true },
        new C.ShowCategoryName { Val = false },
        new C.ShowSeriesName { Val = false },
        new C.ShowPercent { Val = false },
        new C.ShowBubbleSize { Val = false });

    private static C.CategoryAxis CategoryAxis(C.AxisPositionValues position, bool reversed) => new(
        new C.AxisId { Val = CategoryAxisId },
        new C.Scaling(new C.Orientation { Val = reversed ? C.OrientationValues.MaxMin : C.OrientationValues.MinMax }),
        new C.Delete { Val = false },
        new C.AxisPosition { Val = position },
        new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
        new C.MajorTickMark { Val = C.TickMarkValues.Outside },
        new C.MinorTickMark { Val = C.TickMarkValues.None },
        new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
        AxisLine(),
        new C.CrossingAxis { Val = ValueAxisId },
        new C.Crosses { Val = C.CrossesValues.AutoZero },
        new C.AutoLabeled { Val = true },
        new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
        new C.LabelOffset { Val = 100 },
        new C.NoMultiLevelLabels { Val = false });

    private static C.ValueAxis ValueAxis(ChartSpec chart, C.AxisPositionValues position, bool gridlines, bool crossesAtMaximum = false)
    {
        var scaling = new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax });
        if (chart.Maximum is { } max)
        {
            scaling.Append(new C.MaxAxisValue { Val = (double)max });
        }

        if (chart.Minimum is { } min)
        {
            scaling.Append(new C.MinAxisValue { Val = (double)min });
        }

        var axis = new C.ValueAxis(
            new C.AxisId { Val = ValueAxisId },
            scaling,
            new C.Delete { Val = false },
            new C.AxisPosition { Val = position });
        if (gridlines)
        {
            axis.Append(new C.MajorGridlines(new C.ChartShapeProperties(new A.Outline(
                new A.SolidFill(new A.RgbColorModelHex { Val = "D9D9D9" })) { Width = 6350 })));
        }

        axis.Append(
            new C.NumberingFormat { FormatCode = chart.AxisNumberFormat, SourceLinked = false },
            new C.MajorTickMark { Val = C.TickMarkValues.Outside },
            new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            AxisLine(),
            new C.CrossingAxis { Val = CategoryAxisId },
            new C.Crosses { Val = crossesAtMaximum ? C.CrossesValues.Maximum : C.CrossesValues.AutoZero },
            new C.CrossBetween { Val = C.CrossBetweenValues.Between });
        return axis;
    }

    private static C.ChartShapeProperties AxisLine() => new(new A.Outline(
        new A.SolidFill(new A.RgbColorModelHex { Val = "7F7F7F" })) { Width = 9525 });

    private static C.ChartShapeProperties ShapeFill(string color) => new(
        new A.SolidFill(new A.RgbColorModelHex { Val = color }),
        new A.Outline(new A.NoFill()));

    private static C.ChartShapeProperties LineShape(string color, bool dashed)
    {
        var outline = new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = color })) { Width = 22225, CapType = A.LineCapValues.Round };
        if (dashed)
        {
            outline.Append(new A.PresetDash { Val = A.PresetLineDashValues.Dash });
        }

        outline.Append(new A.Round());
        return new C.ChartShapeProperties(outline);
    }

    /// <summary>Chart text in 宋体 (Times New Roman for digits) at the given size in hundredths of a point.</summary>
    private static C.TextProperties TextProperties(int size) => new(
        new A.BodyProperties(),
        new A.ListStyle(),
        new A.Paragraph(
            new A.ParagraphProperties(new A.DefaultRunProperties(
                new A.SolidFill(new A.RgbColorModelHex { Val = "262626" }),
                new A.LatinFont { Typeface = FontNames.Latin },
                new A.EastAsianFont { Typeface = FontNames.SongTi })
            { FontSize = size }),
            new A.EndParagraphRunProperties { Language = "zh-CN" }));

    private static W.Drawing Inline(string chartId, ChartSpec chart, uint drawingId, string name) => new(
        new DW.Inline(
            new DW.Extent { Cx = chart.WidthEmu, Cy = chart.HeightEmu },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = drawingId, Name = name },
            new DW.NonVisualGraphicFrameDrawingProperties(),
            new A.Graphic(new A.GraphicData(new C.ChartReference { Id = chartId })
            {
                Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart",
            }))
        {
            DistanceFromTop = 0,
            DistanceFromBottom = 0,
            DistanceFromLeft = 0,
            DistanceFromRight = 0,
        });
}
