using Assessment.Scoring.Checklists;
using Assessment.Scoring.Scoring;

namespace Assessment.Tests.Scoring;

/// <summary>The Chinese sentence an inspector or a center reads for each item's points.</summary>
[TestClass]
public sealed class ExplanationTests
{
    private static string ExplanationFor(ItemAnswer answer) => Demo.ItemFor(answer).Explanation;

    [TestMethod]
    public void Met() =>
        Assert.AreEqual("符合要求，得满分2分。", ExplanationFor(ItemAnswer.Yes("B2")));

    [TestMethod]
    public void Not_met() =>
        Assert.AreEqual("不符合要求，不得分（满分2分）。", ExplanationFor(ItemAnswer.No("B2")));

    [TestMethod]
    public void Level_names_the_label_and_code() =>
        Assert.AreEqual("评定为“基本落实（B）”，得1.2分（满分2分）。", ExplanationFor(ItemAnswer.AtLevel("B3", "B")));

    [TestMethod]
    public void Level_at_zero() =>
        Assert.AreEqual("评定为“未落实（C）”，得0分（满分2分）。", ExplanationFor(ItemAnswer.AtLevel("B3", "C")));

    [TestMethod]
    public void Deduction_without_defects() =>
        Assert.AreEqual("未发现问题，得满分3分。", ExplanationFor(ItemAnswer.WithNumber("A1", 0)));

    [TestMethod]
    public void Deduction_with_defects_states_count_rate_loss_and_result() =>
        // A1: 3 − 2×0.5 = 2, 1 point lost.
        Assert.AreEqual("发现2处问题，每处扣0.5分，共扣1分，得2分（满分3分）。", ExplanationFor(ItemAnswer.WithNumber("A1", 2)));

    [TestMethod]
    public void Deduction_that_uses_up_the_item_says_so() =>
        // C1: 5 − 7×1 = −2 → 0: the loss is the 5 points there were, not 7.
        Assert.AreEqual("发现7处问题，每处扣1分，扣完满分5分，得0分。", ExplanationFor(ItemAnswer.WithNumber("C1", 7)));

    [TestMethod]
    public void Deduction_exactly_down_to_zero() =>
        // A1: 3 − 6×0.5 = 0.
        Assert.AreEqual("发现6处问题，每处扣0.5分，扣完满分3分，得0分。", ExplanationFor(ItemAnswer.WithNumber("A1", 6)));

    [TestMethod]
    public void Band_reached() =>
        Assert.AreEqual("实际92.5%，达到“不低于90%”档，得2分（满分3分）。", ExplanationFor(ItemAnswer.WithNumber("E4", 92.5m)));

    [TestMethod]
    public void Below_every_band() =>
        Assert.AreEqual("实际80%，低于最低档85%，不得分（满分3分）。", ExplanationFor(ItemAnswer.WithNumber("E4", 80)));

    [TestMethod]
    public void Linear_count() =>
        // B5: 2 × 3/4 = 1.5.
        Assert.AreEqual("实际3次，目标4次，按比例得1.5分（满分2分）。", ExplanationFor(ItemAnswer.WithNumber("B5", 3)));

    [TestMethod]
    public void Linear_rate() =>
        // C3: 5 × (80 − 50)/(100 − 50) = 3.
        Assert.AreEqual("实际80%，目标100%，按比例得3分（满分5分）。", ExplanationFor(ItemAnswer.WithNumber("C3", 80)));

    [TestMethod]
    public void Linear_with_a_repeating_fraction_shows_two_decimals()
    {
        // 2 × 1/3 = 0.666… → "0.67".
        var criteria = new CriteriaBuilder()
            .Dimension("B", "业务咨询", 2)
            .Linear("B5", "B", 2, zeroAt: 0, fullAt: 3)
            .Build();

        var card = Scorer.Score(criteria, new ChecklistBuilder(criteria.Id).Number("B5", 1).Build());

        Assert.AreEqual("实际1次，目标3次，按比例得0.67分（满分2分）。", card.Item("B5").Explanation);
    }

    [TestMethod]
    public void Not_applicable() =>
        Assert.AreEqual("不适用，不计入本维度满分（满分2分）。", ExplanationFor(ItemAnswer.NotApplicableFor("D6")));

    [TestMethod]
    public void Unanswered() =>
        Assert.AreEqual("尚未作答。", Scorer.Score(Demo.Criteria, Demo.Typical("B2").Build()).Item("B2").Explanation);

    [TestMethod]
    public void Invalid_gives_the_problem() =>
        Assert.AreEqual("答案无效：等级“D”不存在，应为A、B、C之一。", ExplanationFor(ItemAnswer.AtLevel("B3", "D")));

    [TestMethod]
    public void Every_reason_kind_has_a_sentence()
    {
        var item = Demo.Criteria.FindItem("E4")!;
        foreach (var kind in Enum.GetValues<ReasonKind>())
        {
            var sentence = new ScoreReason(kind, 1m, 90m, 85m, "原因。").Describe(item);

            Assert.IsFalse(string.IsNullOrWhiteSpace(sentence), $"{kind} has no sentence.");
            Assert.EndsWith("。", sentence);
        }
    }

    [TestMethod]
    [DataRow(2.0, "2")]
    [DataRow(2.5, "2.5")]
    [DataRow(1.25, "1.25")]
    [DataRow(0.125, "0.13")]
    [DataRow(16.666666, "16.67")]
    [DataRow(0.0, "0")]
    public void Numbers_are_written_without_trailing_zeros_and_at_most_two_decimals(double value, string written) =>
        Assert.AreEqual(written, ScoreReason.Format((decimal)value));
}
