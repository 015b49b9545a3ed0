using Assessment.Scoring.Criteria;
using Assessment.Scoring.Cycles;
using static Assessment.Tests.Scoring.CycleFixture;

namespace Assessment.Tests.Scoring;

[TestClass]
public sealed class CycleAnalyzerTests
{
    private static readonly CriteriaVersion Criteria = Criteria2022().Build();

    // 甲 100; 乙 95 (A1 −5); 丙 95 (C1 −5); 丁 88 (A1 −4, C1 −4, E1 −4); 戊 incomplete (E1 unanswered).
    private static CenterResult[] Centers() =>
    [
        Center("丁", Losing(Criteria, ("A1", 4m), ("C1", 4m), ("E1", 4m))),
        Center("乙", Losing(Criteria, ("A1", 5m))),
        Center("戊", new CycleScorecardBuilder(Criteria).Unanswered("E1").Score(), self: Losing(Criteria)),
        Center("甲", Losing(Criteria), self: Losing(Criteria, ("A1", 1m))),
        Center("丙", Losing(Criteria, ("C1", 5m))),
    ];

    [TestMethod]
    public void Complete_centers_are_ranked_with_ties_sharing_a_rank()
    {
        var analysis = CycleAnalyzer.Analyze(Criteria, Centers());

        // 100; 95, 95 (input order 乙 before 丙); 88 → 1, 2, 2, 4.
        Assert.AreEqual("甲, 乙, 丙, 丁", Listed.Of(analysis.Rankings.Select(r => r.CenterId)));
        Assert.AreEqual("1, 2, 2, 4", Listed.Of(analysis.Rankings.Select(r => r.Rank)));

        // Percentile: 甲 above 3 of 3 → 100; 乙, 丙 above 丁 only → 100 / 3; 丁 → 0.
        Assert.AreEqual(100m, analysis.Ranking("甲").Percentile);
        Assert.AreEqual(100m / 3, analysis.Ranking("丙").Percentile);
        Assert.AreEqual(0m, analysis.Ranking("丁").Percentile);
        Assert.AreEqual("优秀", analysis.Ranking("乙").Grade);
        Assert.AreEqual("良好", analysis.Ranking("丁").Grade);
    }

    [TestMethod]
    public void Incomplete_centers_are_listed_apart_and_left_out_of_the_statistics()
    {
        var analysis = CycleAnalyzer.Analyze(Criteria, Centers());

        var unranked = analysis.Unranked.Single();
        Assert.AreEqual("戊", unranked.CenterId);
        Assert.AreEqual("尚有1个考核项未作答：E1", Listed.Of(unranked.Reasons));

        // Totals 100, 95, 95, 88: mean 378 / 4 = 94.5; median (95 + 95) / 2 = 95.
        Assert.AreEqual(new SummaryStatistics(4, 94.5m, 95m, 88m, 100m), analysis.Statistics!.Total);
    }

    [TestMethod]
    public void Each_ranking_carries_its_gap_to_best_and_demonstration_decision()
    {
        var analysis = CycleAnalyzer.Analyze(Criteria, Centers());

        // 丁: 100 − 88 = 12 behind; 服务质量 20 − 16 = 4.
        var ding = analysis.Ranking("丁");
        Assert.AreEqual(12m, ding.GapToBest.Total);
        Assert.AreEqual(4m, ding.GapToBest.Dimensions.Single(d => d.Code == "E").Gap);
        Assert.AreEqual("总分88.00分，低于示范线90分", Listed.Of(ding.Demonstration.Reasons));

        // Quota 2: 甲 takes one place; 乙 and 丙 tie for the other with no tie-break → both, quota exceeded.
        Assert.AreEqual(DemonstrationOutcome.Selected, analysis.Ranking("甲").Demonstration.Outcome);
        Assert.AreEqual(DemonstrationOutcome.SelectedInUnresolvedTie, analysis.Ranking("丙").Demonstration.Outcome);
        Assert.IsTrue(analysis.Demonstration.QuotaExceededByTie);
        Assert.AreEqual(4, analysis.Demonstration.Decisions.Count);
    }

