using Assessment.Scoring.Checklists;
using Assessment.Scoring.Scoring;

namespace Assessment.Tests.Scoring;

/// <summary>
/// 不适用 (N/A): only where the item allows it; the item leaves its dimension and the dimension's earned
/// points are rescaled to its weight over the applicable items: score = weight × earned / applicable max.
/// </summary>
[TestClass]
public sealed class NotApplicableTests
{
    [TestMethod]
    public void Not_applicable_item_is_excluded_and_the_dimension_rescaled_to_its_weight()
    {
        // D (weight 20) = D1 4 + D2 3 + D3 4 + D4 2 + D5 3 + D6 2 + D7 2; D6 (2 points) N/A.
        // Earned: D1 4 − 1 = 3, D2 B = 2, D3 4, D4 2, D5 3 − 1 = 2, D7 2 → 15.
        // Applicable: 20 − 2 = 18. Score = 20 × 15 / 18 = 300/18 = 16.666…
        var card = Scorer.Score(Demo.Criteria, Demo.Typical().Build());
        var d = card.Dimension("D");

        Assert.AreEqual(15m, d.Earned);
        Assert.AreEqual(18m, d.ApplicableMax);
        Assert.AreEqual(0, d.Unanswered);
        Assert.AreEqual(16.6666666667m, Math.Round(d.Score!.Value, 10));
        Assert.AreEqual(20m * 15m / 18m, d.Score);
        // Share = 16.666… / 20 = 15/18 = 0.8333…
        Assert.AreEqual(0.8333333333m, Math.Round(d.Share!.Value, 10));
    }

    [TestMethod]
    public void Not_applicable_item_has_no_points_and_loses_none()
    {
        var d6 = Scorer.Score(Demo.Criteria, Demo.Typical().Build()).Item("D6");

        Assert.AreEqual(ItemStatus.NotApplicable, d6.Status);
        Assert.IsNull(d6.Points);
        Assert.AreEqual(0m, d6.PointsLost);
        Assert.AreEqual(ReasonKind.NotApplicable, d6.Reason.Kind);
    }

    [TestMethod]
    public void Full_marks_on_the_applicable_items_give_the_full_weight()
    {
        // Every D item full except D6 N/A: earned 18 of applicable 18 → 20 × 18/18 = 20 exactly.
        var checklist = Demo.Typical("D1", "D2", "D5")
            .Number("D1", 0)
            .Level("D2", "A")
            .Number("D5", 0)
            .Build();

        var d = Scorer.Score(Demo.Criteria, checklist).Dimension("D");

        Assert.AreEqual(18m, d.Earned);
        Assert.AreEqual(20m, d.Score);
    }

    [TestMethod]
    public void Same_answers_with_the_item_answered_instead_of_not_applicable_are_not_rescaled()
    {
        // D6 met instead of N/A: earned 15 + 2 = 17 of 20 = weight → score 17, no rescaling.
        var checklist = Demo.Typical("D6").Yes("D6").Build();

        var d = Scorer.Score(Demo.Criteria, checklist).Dimension("D");

        Assert.AreEqual(17m, d.Earned);
        Assert.AreEqual(20m, d.ApplicableMax);
        Assert.AreEqual(17m, d.Score);
    }

    [TestMethod]
    public void Not_applicable_changes_only_its_own_dimension()
    {
        // A, B, C, E score as without N/A: 21, 8.2, 21, 19 (see Demo).
        var card = Scorer.Score(Demo.Criteria, Demo.Typical().Build());

        Assert.AreEqual(21m, card.Dimension("A").Score);
        Assert.AreEqual(8.2m, card.Dimension("B").Score);
        Assert.AreEqual(21m, card.Dimension("C").Score);
        Assert.AreEqual(19m, card.Dimension("E").Score);
    }

    [TestMethod]
    public void Not_applicable_where_not_allowed_is_invalid()
    {
        // D3 (场所分区独立) does not allow N/A.
        var card = Demo.ScoreWith(ItemAnswer.NotApplicableFor("D3"));

        Assert.AreEqual(ItemStatus.Invalid, card.Item("D3").Status);
        Assert.IsNull(card.Item("D3").Points);
        var problem = Assert.ContainsSingle(card.Problems);
        Assert.AreEqual("D3", problem.ItemId);
        Assert.AreEqual("考核项 D3：该项不允许选择“不适用”。", problem.Message);
        Assert.IsNull(card.Total);
        Assert.IsNull(card.Dimension("D").Score);
    }

    [TestMethod]
    [DataRow("yes", DisplayName = "N/A and met")]
    [DataRow("no", DisplayName = "N/A and not met")]
    [DataRow("number", DisplayName = "N/A and a number")]
    [DataRow("level", DisplayName = "N/A and a level")]
    public void Not_applicable_with_a_value_is_invalid(string alsoGiven)
    {
        var answer = alsoGiven switch
        {
            "yes" => new ItemAnswer { ItemId = "D6", NotApplicable = true, Met = true },
            "no" => new ItemAnswer { ItemId = "D6", NotApplicable = true, Met = false },
            "number" => new ItemAnswer { ItemId = "D6", NotApplicable = true, Number = 0 },
            _ => new ItemAnswer { ItemId = "D6", NotApplicable = true, Level = "A" },
        };

        var card = Demo.ScoreWith(answer);

        Assert.AreEqual(ItemStatus.Invalid, card.Item("D6").Status);
        var problem = Assert.ContainsSingle(card.Problems);
        Assert.AreEqual("D6", problem.ItemId);
        Assert.AreEqual("考核项 D6：已选择“不适用”，不应再填写答案。", problem.Message);
        Assert.IsNull(card.Total);
    }

    [TestMethod]
    public void Not_applicable_counts_as_answered()
    {
        // 22 items, all answered (D6 as N/A).
        var card = Scorer.Score(Demo.Criteria, Demo.Typical().Build());

        Assert.AreEqual(22, card.Completeness.Answered);
        Assert.AreEqual(22, card.Completeness.Total);
        Assert.IsEmpty(card.Completeness.Unanswered);
        Assert.IsTrue(card.IsComplete);
    }

    [TestMethod]
    public void Dimension_whose_items_are_all_not_applicable_is_a_problem_not_a_crash()
    {
        // B's only items are both N/A: 10 × 0/0 has no value. The scorer must say so, not throw.
        var criteria = new CriteriaBuilder()
            .Dimension("A", "服务内容", 90)
            .Dimension("B", "业务咨询", 10)
            .YesNo("A1", "A", 90)
            .YesNo("B1", "B", 6, naAllowed: true)
            .YesNo("B2", "B", 4, naAllowed: true)
            .Build();
        var checklist = new ChecklistBuilder(criteria.Id).Yes("A1").NotApplicable("B1").NotApplicable("B2").Build();

        var card = Scorer.Score(criteria, checklist);

        Assert.AreEqual(90m, card.Dimension("A").Score);
        Assert.IsNull(card.Dimension("B").Score);
        var problem = Assert.ContainsSingle(card.Problems);
        Assert.AreEqual("维度 B（业务咨询）没有适用的考核项（均为“不适用”），无法计算该维度得分。", problem.Message);
        Assert.IsNull(card.Total);
        Assert.IsNull(card.Grade);
        Assert.IsFalse(card.IsComplete);
    }
}
