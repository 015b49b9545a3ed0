using Assessment.Scoring.Criteria;
using Assessment.Scoring.Cycles;
using static Assessment.Tests.Scoring.CycleFixture;

namespace Assessment.Tests.Scoring;

[TestClass]
public sealed class BenchmarkTests
{
    private static readonly CriteriaVersion Criteria = Criteria2022().Build();

    // 甲: A 25 − 2.5 = 22.5, E 20 − 1 = 19, others full → total 96.5
    // 乙: C 25 − 4 = 21, E 20 − 3 = 17 → total 93
    // 丙: A 25 − 1 = 24, B 10 − 2 = 8, D 20 − 3 = 17 → total 94
    private static CenterResult[] ThreeCenters() =>
    [
        Center("甲", Losing(Criteria, ("A1", 2.5m), ("E1", 1m))),
        Center("乙", Losing(Criteria, ("C1", 4m), ("E1", 3m))),
        Center("丙", Losing(Criteria, ("A1", 1m), ("B1", 2m), ("D1", 3m))),
    ];

    [TestMethod]
    public void Total_statistics_over_an_odd_count_take_the_middle_value_as_median()
    {
        var statistics = Benchmark.Of(Criteria, ThreeCenters()).Statistics!;

        // Totals 96.5, 93, 94: mean (96.5 + 93 + 94) / 3 = 283.5 / 3 = 94.5; sorted 93, 94, 96.5 → median 94.
        Assert.AreEqual(new SummaryStatistics(3, 94.5m, 94m, 93m, 96.5m), statistics.Total);
    }

    [TestMethod]
    public void Dimension_statistics_are_computed_per_dimension()
    {
        var statistics = Benchmark.Of(Criteria, ThreeCenters()).Statistics!;

        // 服务内容: 22.5, 25, 24 → mean 71.5 / 3, median 24, min 22.5, max 25.
        var a = statistics.Dimensions.Single(d => d.Code == "A");
        Assert.AreEqual("服务内容", a.Name);
        Assert.AreEqual(new SummaryStatistics(3, 71.5m / 3, 24m, 22.5m, 25m), a.Scores);

        // 服务质量: 19, 17, 20 → mean 56 / 3, median 19, min 17, max 20.
        Assert.AreEqual(new SummaryStatistics(3, 56m / 3, 19m, 17m, 20m), statistics.Dimensions.Single(d => d.Code == "E").Scores);
        Assert.AreEqual("A, B, C, D, E", Listed.Of(statistics.Dimensions.Select(d => d.Code)));
    }

    [TestMethod]
    public void Median_of_an_even_count_is_the_mean_of_the_two_middle_values()
    {
        // 丁: B 10 − 1 = 9 → total 99. Totals sorted 93, 94, 96.5, 99:
        // median (94 + 96.5) / 2 = 95.25; mean 382.5 / 4 = 95.625.
        var centers = ThreeCenters().Append(Center("丁", Losing(Criteria, ("B1", 1m)))).ToArray();

        var statistics = Benchmark.Of(Criteria, centers).Statistics!;

        Assert.AreEqual(new SummaryStatistics(4, 95.625m, 95.25m, 93m, 99m), statistics.Total);
    }

    [TestMethod]
    public void Gap_to_best_is_measured_against_the_best_total_and_the_best_score_in_each_dimension()
    {
        var benchmark = Benchmark.Of(Criteria, ThreeCenters());

        // Best total 96.5 (甲): 乙 96.5 − 93 = 3.5; 丙 96.5 − 94 = 2.5; 甲 0.
        Assert.AreEqual(0m, benchmark.GapFor("甲").Total);
        Assert.AreEqual(3.5m, benchmark.GapFor("乙").Total);
        Assert.AreEqual(2.5m, benchmark.GapFor("丙").Total);
        Assert.AreEqual(96.5m, benchmark.GapFor("丙").BestTotal);

        // Per dimension the best may be another center: best 服务内容 25 (乙), so 甲 25 − 22.5 = 2.5;
        // best 业务咨询 10, so 丙 10 − 8 = 2; best 服务质量 20 (丙), so 甲 20 − 19 = 1 and 乙 20 − 17 = 3.
        var gaps = benchmark.Gaps.ToDictionary(g => g.CenterId, g => g.Dimensions.ToDictionary(d => d.Code, d => d.Gap));
        Assert.AreEqual(2.5m, gaps["甲"]["A"]);
        Assert.AreEqual(1m, gaps["甲"]["E"]);
        Assert.AreEqual(0m, gaps["甲"]["C"]);
        Assert.AreEqual(4m, gaps["乙"]["C"]);
        Assert.AreEqual(3m, gaps["乙"]["E"]);
        Assert.AreEqual(2m, gaps["丙"]["B"]);
        Assert.AreEqual(3m, gaps["丙"]["D"]);
        Assert.AreEqual(0m, gaps["丙"]["E"]);
    }

