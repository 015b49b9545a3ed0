using System.Globalization;
using Assessment.Reports;

namespace Assessment.Tests.Reports;

/// <summary>A center's feedback letter shows its scores against the province and every point it lost, as the scorer explains it.</summary>
[TestClass]
public sealed class FeedbackLetterTests
{
    private static readonly FeedbackLetterBuilder Builder = new();
    private static readonly FeedbackLetterModel Model = Builder.Build();
    private static Docx document = null!;

    [ClassInitialize]
    public static void Generate(TestContext context) => document = new Docx(FeedbackLetterWriter.Write(Model));

    [ClassCleanup]
    public static void Close() => document.Dispose();

    [TestMethod]
    public void Lost_point_items_are_the_scorecards_items_that_lost_points_with_method_evidence_and_note()
    {
        var scorecard = Builder.Scorecard;
        Assert.IsTrue(scorecard.IsComplete);
        var expected = scorecard.Items.Where(i => i.PointsLost > 0).ToArray();
        Assert.AreEqual("A1 C1 C7 D3 E4", string.Join(" ", Model.LostPoints.Select(i => i.ItemId)));
        Assert.HasCount(expected.Length, Model.LostPoints);

        var c1 = Model.LostPoints.Single(i => i.ItemId == "C1");
        Assert.AreEqual("硬件设施", c1.Dimension);
        Assert.AreEqual(3m, c1.Points);
        Assert.AreEqual(scorecard.Item("C1").Explanation, c1.Reason);
        Assert.AreEqual("发现2处问题，每处扣1分，共扣2分，得3分（满分5分）。", c1.Reason);
        Assert.AreEqual(Assessment.Scoring.Criteria.InspectionMethod.SeeSite, c1.Method);
        Assert.AreEqual("现场照片3张|监控室截图", string.Join("|", c1.Evidence));
        Assert.AreEqual("谈判室、专家抽取室无监控。", c1.Note);
    }

    [TestMethod]
    public void Lost_points_table_prints_item_points_reason_method_and_evidence()
    {
        var rows = Docx.Rows(document.Tables[1]);
        Assert.AreEqual("序号|考核项|分值|得分|失分原因|核查方式及佐证", string.Join("|", rows[0]));
        Assert.HasCount(Model.LostPoints.Count + 1, rows);
        var c1 = rows[2];
        Assert.AreEqual("2", c1[0]);
        Assert.AreEqual("C1 开评标场所音视频监控全覆盖（硬件设施）", c1[1]);
        Assert.AreEqual("5", c1[2]);
        Assert.AreEqual("3.00", c1[3]);
        Assert.AreEqual("发现2处问题，每处扣1分，共扣2分，得3分（满分5分）。说明：谈判室、专家抽取室无监控。", c1[4]);
        Assert.AreEqual("看现场佐证：现场照片3张、监控室截图", c1[5]);
        StringAssert.StartsWith(rows[4][4], "不符合要求，不得分（满分4分）。", "D3 is a yes/no item answered no.");
    }

    [TestMethod]
    public void Letter_states_total_rank_grade_province_mean_and_the_sum_of_lost_points()
    {
        var scores = document.Section("一、考核得分情况")[0];
        Assert.AreEqual("你中心考核总分90.25分，在全省8个公共资源交易中心中排名第3，等级为“优秀”；全省平均分83.00分。各维度得分与全省平均比较如下（见图1）：", scores);
        var lost = document.Section("二、失分情况")[0];
        Assert.AreEqual($"本次考核你中心共有5个考核项失分，合计失分{Model.TotalLost.ToString("0.00", CultureInfo.InvariantCulture)}分，具体如下：", lost);
        Assert.AreEqual(9m, Model.TotalLost, "0.5 + 2 + 1.5 + 4 + 1");
    }

    [TestMethod]
    public void Dimension_table_compares_the_center_with_the_province_mean()
    {
        var rows = Docx.Rows(document.Tables[0]);
        Assert.AreEqual("考核维度|分值|本中心得分|全省平均|差值", string.Join("|", rows[0]));
        for (var i = 0; i < Model.Dimensions.Count; i++)
        {
            var d = Model.Dimensions[i];
            Assert.AreEqual(d.Name, rows[i + 1][0]);
            Assert.AreEqual(d.Score.ToString("0.00", CultureInfo.InvariantCulture), rows[i + 1][2]);
            Assert.AreEqual(Math.Round(d.ProvinceMean, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture), rows[i + 1][3]);
        }

        Assert.AreEqual("+0.06", rows[3][4], "硬件设施 19.50 against a mean of 19.44.");
    }

    [TestMethod]
    public void Chart_compares_the_centers_dimension_shares_with_the_province()
    {
        var series = Docx.Series(document.Charts.Single());
        CollectionAssert.AreEqual(Model.Dimensions.Select(d => (decimal?)Math.Round(100m * d.Score / d.Weight, 2)).ToArray(), series["本中心"]);
        Assert.AreEqual(78m, series["本中心"][2], "19.5 of 25 hardware points.");
    }

    [TestMethod]
    public void Letter_lists_findings_and_sets_the_rectification_deadline()
    {
        var findings = document.Section("三、发现的问题");
        Assert.AreEqual("1." + Model.Findings[0], findings[0]);
        Assert.AreEqual("2." + Model.Findings[1], findings[1]);
        StringAssert.Contains(document.Section("四、整改要求")[0], "于2022年3月31日前完成整改，并将整改情况报告报送省政务服务监督管理局。");
        Assert.AreEqual("青政务函〔2022〕5号", Docx.TextOf(document.Paragraphs[1]));
        Assert.AreEqual("海东市公共资源交易中心：", Docx.TextOf(document.Paragraph("海东市公共资源交易中心：")));
    }
}
