using Assessment.Reports;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace Assessment.Tests.Reports;

/// <summary>Native Word charts whose series values (read back from c:val) and workbooks are the model's numbers.</summary>
[TestClass]
public sealed class CircularChartTests
{
    private static readonly CircularModel Model = new CircularModelBuilder().Build();
    private static Docx document = null!;

    [ClassInitialize]
    public static void Generate(TestContext context) => document = new Docx(CircularWriter.Write(Model));

    [ClassCleanup]
    public static void Close() => document.Dispose();

    [TestMethod]
    public void Circular_has_totals_year_over_year_dimension_and_radar_charts_each_with_a_workbook()
    {
        var charts = document.Charts;
        Assert.HasCount(4, charts);
        Assert.IsNotNull(charts[0].ChartSpace.Descendants<C.BarChart>().SingleOrDefault());
        Assert.IsNotNull(charts[0].ChartSpace.Descendants<C.LineChart>().SingleOrDefault());
        Assert.AreEqual(C.BarDirectionValues.Column, charts[1].ChartSpace.Descendants<C.BarDirection>().Single().Val!.Value);
        Assert.AreEqual(C.BarGroupingValues.Stacked, charts[2].ChartSpace.Descendants<C.BarGrouping>().Single().Val!.Value);
        Assert.IsNotNull(charts[3].ChartSpace.Descendants<C.RadarChart>().SingleOrDefault());
        foreach (var chart in charts)
        {
            Assert.IsNotNull(chart.EmbeddedPackagePart);
            Assert.AreEqual(chart.GetIdOfPart(chart.EmbeddedPackagePart), chart.ChartSpace.GetFirstChild<C.ExternalData>()!.Id!.Value);
        }
    }

    [TestMethod]
    public void Without_a_previous_year_there_is_no_year_over_year_chart()
    {
        using var firstYear = new Docx(CircularWriter.Write(new CircularModelBuilder().WithoutPreviousYear().Build()));
        Assert.HasCount(3, firstYear.Charts);
        Assert.IsFalse(firstYear.Charts.SelectMany(c => Docx.Series(c).Keys).Any(name => name.Contains("2020", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Totals_chart_marks_the_demonstration_centers_and_draws_the_threshold()
    {
        var chart = document.Charts[0];
        CollectionAssert.AreEqual(Model.Results.Select(r => r.Center).ToArray(), Docx.Categories(chart).ToArray());

        var series = Docx.Series(chart);
        CollectionAssert.AreEqual(Model.Results.Select(r => r.IsDemonstration ? r.Total : (decimal?)null).ToArray(), series["示范公共资源交易中心"]);
        CollectionAssert.AreEqual(Model.Results.Select(r => r.IsDemonstration ? (decimal?)null : r.Total).ToArray(), series["其他交易中心"]);
        Assert.IsTrue(series["示范标准（90分）"].All(v => v == Model.DemonstrationThreshold));

        // The threshold is the line series; the two bar series overlap into one bar per center.
        var line = chart.ChartSpace.Descendants<C.LineChart>().Single();
        Assert.AreEqual("示范标准（90分）", line.Descendants<C.SeriesText>().Single().Descendants<C.NumericValue>().Single().Text);
        Assert.AreEqual((sbyte)100, chart.ChartSpace.Descendants<C.Overlap>().Single().Val!.Value);
    }

    [TestMethod]
    public void Year_over_year_chart_holds_last_years_and_this_years_totals()
    {
        var series = Docx.Series(document.Charts[1]);
        CollectionAssert.AreEqual(Model.Results.Select(r => r.PreviousTotal).ToArray(), series["2020年度"]);
        CollectionAssert.AreEqual(Model.Results.Select(r => (decimal?)r.Total).ToArray(), series["2021年度"]);
    }

    [TestMethod]
    public void Dimension_chart_stacks_each_dimensions_points_per_center()
    {
        var series = Docx.Series(document.Charts[2]);
        CollectionAssert.AreEqual(Model.Dimensions.Select(d => d.Name).ToArray(), series.Keys.ToArray());
        for (var d = 0; d < Model.Dimensions.Count; d++)
        {
            CollectionAssert.AreEqual(Model.Results.Select(r => (decimal?)r.DimensionScores[d]).ToArray(), series[Model.Dimensions[d].Name]);
        }
    }

    [TestMethod]
    public void Radar_compares_each_demonstration_center_with_the_province_mean_in_percent_of_weight()
    {
        var chart = document.Charts[3];
        CollectionAssert.AreEqual(Model.Dimensions.Select(d => d.Name).ToArray(), Docx.Categories(chart).ToArray());
        var series = Docx.Series(chart);
        Assert.AreEqual("海北州|格尔木市|全省平均", string.Join("|", series.Keys));
        var haibei = Model.Results.Single(r => r.Center == "海北州");
        CollectionAssert.AreEqual(Model.Dimensions.Select((d, i) => (decimal?)Percent(haibei.DimensionScores[i], d.Weight)).ToArray(), series["海北州"]);
        CollectionAssert.AreEqual(Model.Dimensions.Select((d, i) => (decimal?)Percent(Model.Statistics.DimensionMeans[i], d.Weight)).ToArray(), series["全省平均"]);
        Assert.AreEqual(94m, series["海北州"][0], "23.5 of 25 points.");
    }

    [TestMethod]
    public void Embedded_workbook_holds_the_charts_categories_series_names_and_values()
    {
        var chart = document.Charts[0];
        var cells = Docx.WorkbookCells(chart);
        Assert.AreEqual("示范公共资源交易中心", cells["B1"]);
        Assert.AreEqual("其他交易中心", cells["C1"]);
        for (var r = 0; r < Model.Results.Count; r++)
        {
            var row = Model.Results[r];
            Assert.AreEqual(row.Center, cells[$"A{r + 2}"]);
            var column = row.IsDemonstration ? "B" : "C";
            Assert.AreEqual(row.Total, decimal.Parse(cells[$"{column}{r + 2}"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.IsFalse(cells.ContainsKey($"{(row.IsDemonstration ? "C" : "B")}{r + 2}"), "The other series leaves the cell empty.");
        }

        var formula = chart.ChartSpace.Descendants<C.Values>().First().Descendants<C.Formula>().Single().Text;
        Assert.AreEqual($"Sheet1!$B$2:$B${Model.Results.Count + 1}", formula);
    }

    private static decimal Percent(decimal points, decimal weight) => Math.Round(100m * points / weight, 2, MidpointRounding.AwayFromZero);
}
