using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;

namespace Assessment.Tests.Scoring;

/// <summary>Whole checklists: totals, grades, completeness, unusable checklists and determinism.</summary>
[TestClass]
public sealed class ScorerTests
{
    // ── total and grade ─────────────────────────────────────────────────────────────────────────

    [TestMethod]
    public void Typical_inspection_scores_every_dimension_and_the_total()
    {
        // See Demo: A 21, B 8.2, C 21, D 20×15/18 = 16.666…, E 19; total 85.8666… → 良好.
        var card = Scorer.Score(Demo.Criteria, Demo.Typical().Build());

        Assert.AreEqual(21m, card.Dimension("A").Score);
        Assert.AreEqual(8.2m, card.Dimension("B").Score);
        Assert.AreEqual(21m, card.Dimension("C").Score);
        Assert.AreEqual(16.6666666667m, Math.Round(card.Dimension("D").Score!.Value, 10));
        Assert.AreEqual(19m, card.Dimension("E").Score);
        Assert.AreEqual(85.8666666667m, Math.Round(card.Total!.Value, 10));
        Assert.AreEqual("良好", card.Grade);
        Assert.IsTrue(card.IsComplete);
        Assert.IsEmpty(card.Problems);
    }

    [TestMethod]
    public void Total_is_the_sum_of_the_dimension_scores()
    {
        // D6 met instead of N/A, so no rescaling: A 21 + B 8.2 + C 21 + D 15 + 2 = 17 + E 19 = 86.2.
        var card = Scorer.Score(Demo.Criteria, Demo.Typical("D6").Yes("D6").Build());

        Assert.AreEqual(86.2m, card.Total);
        Assert.AreEqual(card.Dimensions.Sum(d => d.Score!.Value), card.Total);
        Assert.AreEqual("良好", card.Grade);
    }

    [TestMethod]
    public void Total_with_a_rescaled_dimension_is_the_sum_of_the_dimension_scores()
    {
        var card = Scorer.Score(Demo.Criteria, Demo.Typical().Build());

        // 21 + 8.2 + 21 + 16.666… + 19 = 85.8666…, equal to the dimensions' sum at any sensible precision.
        Assert.AreEqual(Math.Round(card.Dimensions.Sum(d => d.Score!.Value), 20), Math.Round(card.Total!.Value, 20));
    }

    [TestMethod]
    public void Perfect_inspection_with_a_not_applicable_item_totals_exactly_100()
    {
        // Every applicable item at full points, D6 N/A: A 25, B 10, C 25, D 20 × 18/18 = 20, E 20 → 100, 优秀.
        var checklist = new ChecklistBuilder(Demo.Id)
            .Number("A1", 0).Yes("A2").Level("A3", "A")
            .Number("B1", 0).Yes("B2").Level("B3", "A").Yes("B4").Number("B5", 4)
            .Number("C1", 0).Number("C3", 100).Yes("C6").Yes("C9")
            .Number("D1", 0).Level("D2", "A").Yes("D3").Yes("D4").Number("D5", 0).NotApplicable("D6").Yes("D7")
            .Yes("E1").Number("E4", 95).Number("E6", 100)
            .Build();

        var card = Scorer.Score(Demo.Criteria, checklist);

        Assert.AreEqual(100m, card.Total);
        Assert.AreEqual("优秀", card.Grade);
        Assert.AreEqual(0m, card.Items.Sum(i => i.PointsLost));
    }

    [TestMethod]
    public void Everything_at_zero_totals_zero_and_grades_failing()
    {
        // Every item at 0: deductions used up (A1 3 − 6×0.5, B1 2 − 4×0.5, C1 5 − 5×1, D1 4 − 4×1, D5 3 − 3×1),
        // levels at their 0 level, B5 0 of 4, C3 10 % below zero_at 50, E4 50 % and E6 0 % below every band → 0 → 不合格.
        var checklist = new ChecklistBuilder(Demo.Id)
            .Number("A1", 6).No("A2").Level("A3", "D")
            .Number("B1", 4).No("B2").Level("B3", "C").No("B4").Number("B5", 0)
            .Number("C1", 5).Number("C3", 10).No("C6").No("C9")
            .Number("D1", 4).Level("D2", "D").No("D3").No("D4").Number("D5", 3).No("D6").No("D7")
            .No("E1").Number("E4", 50).Number("E6", 0)
            .Build();

        var card = Scorer.Score(Demo.Criteria, checklist);

        Assert.AreEqual(0m, card.Total);
        Assert.AreEqual("不合格", card.Grade);
        Assert.AreEqual("V4", Assert.ContainsSingle(card.Vetoes).VetoId);
    }

