using Assessment.Scoring.Cycles;

namespace Assessment.Tests.Scoring;

[TestClass]
public sealed class RankingTests
{
    [TestMethod]
    public void Equal_totals_share_a_rank_and_the_next_rank_is_skipped()
    {
        var ranking = Ranking.Rank([new("丁", 85m), new("甲", 95m), new("乙", 90m), new("丙", 90m)]);

        Assert.AreEqual("甲, 乙, 丙, 丁", Listed.Of(ranking.Select(r => r.CenterId)));
        Assert.AreEqual("1, 2, 2, 4", Listed.Of(ranking.Select(r => r.Rank)));
    }

    [TestMethod]
    public void Totals_equal_once_rounded_to_two_decimals_share_a_rank()
    {
        // 90.004 → 90.00; 89.995 → 90.00 (midpoint away from zero); 89.994 → 89.99.
        var ranking = Ranking.Rank([new("甲", 90.004m), new("乙", 89.995m), new("丙", 89.994m)]);

        Assert.AreEqual("1, 1, 3", Listed.Of(ranking.Select(r => r.Rank)));
        Assert.AreEqual("90.00, 90.00, 89.99", Listed.Of(ranking.Select(r => r.PublishedTotal)));
        Assert.AreEqual(90.004m, ranking[0].Total);
    }

    [TestMethod]
    public void Centers_sharing_a_rank_keep_their_input_order_not_the_order_of_unrounded_totals()
    {
        var ranking = Ranking.Rank([new("乙", 89.995m), new("甲", 90.004m)]);

        Assert.AreEqual("乙, 甲", Listed.Of(ranking.Select(r => r.CenterId)));
        Assert.AreEqual("1, 1", Listed.Of(ranking.Select(r => r.Rank)));
    }

    [TestMethod]
    public void Percentile_is_the_share_of_other_centers_with_a_strictly_lower_total()
    {
        var ranking = Ranking.Rank([new("甲", 95m), new("乙", 90m), new("丙", 90m), new("丁", 85m)]);

        // Four centers, three others each: 甲 is above 3 of 3 → 100; 乙 and 丙 are above 丁 only → 100 × 1/3;
        // 丁 is above none → 0.
        CollectionAssert.AreEqual(new[] { 100m, 100m / 3, 100m / 3, 0m }, ranking.Select(r => r.Percentile).ToArray());
    }

    [TestMethod]
    public void A_single_center_is_first_at_the_100th_percentile()
    {
        var ranking = Ranking.Rank([new("甲", 72.5m)]);

        Assert.AreEqual(1, ranking[0].Rank);
        Assert.AreEqual(100m, ranking[0].Percentile);
    }

    [TestMethod]
    public void Centers_all_level_are_all_first_at_the_zeroth_percentile()
    {
        var ranking = Ranking.Rank([new("甲", 88m), new("乙", 88m), new("丙", 88m)]);

        Assert.AreEqual("1, 1, 1", Listed.Of(ranking.Select(r => r.Rank)));
        Assert.AreEqual("0, 0, 0", Listed.Of(ranking.Select(r => r.Percentile)));
    }

    [TestMethod]
    public void No_centers_give_an_empty_ranking()
    {
        Assert.IsEmpty(Ranking.Rank([]));
    }
}
