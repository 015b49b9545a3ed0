using System.Globalization;
using Assessment.Reports;

namespace Assessment.Tests.Reports;

/// <summary>The attachment tables print the model's numbers: scores and ranking, the demonstration list, issues by center.</summary>
[TestClass]
public sealed class CircularTableTests
{
    private static readonly CircularModel Model = new CircularModelBuilder().Build();
    private static Docx document = null!;

    [ClassInitialize]
    public static void Generate(TestContext context) => document = new Docx(CircularWriter.Write(Model));

    [ClassCleanup]
    public static void Close() => document.Dispose();

    [TestMethod]
    public void Score_table_has_a_header_per_dimension_with_its_weight()
    {
        var header = Docx.Rows(document.Tables[0])[0];
        Assert.AreEqual("排名|交易中心|服务内容（25分）|业务咨询（10分）|硬件设施（25分）|场所设置（20分）|服务质量（20分）|总分|等级|示范中心", string.Join("|", header));
    }

    [TestMethod]
    public void Score_table_rows_equal_the_models_results_to_two_decimals()
    {
        var rows = Docx.Rows(document.Tables[0]).Skip(1).ToArray();
        Assert.HasCount(Model.Results.Count + 1, rows);
        for (var i = 0; i < Model.Results.Count; i++)
        {
            var result = Model.Results[i];
            var expected = new List<string> { result.Rank.ToString(CultureInfo.InvariantCulture), result.Center };
            expected.AddRange(result.DimensionScores.Select(Score));
            expected.AddRange([Score(result.Total), result.Grade, result.IsDemonstration ? "是" : ""]);
            CollectionAssert.AreEqual(expected, rows[i], $"Row of {result.Center}");
        }

        // Shared ranks and the rescaled venue score of 黄南州 (14/18 × 19 = 14.78).
        Assert.AreEqual("4|西宁市", string.Join("|", rows[3].Take(2)));
        Assert.AreEqual("4|海西州", string.Join("|", rows[4].Take(2)));
        Assert.AreEqual("14.78", rows[5][5]);
    }

    [TestMethod]
    public void Score_table_ends_with_the_province_means()
    {
        var means = Docx.Rows(document.Tables[0])[^1];
        var expected = new List<string> { "全省平均" };
        expected.AddRange(Model.Statistics.DimensionMeans.Select(Score));
        expected.AddRange([Score(Model.Statistics.Mean), "", ""]);
        CollectionAssert.AreEqual(expected, means);
    }

    [TestMethod]
    public void Demonstration_list_names_the_marked_centers_with_total_and_rank()
    {
        var rows = Docx.Rows(document.Tables[1]);
        Assert.AreEqual("序号|交易中心|考核总分|排名", string.Join("|", rows[0]));
        Assert.AreEqual("1|海北州公共资源交易中心|93.50|1", string.Join("|", rows[1]));
        Assert.AreEqual("2|格尔木市公共资源交易中心|91.50|2", string.Join("|", rows[2]));
        Assert.HasCount(Model.DemonstrationCenters.Count + 1, rows);
    }

    [TestMethod]
    public void Issues_table_lists_every_issue_naming_each_center_once()
    {
        var table = document.Tables[2];
        var rows = Docx.Rows(table).Skip(1).ToArray();
        var issues = Model.Issues.SelectMany(c => c.Items.Select(i => (c.Center, i.Dimension, i.Text))).ToArray();
        Assert.HasCount(issues.Length, rows);
        for (var i = 0; i < issues.Length; i++)
        {
            Assert.AreEqual((i + 1).ToString(CultureInfo.InvariantCulture), rows[i][0]);
            Assert.AreEqual(issues[i].Dimension, rows[i][2]);
            Assert.AreEqual(issues[i].Text, rows[i][3]);
        }

        // A center with several issues is printed once, in a vertically merged cell.
        var centerCells = rows.Select(r => r[1]).Where(c => c.Length > 0).ToArray();
        CollectionAssert.AreEqual(Model.Issues.Select(c => c.Center).ToArray(), centerCells);
    }

    private static string Score(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
}