    [TestMethod]
    public void Incomplete_scorecards_are_listed_with_the_reason_and_neither_ranked_nor_counted()
    {
        var incomplete = new CycleScorecardBuilder(Criteria).Unanswered("A1").Unanswered("C1").Score();
        var centers = ThreeCenters().Append(Center("戊", incomplete)).ToArray();

        var benchmark = Benchmark.Of(Criteria, centers);

        Assert.AreEqual("甲, 乙, 丙", Listed.Of(benchmark.Ranked.Select(c => c.CenterId)));
        var unranked = benchmark.Unranked.Single();
        Assert.AreEqual("戊", unranked.CenterId);
        Assert.AreEqual("尚有2个考核项未作答：A1、C1", Listed.Of(unranked.Reasons));

        // Not counted as zero: the minimum stays 93 and the mean 94.5.
        Assert.AreEqual(new SummaryStatistics(3, 94.5m, 94m, 93m, 96.5m), benchmark.Statistics!.Total);
        Assert.AreEqual(3, benchmark.Statistics.RankedCount);
        Assert.AreEqual(1, benchmark.Statistics.UnrankedCount);
    }

    [TestMethod]
    public void A_scorecard_with_an_invalid_answer_is_unranked_with_the_scorer_problem()
    {
        // E2 is a count: 2.5 is not a whole number.
        var invalid = new CycleScorecardBuilder(Criteria).Number("E2", 2.5m).Score();

        var benchmark = Benchmark.Of(Criteria, [Center("甲", invalid)]);

        Assert.IsNull(benchmark.Statistics);
        Assert.AreEqual("考核项 E2：计数应为不小于0的整数，收到 2.5。", Listed.Of(benchmark.Unranked.Single().Reasons));
    }

    [TestMethod]
    public void A_scorecard_under_another_criteria_version_is_not_ranked()
    {
        var old = Losing(Criteria2021());

        var benchmark = Benchmark.Of(Criteria, [.. ThreeCenters(), Center("己", old)]);

        Assert.AreEqual("考核结果依据的考核标准“cycle-2021”与本周期考核标准“cycle-2022”不一致", Listed.Of(benchmark.Unranked.Single().Reasons));
    }

    [TestMethod]
    public void Grade_counts_are_taken_on_published_totals()
    {
        // 甲 96.5, 乙 93, 丙 94: 优秀. 丁: A1 loses 10, E2 at 996 of 1000 earns 0.996 (loses 0.004)
        // → 100 − 10.004 = 89.996, published 90.00 → 优秀 too. 戊: A1 loses 15 → 85 → 良好.
        var ding = new CycleScorecardBuilder(Criteria).Lose("A1", 10m).Number("E2", 996m).Score();
        var centers = ThreeCenters().Append(Center("丁", ding)).Append(Center("戊", Losing(Criteria, ("A1", 15m)))).ToArray();

        var grades = Benchmark.Of(Criteria, centers).Statistics!.Grades;

        Assert.AreEqual(new GradeCount("优秀", 4), grades[0]);
        Assert.AreEqual(new GradeCount("良好", 1), grades[1]);
        Assert.AreEqual(new GradeCount("合格", 0), grades[2]);
        Assert.AreEqual(new GradeCount("不合格", 0), grades[3]);
    }
}
