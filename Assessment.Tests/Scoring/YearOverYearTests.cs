using Assessment.Scoring.Criteria;
using Assessment.Scoring.Cycles;
using static Assessment.Tests.Scoring.CycleFixture;

namespace Assessment.Tests.Scoring;

[TestClass]
public sealed class YearOverYearTests
{
    private static readonly CriteriaVersion Current = Criteria2022().Build();
    private static readonly CriteriaVersion Previous = Criteria2021();

    // 2021: A 30 − 6 = 24 (share 0.8), C 25, D 20, E 15 − 3 = 12 (0.8), F 10 − 2 = 8 (0.8) → total 89.
    // 2022: A 25 − 2.5 = 22.5 (0.9), B 10 − 1 = 9 (0.9), C 25, D 20, E 20 − 1 = 19 (0.95) → total 95.5.
    private static YearOverYearChange Change() => YearOverYear.Compare(
        Losing(Current, ("A1", 2.5m), ("B1", 1m), ("E1", 1m)),
        Losing(Previous, ("A1", 6m), ("E1", 3m), ("F1", 2m)));

    [TestMethod]
    public void Total_change_is_the_difference_of_totals_across_criteria_versions()
    {
        var change = Change();

        // 95.5 − 89 = 6.5
        Assert.AreEqual(89m, change.PreviousTotal);
        Assert.AreEqual(95.5m, change.CurrentTotal);
        Assert.AreEqual(6.5m, change.TotalChange);
        Assert.AreEqual("cycle-2021", change.PreviousCriteriaId);
        CollectionAssert.Contains(change.Notes.ToArray(), "两个周期的考核标准不同（cycle-2021 → cycle-2022），各维度按得分占权重的比例比较");
    }

    [TestMethod]
    public void A_reweighted_dimension_is_compared_by_its_share_of_weight()
    {
        var change = Change();

        // 服务质量 went from 12 of 15 (0.8) to 19 of 20 (0.95): +0.15, although the points rose by 7.
        var e = change.Dimension("E");
        Assert.IsTrue(e.IsComparable);
        Assert.AreEqual(0.8m, e.PreviousShare);
        Assert.AreEqual(0.95m, e.CurrentShare);
        Assert.AreEqual(0.15m, e.ShareChange);

        // 服务内容 30 → 25: 24 / 30 = 0.8 → 22.5 / 25 = 0.9: +0.1. 硬件设施 full both years: 0.
        Assert.AreEqual(0.1m, change.Dimension("A").ShareChange);
        Assert.AreEqual(0m, change.Dimension("C").ShareChange);
    }

    [TestMethod]
    public void A_dimension_in_only_one_version_is_reported_as_not_comparable()
    {
        var change = Change();

        var b = change.Dimension("B");
        Assert.IsFalse(b.IsComparable);
        Assert.AreEqual("上一周期考核标准（cycle-2021）无此维度", b.NotComparableReason);
        Assert.IsNull(b.PreviousShare);
        Assert.AreEqual(0.9m, b.CurrentShare);
        Assert.IsNull(b.ShareChange);

        var f = change.Dimension("F");
        Assert.IsFalse(f.IsComparable);
        Assert.AreEqual("本周期考核标准（cycle-2022）无此维度", f.NotComparableReason);
        Assert.AreEqual("信息化建设", f.Name);
        Assert.AreEqual(0.8m, f.PreviousShare);
        Assert.IsNull(f.ShareChange);

        // This cycle's dimensions in order, then the one dropped.
        Assert.AreEqual("A, B, C, D, E, F", Listed.Of(change.Dimensions.Select(d => d.Code)));
    }

    [TestMethod]
    public void An_incomplete_previous_scorecard_gives_no_total_change_but_its_scored_dimensions_still_compare()
    {
        var previous = new CycleScorecardBuilder(Previous).Unanswered("A1").Lose("E1", 3m).Score();

        var change = YearOverYear.Compare(Losing(Current, ("E1", 1m)), previous);

        Assert.IsNull(change.PreviousTotal);
        Assert.IsNull(change.TotalChange);
        CollectionAssert.Contains(change.Notes.ToArray(), "上一周期考核未完成，总分不可比较");
        Assert.AreEqual("上一周期该维度未得出得分", change.Dimension("A").NotComparableReason);

        // 服务质量 12 / 15 = 0.8 → 19 / 20 = 0.95.
        Assert.AreEqual(0.15m, change.Dimension("E").ShareChange);
    }

    [TestMethod]
    public void Total_change_is_taken_between_published_totals()
    {
        // Before: A1 loses 10, E2 at 995 of 1000 earns 0.995 → 89.995, published 90.00 (midpoint away from zero).
        // Now: A1 loses 7.5, E2 at 994 earns 0.994 → 92.494, published 92.49.
        // Change 92.49 − 90.00 = 2.49, as a reader of the two tables computes it; the unrounded 2.499 would print 2.50.
        var before = new CycleScorecardBuilder(Current).Lose("A1", 10m).Number("E2", 995m).Score();
        var now = new CycleScorecardBuilder(Current).Lose("A1", 7.5m).Number("E2", 994m).Score();

        var change = YearOverYear.Compare(now, before);

        Assert.AreEqual(90.00m, change.PreviousTotal);
        Assert.AreEqual(92.49m, change.CurrentTotal);
        Assert.AreEqual(2.49m, change.TotalChange);
        Assert.IsEmpty(change.Notes);
    }
}
