using Assessment.Scoring.Criteria;
using Assessment.Scoring.Cycles;
using static Assessment.Tests.Scoring.CycleFixture;

namespace Assessment.Tests.Scoring;

[TestClass]
public sealed class SelfAssessmentComparerTests
{
    private static readonly CriteriaVersion Criteria = Criteria2022().Build();

    [TestMethod]
    public void Item_gaps_are_self_minus_inspection_and_items_not_applicable_in_either_are_skipped()
    {
        // Self: A1 loses 1 → 24; D2 not applicable, so 场所设置 is D1 18 of 18 rescaled to 20; the rest full → 99.
        // Inspection: A1 loses 3 → 22; C1 loses 2 → 23; D1 loses 1.5 → 16.5 plus D2 2 → 18.5; the rest full
        // → 22 + 10 + 23 + 18.5 + 20 = 93.5.
        var self = new CycleScorecardBuilder(Criteria).Lose("A1", 1m).NotApplicable("D2").Score();
        var inspection = Losing(Criteria, ("A1", 3m), ("C1", 2m), ("D1", 1.5m));

        var comparison = SelfAssessmentComparer.Compare(Criteria, Center("甲", inspection, self));

        // A1 24 − 22 = 2; C1 25 − 23 = 2; D1 18 − 16.5 = 1.5; B1, E1, E2 0; D2 skipped.
        Assert.AreEqual(new ItemGap("A1", "考核项A1", "A", 24m, 22m, 2m), comparison.Item("A1"));
        Assert.AreEqual(2m, comparison.Item("C1").Gap);
        Assert.AreEqual(1.5m, comparison.Item("D1").Gap);
        Assert.AreEqual(0m, comparison.Item("B1").Gap);
        Assert.AreEqual("A1, B1, C1, D1, E1, E2", Listed.Of(comparison.Items.Select(i => i.ItemId)));
        Assert.AreEqual("D2", Listed.Of(comparison.SkippedItemIds));

        // Dimensions: 服务内容 24 − 22 = 2; 硬件设施 25 − 23 = 2; 场所设置 20 − 18.5 = 1.5.
        Assert.AreEqual(new DimensionGap("A", "服务内容", 24m, 22m, 2m), comparison.Dimension("A"));
        Assert.AreEqual(2m, comparison.Dimension("C").Gap);
        Assert.AreEqual(1.5m, comparison.Dimension("D").Gap);
        Assert.AreEqual(0m, comparison.Dimension("E").Gap);

        // Total 99 − 93.5 = 5.5: within the threshold of 10.
        Assert.AreEqual(99m, comparison.SelfTotal);
        Assert.AreEqual(93.5m, comparison.InspectionTotal);
        Assert.AreEqual(5.5m, comparison.TotalGap);
        Assert.IsFalse(comparison.NeedsRecheck);
    }

    [TestMethod]
    public void An_item_not_applicable_in_the_inspection_only_is_skipped_too()
    {
        var self = Losing(Criteria);
        var inspection = new CycleScorecardBuilder(Criteria).NotApplicable("D2").Score();

        var comparison = SelfAssessmentComparer.Compare(Criteria, Center("甲", inspection, self));

        Assert.AreEqual("D2", Listed.Of(comparison.SkippedItemIds));
        Assert.AreEqual(0m, comparison.TotalGap);
    }

    [TestMethod]
    public void Self_total_exactly_the_threshold_above_the_inspection_is_not_flagged()
    {
        // Self 100; inspection A1 loses 10 → 90. Gap 100 − 90 = 10, not more than 10.
        var comparison = SelfAssessmentComparer.Compare(Criteria, Center("甲", Losing(Criteria, ("A1", 10m)), Losing(Criteria)));

        Assert.AreEqual(10m, comparison.TotalGap);
        Assert.IsFalse(comparison.NeedsRecheck);
        Assert.IsNull(comparison.RecheckReason);
    }

    [TestMethod]
    public void Self_total_just_above_the_threshold_is_flagged_for_recheck()
    {
        // Self 100; inspection A1 loses 10, E2 at 990 of 1000 earns 0.99 → 89.99. Gap 100 − 89.99 = 10.01 > 10.
        var inspection = new CycleScorecardBuilder(Criteria).Lose("A1", 10m).Number("E2", 990m).Score();

        var comparison = SelfAssessmentComparer.Compare(Criteria, Center("甲", inspection, Losing(Criteria)));

        Assert.AreEqual(10.01m, comparison.TotalGap);
        Assert.IsTrue(comparison.NeedsRecheck);
        Assert.AreEqual("自评总分100.00分，高于考核总分89.99分10.01分，超过10分，需复核", comparison.RecheckReason);
    }

    [TestMethod]
    public void Recheck_is_judged_on_published_totals()
    {
        // Inspection: A1 loses 10, E2 at 996 earns 0.996 → 89.996, published 90.00. Gap 100.00 − 90.00 = 10.00:
        // no flag, although the unrounded gap is 10.004.
        var inspection = new CycleScorecardBuilder(Criteria).Lose("A1", 10m).Number("E2", 996m).Score();

        var comparison = SelfAssessmentComparer.Compare(Criteria, Center("甲", inspection, Losing(Criteria)));

        Assert.AreEqual(10.00m, comparison.TotalGap);
        Assert.IsFalse(comparison.NeedsRecheck);
    }

    [TestMethod]
    public void An_incomplete_self_assessment_compares_item_by_item_but_not_on_the_total()
    {
        var self = new CycleScorecardBuilder(Criteria).Unanswered("C1").Score();
        var inspection = Losing(Criteria, ("A1", 12m));

        var comparison = SelfAssessmentComparer.Compare(Criteria, Center("甲", inspection, self));

        Assert.IsNull(comparison.SelfTotal);
        Assert.IsNull(comparison.TotalGap);
        Assert.IsFalse(comparison.NeedsRecheck);
        CollectionAssert.Contains(comparison.Notes.ToArray(), "自评未完成，无法比较总分");
        Assert.AreEqual(12m, comparison.Item("A1").Gap);
        CollectionAssert.Contains(comparison.SkippedItemIds.ToArray(), "C1");
        Assert.IsNull(comparison.Dimension("C").Gap);
    }
}
