using Assessment.Scoring.Criteria;
using Assessment.Scoring.Cycles;
using static Assessment.Tests.Scoring.CycleFixture;

namespace Assessment.Tests.Scoring;

/// <summary>
/// Demonstration rule of <see cref="CycleFixture.Criteria2022"/> unless changed: total ≥ 90, every dimension
/// ≥ 80 % of its weight (服务内容 20, 业务咨询 8, 硬件设施 20, 场所设置 16, 服务质量 16), no veto, quota 2.
/// </summary>
[TestClass]
public sealed class DemonstrationSelectorTests
{
    private static readonly CriteriaVersion Criteria = Criteria2022().Build();

    private static CriteriaVersion WithRule(Func<DemonstrationRule, DemonstrationRule> change) =>
        Criteria2022().Demonstration(change).Build();

    [TestMethod]
    public void A_total_below_the_demonstration_line_is_not_eligible()
    {
        // A1 loses 4 → 21, C1 loses 4 → 21, D1 loses 3.5 → 场所设置 16.5: every dimension above its minimum;
        // total 100 − 11.5 = 88.5.
        var decision = DemonstrationSelector.Select(Criteria, [Center("甲", Losing(Criteria, ("A1", 4m), ("C1", 4m), ("D1", 3.5m)))]).For("甲");

        Assert.AreEqual(DemonstrationOutcome.NotEligible, decision.Outcome);
        Assert.AreEqual("总分88.50分，低于示范线90分", Listed.Of(decision.Reasons));
    }

    [TestMethod]
    public void A_total_published_as_the_demonstration_line_is_eligible()
    {
        // A1 loses 4, C1 loses 4, D1 loses 2 (场所设置 16, at its minimum), E2 at 996 of 1000 loses 0.004
        // → 100 − 10.004 = 89.996, published 90.00: eligible.
        var scorecard = new CycleScorecardBuilder(Criteria).Lose("A1", 4m).Lose("C1", 4m).Lose("D1", 2m).Number("E2", 996m).Score();

        var decision = DemonstrationSelector.Select(Criteria, [Center("甲", scorecard)]).For("甲");

        Assert.AreEqual(89.996m, scorecard.Total);
        Assert.AreEqual(DemonstrationOutcome.Selected, decision.Outcome);
        Assert.AreEqual("总分90.00分，不低于示范线90分，各维度得分均不低于权重的80%，未触发否决项，符合示范条件", decision.Reasons[0]);
    }

    [TestMethod]
    public void A_dimension_below_its_minimum_share_of_weight_is_not_eligible()
    {
        // 服务质量 20 − 5 = 15 < 0.8 × 20 = 16; total 95.
        var decision = DemonstrationSelector.Select(Criteria, [Center("甲", Losing(Criteria, ("E1", 5m)))]).For("甲");

        Assert.AreEqual(DemonstrationOutcome.NotEligible, decision.Outcome);
        Assert.AreEqual("服务质量得分15.00分，低于权重的80%（16.00分）", Listed.Of(decision.Reasons));
    }

    [TestMethod]
    public void A_dimension_exactly_at_its_minimum_share_is_eligible()
    {
        // 服务质量 20 − 4 = 16 = 0.8 × 20; total 96.
        var decision = DemonstrationSelector.Select(Criteria, [Center("甲", Losing(Criteria, ("E1", 4m)))]).For("甲");

        Assert.IsTrue(decision.IsSelected);
    }

    [TestMethod]
    public void A_triggered_veto_bars_demonstration_whatever_the_score()
    {
        var vetoed = new CycleScorecardBuilder(Criteria).Veto("V1").Score();

        var decision = DemonstrationSelector.Select(Criteria, [Center("甲", vetoed)]).For("甲");

        Assert.AreEqual(100m, vetoed.Total);
        Assert.AreEqual(DemonstrationOutcome.NotEligible, decision.Outcome);
        Assert.AreEqual("触发否决项V1：否决项V1（考核组认定）", Listed.Of(decision.Reasons));
    }