    /// <summary>One dimension of weight 100 holding one linear rate item of 100 points from 0 % to 100 %: total = rate.</summary>
    private static readonly CriteriaVersion RateIsTotal = new CriteriaBuilder()
        .Dimension("A", "服务内容", 100)
        .Linear("A1", "A", 100, zeroAt: 0, fullAt: 100, TargetMeasure.Rate)
        .Build();

    [TestMethod]
    [DataRow(100.0, "优秀")]
    [DataRow(90.0, "优秀", DisplayName = "90 → 优秀 (boundary)")]
    [DataRow(89.99, "良好", DisplayName = "89.99 → 良好")]
    [DataRow(80.0, "良好", DisplayName = "80 → 良好 (boundary)")]
    [DataRow(79.99, "合格", DisplayName = "79.99 → 合格")]
    [DataRow(60.0, "合格", DisplayName = "60 → 合格 (boundary)")]
    [DataRow(59.99, "不合格", DisplayName = "59.99 → 不合格")]
    [DataRow(0.0, "不合格", DisplayName = "0 → 不合格")]
    public void Grade_is_the_highest_band_the_total_reaches(double total, string grade)
    {
        // Total = 100 × (rate − 0)/(100 − 0) = rate.
        var card = Scorer.Score(RateIsTotal, new ChecklistBuilder(RateIsTotal.Id).Number("A1", (decimal)total).Build());

        Assert.AreEqual((decimal)total, card.Total);
        Assert.AreEqual(grade, card.Grade);
    }

    [TestMethod]
    public void Total_exactly_on_a_grade_boundary_keeps_its_grade_despite_repeating_decimals()
    {
        // Weights 25/10/25/20/20, N/A items in A, B and C:
        //   A: 20 of applicable 24 → 25 × 20/24 = 20⅚
        //   B:  2 of applicable 6  → 10 × 2/6   =  3⅓
        //   C: 20 of applicable 24 → 25 × 20/24 = 20⅚
        //   D: 15 of 20 → 15;  E: 0 of 20 → 0
        // Total = 20⅚ + 3⅓ + 20⅚ + 15 + 0 = 58 + (⅚ + ⅓ + ⅚) = 58 + 2 = 60 exactly → 合格, not 不合格.
        // (Each third is cut at decimal's 28–29 digits, so a plain sum gives 59.999…9.)
        var criteria = new CriteriaBuilder()
            .Dimension("A", "服务内容", 25).Dimension("B", "业务咨询", 10).Dimension("C", "硬件设施", 25)
            .Dimension("D", "场所设置", 20).Dimension("E", "服务质量", 20)
            .YesNo("A1", "A", 20).YesNo("A2", "A", 4).YesNo("A3", "A", 1, naAllowed: true)
            .YesNo("B1", "B", 2).YesNo("B2", "B", 4).YesNo("B3", "B", 4, naAllowed: true)
            .YesNo("C1", "C", 20).YesNo("C2", "C", 4).YesNo("C3", "C", 1, naAllowed: true)
            .YesNo("D1", "D", 15).YesNo("D2", "D", 5)
            .YesNo("E1", "E", 20)
            .Build();
        var checklist = new ChecklistBuilder(criteria.Id)
            .Yes("A1").No("A2").NotApplicable("A3")
            .Yes("B1").No("B2").NotApplicable("B3")
            .Yes("C1").No("C2").NotApplicable("C3")
            .Yes("D1").No("D2")
            .No("E1")
            .Build();

        var card = Scorer.Score(criteria, checklist);

        Assert.AreEqual(20.8333333333m, Math.Round(card.Dimension("A").Score!.Value, 10));
        Assert.AreEqual(3.3333333333m, Math.Round(card.Dimension("B").Score!.Value, 10));
        Assert.AreEqual(60m, card.Total);
        Assert.AreEqual("合格", card.Grade);
    }

    // ── incomplete checklists ───────────────────────────────────────────────────────────────────