    [TestMethod]
    public void Totals_that_differ_only_beyond_two_decimals_share_a_rank()
    {
        // 甲 100 − 0.004 (E2 at 996 of 1000) = 99.996 and 乙 100: both published 100.00 → both first.
        // 丙 100 − 0.006 = 99.994 → 99.99 → third.
        CenterResult[] centers =
        [
            Center("甲", new CycleScorecardBuilder(Criteria).Number("E2", 996m).Score()),
            Center("乙", Losing(Criteria)),
            Center("丙", new CycleScorecardBuilder(Criteria).Number("E2", 994m).Score()),
        ];

        var analysis = CycleAnalyzer.Analyze(Criteria, centers);

        Assert.AreEqual("甲, 乙, 丙", Listed.Of(analysis.Rankings.Select(r => r.CenterId)));
        Assert.AreEqual("1, 1, 3", Listed.Of(analysis.Rankings.Select(r => r.Rank)));
        Assert.AreEqual(99.996m, analysis.Ranking("甲").Total);
        Assert.AreEqual(100.00m, analysis.Ranking("甲").PublishedTotal);
        Assert.AreEqual(0m, analysis.Ranking("甲").GapToBest.Total);
    }

    [TestMethod]
    public void Year_over_year_is_attached_for_centers_found_in_the_previous_cycle()
    {
        // 甲 in 2021: A1 −6 → 24 of 30 (0.8); others full → 94. In 2022: 100 → +6; 服务内容 0.8 → 1.0.
        var previous = new PreviousCycle(new Dictionary<string, Assessment.Scoring.Scoring.Scorecard>
        {
            ["甲"] = Losing(Criteria2021(), ("A1", 6m)),
        });

        var analysis = CycleAnalyzer.Analyze(Criteria, Centers(), previous);

        var change = analysis.Ranking("甲").YearOverYear!;
        Assert.AreEqual(6m, change.TotalChange);
        Assert.AreEqual(0.2m, change.Dimension("A").ShareChange);
        Assert.IsNull(analysis.Ranking("乙").YearOverYear);
    }

    [TestMethod]
    public void Self_assessments_are_compared_for_every_center_that_submitted_one()
    {
        var analysis = CycleAnalyzer.Analyze(Criteria, Centers());

        // Input order: 戊 (unranked, but its items still compare), then 甲.
        Assert.AreEqual("戊, 甲", Listed.Of(analysis.SelfAssessments.Select(s => s.CenterId)));
        // 甲 self 99 (A1 −1) against inspection 100: −1.
        Assert.AreEqual(-1m, analysis.SelfAssessments[1].TotalGap);
        Assert.IsNull(analysis.SelfAssessments[0].TotalGap);
        CollectionAssert.Contains(analysis.SelfAssessments[0].Notes.ToArray(), "考核未完成，无法比较总分");
    }

    [TestMethod]
    public void A_cycle_with_no_complete_scorecard_has_no_ranking_and_no_statistics()
    {
        var analysis = CycleAnalyzer.Analyze(Criteria, [Center("甲", new CycleScorecardBuilder(Criteria).Unanswered("A1").Score())]);

        Assert.IsEmpty(analysis.Rankings);
        Assert.IsNull(analysis.Statistics);
        Assert.IsEmpty(analysis.Demonstration.Selected);
        Assert.HasCount(1, analysis.Unranked);
    }

    [TestMethod]
    public void Two_centers_with_the_same_id_are_a_programming_error()
    {
        CenterResult[] centers = [Center("甲", Losing(Criteria)), Center("甲", Losing(Criteria))];

        Assert.ThrowsExactly<ArgumentException>(() => CycleAnalyzer.Analyze(Criteria, centers));
    }
}