    [TestMethod]
    public void Previous_rectification_rate_below_the_minimum_is_not_eligible()
    {
        var criteria = WithRule(r => r with { MinPreviousRectificationRate = 90m });

        var decision = DemonstrationSelector.Select(criteria, [Center("甲", Losing(criteria), rectificationRate: 85m)]).For("甲");

        Assert.AreEqual(DemonstrationOutcome.NotEligible, decision.Outcome);
        Assert.AreEqual("上年度整改完成率85.00%，低于90%", Listed.Of(decision.Reasons));
    }

    [TestMethod]
    public void An_unknown_previous_rectification_rate_does_not_meet_the_minimum()
    {
        var criteria = WithRule(r => r with { MinPreviousRectificationRate = 90m });

        var decision = DemonstrationSelector.Select(criteria, [Center("甲", Losing(criteria), rectificationRate: null)]).For("甲");

        Assert.AreEqual(DemonstrationOutcome.NotEligible, decision.Outcome);
        Assert.AreEqual("上年度整改完成率未知，视为未达到90%", Listed.Of(decision.Reasons));
    }

    [TestMethod]
    public void A_rectification_rate_at_the_minimum_is_eligible_and_the_reason_says_so()
    {
        var criteria = WithRule(r => r with { MinPreviousRectificationRate = 90m });

        var decision = DemonstrationSelector.Select(criteria, [Center("甲", Losing(criteria), rectificationRate: 90m)]).For("甲");

        Assert.IsTrue(decision.IsSelected);
        Assert.AreEqual(
            "总分100.00分，不低于示范线90分，各维度得分均不低于权重的80%，未触发否决项，上年度整改完成率90.00%，不低于90%，符合示范条件",
            decision.Reasons[0]);
    }

    [TestMethod]
    public void Without_a_rectification_minimum_an_unknown_rate_does_not_matter()
    {
        var decision = DemonstrationSelector.Select(Criteria, [Center("甲", Losing(Criteria), rectificationRate: null)]).For("甲");

        Assert.IsTrue(decision.IsSelected);
    }

    [TestMethod]
    public void Every_failed_condition_is_listed()
    {
        var criteria = WithRule(r => r with { MinPreviousRectificationRate = 90m });
        // 服务内容 25 − 6 = 19 < 20; 业务咨询 10 − 3 = 7 < 8; total 100 − 9 = 91 (above the line); veto; rate 80.
        var scorecard = new CycleScorecardBuilder(criteria).Lose("A1", 6m).Lose("B1", 3m).Veto("V1").Score();

        var decision = DemonstrationSelector.Select(criteria, [Center("甲", scorecard, rectificationRate: 80m)]).For("甲");

        Assert.AreEqual(
            "服务内容得分19.00分，低于权重的80%（20.00分）, 业务咨询得分7.00分，低于权重的80%（8.00分）, "
            + "触发否决项V1：否决项V1（考核组认定）, 上年度整改完成率80.00%，低于90%",
            Listed.Of(decision.Reasons));
    }

    [TestMethod]
    public void The_highest_eligible_totals_are_selected_up_to_the_quota()
    {
        // 甲 100 with a veto (not eligible, takes no place); 乙 98 (A1 −2); 丙 96 (C1 −4); 丁 94 (D1 −4 → 16, A1 −2).
        CenterResult[] centers =
        [
            Center("甲", new CycleScorecardBuilder(Criteria).Veto("V1").Score()),
            Center("乙", Losing(Criteria, ("A1", 2m))),
            Center("丙", Losing(Criteria, ("C1", 4m))),
            Center("丁", Losing(Criteria, ("D1", 4m), ("A1", 2m))),
        ];

        var selection = DemonstrationSelector.Select(Criteria, centers);

        Assert.AreEqual("乙, 丙", Listed.Of(selection.Selected.Select(d => d.CenterId)));
        Assert.IsFalse(selection.QuotaExceededByTie);
        Assert.IsNull(selection.Note);
        Assert.AreEqual("在符合条件的中心中总分列第1位，在示范名额（2个）之内，入选示范", selection.For("乙").Reasons[^1]);
        var ding = selection.For("丁");
        Assert.AreEqual(DemonstrationOutcome.OutsideQuota, ding.Outcome);
        Assert.IsTrue(ding.IsEligible);
        Assert.AreEqual("在符合条件的中心中总分列第3位，示范名额（2个）已满，未入选", ding.Reasons[^1]);
    }