    [TestMethod]
    public void Unanswered_items_make_the_checklist_incomplete_never_zero()
    {
        var card = Scorer.Score(Demo.Criteria, Demo.Typical("B3", "D2").Build());

        Assert.AreSequenceEqual(["B3", "D2"], card.Completeness.Unanswered);
        Assert.AreEqual(20, card.Completeness.Answered);
        Assert.AreEqual(22, card.Completeness.Total);
        Assert.IsFalse(card.Completeness.IsComplete);
        Assert.IsFalse(card.IsComplete);
        Assert.IsNull(card.Total);
        Assert.IsNull(card.Grade);
        Assert.IsEmpty(card.Problems);

        var b3 = card.Item("B3");
        Assert.AreEqual(ItemStatus.Unanswered, b3.Status);
        Assert.IsNull(b3.Points);
        Assert.AreEqual(0m, b3.PointsLost);
    }

    [TestMethod]
    public void Dimension_with_an_unanswered_item_has_no_score_others_keep_theirs()
    {
        // B3 unanswered: B has no score (not 8.2 − 1.2 = 7); A still 21.
        var card = Scorer.Score(Demo.Criteria, Demo.Typical("B3").Build());

        var b = card.Dimension("B");
        Assert.IsNull(b.Score);
        Assert.IsNull(b.Share);
        Assert.AreEqual(1, b.Unanswered);
        // Earned so far in B: B1 1.5 + B2 2 + B4 2 + B5 1.5 = 7.
        Assert.AreEqual(7m, b.Earned);
        Assert.AreEqual(21m, card.Dimension("A").Score);
        Assert.AreEqual(0, card.Dimension("A").Unanswered);
    }

    [TestMethod]
    public void Points_so_far_add_up_the_answered_items_only()
    {
        // Typical items earned: A 21 + B 8.2 + C 21 + D 15 (before rescaling) + E 19 = 84.2;
        // without B3 (1.2) and D2 (2): 84.2 − 3.2 = 81.
        var card = Scorer.Score(Demo.Criteria, Demo.Typical("B3", "D2").Build());

        Assert.AreEqual(81m, card.PointsSoFar);
    }

    [TestMethod]
    public void Empty_checklist_lists_every_item_as_unanswered()
    {
        var card = Scorer.Score(Demo.Criteria, new ChecklistBuilder(Demo.Id).Build());

        Assert.AreSequenceEqual(Demo.Criteria.Items.Select(i => i.Id), card.Completeness.Unanswered);
        Assert.AreEqual(0, card.Completeness.Answered);
        Assert.IsNull(card.Total);
        Assert.IsNull(card.Grade);
        Assert.IsTrue(card.Dimensions.All(d => d.Score is null));
        Assert.IsTrue(card.Items.All(i => i.Status == ItemStatus.Unanswered && i.Points is null));
        Assert.AreEqual(0m, card.PointsSoFar);
    }

    // ── unusable answers and checklists ─────────────────────────────────────────────────────────

    [TestMethod]
    public void Answer_to_an_unknown_item_is_a_problem_and_leaves_no_total()
    {
        var card = Scorer.Score(Demo.Criteria, Demo.Typical().Yes("Z9").Build());

        var problem = Assert.ContainsSingle(card.Problems);
        Assert.AreEqual("Z9", problem.ItemId);
        Assert.AreEqual("考核标准“qh-test-2021”中没有考核项 Z9。", problem.Message);
        Assert.IsNull(card.Total);
        Assert.IsNull(card.Grade);
        Assert.IsFalse(card.IsComplete);
        // The known items are still scored, so the inspector sees everything else.
        Assert.AreEqual(21m, card.Dimension("A").Score);
        Assert.IsEmpty(card.Completeness.Unanswered);
    }

    [TestMethod]
    public void Item_ids_are_case_sensitive()
    {
        var card = Scorer.Score(Demo.Criteria, Demo.Typical().Yes("a2").Build());

        Assert.AreEqual("a2", Assert.ContainsSingle(card.Problems).ItemId);
    }

    [TestMethod]
    public void Duplicate_answer_for_an_item_is_a_problem_and_leaves_no_total()
    {
        // A2 answered twice, differently: which one holds is for the inspector to say.
        var card = Scorer.Score(Demo.Criteria, Demo.Typical().No("A2").Build());

        var problem = Assert.ContainsSingle(card.Problems);
        Assert.AreEqual("A2", problem.ItemId);
        Assert.AreEqual("考核项 A2 重复作答。", problem.Message);
        Assert.IsNull(card.Total);
        Assert.IsNull(card.Grade);
        Assert.IsFalse(card.IsComplete);
    }