    [TestMethod]
    public void A_tie_at_the_quota_boundary_is_broken_by_the_first_tie_break_dimension()
    {
        var criteria = WithRule(r => r with { TieBreak = ["E", "C"] });
        // 甲 98 (A1 −2); 乙 95 (A1 −3, E1 −2 → 服务质量 18); 丙 95 (A1 −2, C1 −3 → 服务质量 20). One place left
        // for 乙 and 丙: 服务质量 20 > 18, so 丙.
        CenterResult[] centers =
        [
            Center("甲", Losing(criteria, ("A1", 2m))),
            Center("乙", Losing(criteria, ("A1", 3m), ("E1", 2m))),
            Center("丙", Losing(criteria, ("A1", 2m), ("C1", 3m))),
        ];

        var selection = DemonstrationSelector.Select(criteria, centers);

        Assert.AreEqual("甲, 丙", Listed.Of(selection.Selected.Select(d => d.CenterId)));
        Assert.IsFalse(selection.QuotaExceededByTie);
        Assert.AreEqual("总分与乙中心同为95.00分，并列于示范名额边界；服务质量得分20.00分，高于其18.00分，入选示范", selection.For("丙").Reasons[^1]);
        Assert.AreEqual("总分与丙中心同为95.00分，并列于示范名额边界；服务质量得分18.00分，低于其20.00分，未入选", selection.For("乙").Reasons[^1]);
        Assert.AreEqual(DemonstrationOutcome.OutsideQuota, selection.For("乙").Outcome);
    }

    [TestMethod]
    public void A_tie_level_on_the_first_tie_break_dimension_is_broken_by_the_next()
    {
        var criteria = WithRule(r => r with { TieBreak = ["E", "C"] });
        // 乙 95 (A1 −5 → 服务内容 20); 丙 95 (C1 −3 → 硬件设施 22, A1 −2): 服务质量 20 both; 硬件设施 25 > 22, so 乙.
        CenterResult[] centers =
        [
            Center("甲", Losing(criteria, ("A1", 2m))),
            Center("乙", Losing(criteria, ("A1", 5m))),
            Center("丙", Losing(criteria, ("A1", 2m), ("C1", 3m))),
        ];

        var selection = DemonstrationSelector.Select(criteria, centers);

        Assert.AreEqual("甲, 乙", Listed.Of(selection.Selected.Select(d => d.CenterId)));
        Assert.AreEqual("总分与丙中心同为95.00分，并列于示范名额边界；硬件设施得分25.00分，高于其22.00分，入选示范", selection.For("乙").Reasons[^1]);
    }

    [TestMethod]
    public void A_tie_no_tie_break_resolves_selects_all_tied_and_flags_the_exceeded_quota()
    {
        var criteria = WithRule(r => r with { TieBreak = ["E", "C"] });
        // 乙 95 (A1 −5) and 丙 95 (A1 −2, D1 −3 → 场所设置 17): 服务质量 20 and 硬件设施 25 both; 丁 95 (A1 −2,
        // E1 −3 → 服务质量 17) loses on 服务质量 to both.
        CenterResult[] centers =
        [
            Center("甲", Losing(criteria, ("A1", 2m))),
            Center("乙", Losing(criteria, ("A1", 5m))),
            Center("丙", Losing(criteria, ("A1", 2m), ("D1", 3m))),
            Center("丁", Losing(criteria, ("A1", 2m), ("E1", 3m))),
        ];

        var selection = DemonstrationSelector.Select(criteria, centers);

        Assert.AreEqual("甲, 乙, 丙", Listed.Of(selection.Selected.Select(d => d.CenterId)));
        Assert.IsTrue(selection.QuotaExceededByTie);
        Assert.AreEqual(DemonstrationOutcome.Selected, selection.For("甲").Outcome);
        Assert.AreEqual(DemonstrationOutcome.SelectedInUnresolvedTie, selection.For("乙").Outcome);
        Assert.AreEqual(DemonstrationOutcome.SelectedInUnresolvedTie, selection.For("丙").Outcome);
        Assert.AreEqual(
            "总分95.00分，与丙中心在示范名额边界并列，依次比较服务质量、硬件设施得分后仍并列；按规则一并列入示范名单，共3个，超出名额（2个），请考核领导小组研究决定",
            selection.For("乙").Reasons[^1]);
        Assert.AreEqual(
            "示范名额2个；名额边界的中心总分并列，依次比较服务质量、硬件设施得分后仍并列，按规则一并列入，共3个，超出名额，请考核领导小组研究决定",
            selection.Note);
        Assert.AreEqual("总分与丙中心同为95.00分，并列于示范名额边界；服务质量得分17.00分，低于其20.00分，未入选", selection.For("丁").Reasons[^1]);
    }

    [TestMethod]
    public void Without_tie_break_dimensions_a_tie_at_the_boundary_is_unresolved()
    {
        // Default rule: no tie-break. 乙 and 丙 both 95 for the one place left.
        CenterResult[] centers =
        [
            Center("甲", Losing(Criteria, ("A1", 2m))),
            Center("乙", Losing(Criteria, ("A1", 5m))),
            Center("丙", Losing(Criteria, ("C1", 5m))),
        ];

        var selection = DemonstrationSelector.Select(Criteria, centers);

        Assert.IsTrue(selection.QuotaExceededByTie);
        Assert.AreEqual(3, selection.Selected.Count);
        StringAssert.Contains(selection.For("丙").Reasons[^1], "与乙中心在示范名额边界并列，考核标准未规定并列时比较的维度");
    }

    [TestMethod]
    public void A_tie_that_fits_within_the_quota_needs_no_tie_break()
    {
        // 乙 and 丙 both 95 and both fit in the quota of 2.
        CenterResult[] centers =
        [
            Center("乙", Losing(Criteria, ("A1", 5m))),
            Center("丙", Losing(Criteria, ("C1", 5m))),
            Center("丁", Losing(Criteria, ("C1", 4m), ("A1", 2m))),
        ];

        var selection = DemonstrationSelector.Select(Criteria, centers);

        Assert.AreEqual("乙, 丙", Listed.Of(selection.Selected.Select(d => d.CenterId)));
        Assert.IsFalse(selection.QuotaExceededByTie);
        Assert.AreEqual("在符合条件的中心中总分列第1位，在示范名额（2个）之内，入选示范", selection.For("丙").Reasons[^1]);
        Assert.AreEqual("在符合条件的中心中总分列第3位，示范名额（2个）已满，未入选", selection.For("丁").Reasons[^1]);
    }

    [TestMethod]
    public void An_incomplete_scorecard_is_not_a_candidate()
    {
        var incomplete = new CycleScorecardBuilder(Criteria).Unanswered("B1").Score();

        var decision = DemonstrationSelector.Select(Criteria, [Center("甲", incomplete)]).For("甲");

        Assert.AreEqual(DemonstrationOutcome.NotEligible, decision.Outcome);
        Assert.AreEqual("考核结果不完整或无效，不参与示范评选, 尚有1个考核项未作答：B1", Listed.Of(decision.Reasons));
    }
}