    [TestMethod]
    public void Duplicate_identical_answer_is_still_a_problem()
    {
        var card = Scorer.Score(Demo.Criteria, Demo.Typical().Yes("A2").Build());

        Assert.AreEqual("考核项 A2 重复作答。", Assert.ContainsSingle(card.Problems).Message);
        Assert.IsNull(card.Total);
    }

    [TestMethod]
    public void Checklist_for_another_criteria_version_is_a_problem_and_scores_nothing()
    {
        var answers = Demo.TypicalAnswers;
        var checklist = new Checklist { CriteriaId = "qh-test-2022", Answers = answers };

        var card = Scorer.Score(Demo.Criteria, checklist);

        var problem = Assert.ContainsSingle(card.Problems);
        Assert.AreEqual("", problem.ItemId);
        Assert.AreEqual("考核表使用的考核标准为“qh-test-2022”，与本次考核的标准“qh-test-2021”不一致。", problem.Message);
        Assert.IsNull(card.Total);
        Assert.IsNull(card.Grade);
        Assert.IsFalse(card.IsComplete);
        Assert.AreEqual(Demo.Id, card.CriteriaId);
        Assert.IsTrue(card.Items.All(i => i.Points is null));
        Assert.IsTrue(card.Dimensions.All(d => d.Score is null));
        Assert.IsEmpty(card.Vetoes);
    }

    [TestMethod]
    public void Every_problem_is_reported_not_just_the_first()
    {
        // Unknown item, duplicate, invalid level, unknown veto: four problems, in that order
        // (answers as read, then items in criteria order, then vetoes).
        var checklist = Demo.Typical("B3")
            .Yes("Z9")
            .Yes("A2")
            .Level("B3", "X")
            .Veto("V9")
            .Build();

        var card = Scorer.Score(Demo.Criteria, checklist);

        Assert.AreSequenceEqual(["Z9", "A2", "B3", "V9"], card.Problems.Select(p => p.ItemId));
        Assert.IsNull(card.Total);
    }

    [TestMethod]
    public void Scorecard_carries_the_criteria_id_and_hash()
    {
        var card = Scorer.Score(Demo.Criteria, Demo.Typical().Build());

        Assert.AreEqual("qh-test-2021", card.CriteriaId);
        Assert.AreEqual("hash-qh-test-2021", card.CriteriaHash);
    }

    [TestMethod]
    public void Null_arguments_are_rejected()
    {
        var checklist = Demo.Typical().Build();

        Assert.ThrowsExactly<ArgumentNullException>(() => Scorer.Score(null!, checklist));
        Assert.ThrowsExactly<ArgumentNullException>(() => Scorer.Score(Demo.Criteria, null!));
    }

    // ── determinism ─────────────────────────────────────────────────────────────────────────────

    [TestMethod]
    public void Scoring_the_same_checklist_twice_gives_the_same_scorecard()
    {
        var checklist = Demo.Typical().Veto("V1", "测试").Build();

        var first = Scorer.Score(Demo.Criteria, checklist);
        var second = Scorer.Score(Demo.Criteria, checklist);

        Assert.AreSequenceEqual(first.Items.Select(i => i.Points), second.Items.Select(i => i.Points));
        Assert.AreSequenceEqual(first.Items.Select(i => i.Explanation), second.Items.Select(i => i.Explanation));
        Assert.AreSequenceEqual(first.Dimensions, second.Dimensions);
        Assert.AreEqual(first.Total, second.Total);
        Assert.AreEqual(first.Grade, second.Grade);
        Assert.AreSequenceEqual(first.Vetoes, second.Vetoes);
    }

    [TestMethod]
    public void Scoring_an_equal_copy_of_the_checklist_gives_the_same_total()
    {
        // A checklist rebuilt from scratch (new objects, same content) and a criteria copy (`with`) score the same.
        var copy = Demo.Criteria with { Items = [.. Demo.Criteria.Items] };

        var first = Scorer.Score(Demo.Criteria, Demo.Typical().Build());
        var second = Scorer.Score(copy, Demo.Typical().Build());

        Assert.AreSequenceEqual(first.Items.Select(i => i.Points), second.Items.Select(i => i.Points));
        Assert.AreEqual(first.Total, second.Total);
    }
}
