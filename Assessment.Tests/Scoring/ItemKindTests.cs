using Assessment.Scoring.Checklists;
using Assessment.Scoring.Scoring;

namespace Assessment.Tests.Scoring;

/// <summary>
/// How each item kind turns an answer into points (spec: criteria-format.md, "Semantics"). Each answer is
/// scored inside the otherwise typical inspection of <see cref="Demo"/>, so the whole pipeline is exercised.
/// </summary>
[TestClass]
public sealed class ItemKindTests
{
    // ── yes/no ──────────────────────────────────────────────────────────────────────────────────

    [TestMethod]
    public void Yes_no_met_earns_full_points()
    {
        // A2 is a 10-point yes/no item: met → 10.
        var score = Demo.ItemFor(ItemAnswer.Yes("A2"));

        Assert.AreEqual(ItemStatus.Scored, score.Status);
        Assert.AreEqual(10m, score.Points);
        Assert.AreEqual(ReasonKind.Met, score.Reason.Kind);
        Assert.AreEqual(0m, score.PointsLost);
    }

    [TestMethod]
    public void Yes_no_not_met_earns_zero()
    {
        // A2 not met → 0, all 10 points lost.
        var score = Demo.ItemFor(ItemAnswer.No("A2"));

        Assert.AreEqual(ItemStatus.Scored, score.Status);
        Assert.AreEqual(0m, score.Points);
        Assert.AreEqual(ReasonKind.NotMet, score.Reason.Kind);
        Assert.AreEqual(10m, score.PointsLost);
    }

    [TestMethod]
    public void Yes_no_not_met_lowers_the_total_by_the_item_points()
    {
        // Typical total 21 + 8.2 + 21 + 50/3 + 19 (see Demo); A2 not met takes 10 off dimension A:
        // 11 + 8.2 + 21 + 50/3 + 19 = 59.2 + 16.666… = 75.8666… → 合格.
        var card = Demo.ScoreWith(ItemAnswer.No("A2"));

        Assert.AreEqual(11m, card.Dimension("A").Score);
        Assert.AreEqual(75.8666666667m, Math.Round(card.Total!.Value, 10));
        Assert.AreEqual("合格", card.Grade);
    }

    // ── levels ──────────────────────────────────────────────────────────────────────────────────

    [TestMethod]
    [DataRow("A", 2.0, DisplayName = "全部落实 A → 2 (full)")]
    [DataRow("B", 1.2, DisplayName = "基本落实 B → 1.2")]
    [DataRow("C", 0.0, DisplayName = "未落实 C → 0")]
    public void Levels_item_earns_the_chosen_levels_points(string level, double expected)
    {
        // B3 (2 points): levels A = 2, B = 1.2, C = 0.
        var score = Demo.ItemFor(ItemAnswer.AtLevel("B3", level));

        Assert.AreEqual(ItemStatus.Scored, score.Status);
        Assert.AreEqual((decimal)expected, score.Points);
        Assert.AreEqual(ReasonKind.Level, score.Reason.Kind);
    }

    [TestMethod]
    public void Levels_item_with_an_unknown_level_code_is_invalid_and_named_in_the_problems()
    {
        var card = Demo.ScoreWith(ItemAnswer.AtLevel("B3", "D"));
        var score = card.Item("B3");

        Assert.AreEqual(ItemStatus.Invalid, score.Status);
        Assert.IsNull(score.Points);
        var problem = Assert.ContainsSingle(card.Problems);
        Assert.AreEqual("B3", problem.ItemId);
        Assert.AreEqual("考核项 B3：等级“D”不存在，应为A、B、C之一。", problem.Message);
        Assert.IsNull(card.Total);
        Assert.IsNull(card.Grade);
        Assert.IsFalse(card.IsComplete);
    }

    [TestMethod]
    public void Level_codes_are_case_sensitive()
    {
        // "b" is not "B": a typo must be caught, not silently matched.
        var score = Demo.ItemFor(ItemAnswer.AtLevel("B3", "b"));

        Assert.AreEqual(ItemStatus.Invalid, score.Status);
    }

    // ── deduction ───────────────────────────────────────────────────────────────────────────────

    [TestMethod]
    [DataRow(0, 3.0, DisplayName = "0 defects → 3 − 0×0.5 = 3")]
    [DataRow(1, 2.5, DisplayName = "1 defect → 3 − 1×0.5 = 2.5")]
    [DataRow(2, 2.0, DisplayName = "2 defects → 3 − 2×0.5 = 2")]
    [DataRow(5, 0.5, DisplayName = "5 defects → 3 − 5×0.5 = 0.5")]
    [DataRow(6, 0.0, DisplayName = "6 defects (the whole list) → 3 − 6×0.5 = 0")]
    public void Deduction_takes_the_per_defect_points_for_each_defect(int defects, double expected)
    {
        // A1: 3 points, −0.5 per defect, a list of 6 things counted.
        var score = Demo.ItemFor(ItemAnswer.WithNumber("A1", defects));

        Assert.AreEqual(ItemStatus.Scored, score.Status);
        Assert.AreEqual((decimal)expected, score.Points);
        Assert.AreEqual(ReasonKind.Deducted, score.Reason.Kind);
    }

    [TestMethod]
    [DataRow(5, 0.0, DisplayName = "5 rooms → 5 − 5×1 = 0")]
    [DataRow(6, 0.0, DisplayName = "6 rooms → 5 − 6×1 = −1 → floor 0")]
    [DataRow(40, 0.0, DisplayName = "40 rooms → 5 − 40×1 = −35 → floor 0")]
    public void Deduction_never_goes_below_zero(int defects, double expected)
    {
        // C1: 5 points, −1 per uncovered room, no list (any whole count allowed).
        var score = Demo.ItemFor(ItemAnswer.WithNumber("C1", defects));

        Assert.AreEqual(ItemStatus.Scored, score.Status);
        Assert.AreEqual((decimal)expected, score.Points);
        Assert.AreEqual(5m, score.PointsLost);
    }

    [TestMethod]
    public void Deduction_within_the_list_but_worth_more_than_the_item_floors_at_zero()
    {
        // D1: 4 points, −1 per missing zone, list of 6: 5 missing → 4 − 5×1 = −1 → 0 (5 ≤ 6 is allowed).
        var score = Demo.ItemFor(ItemAnswer.WithNumber("D1", 5));

        Assert.AreEqual(ItemStatus.Scored, score.Status);
        Assert.AreEqual(0m, score.Points);
    }

    [TestMethod]
    [DataRow(1.5, "考核项 A1：问题数应为不小于0的整数，收到 1.5。", DisplayName = "fractional count")]
    [DataRow(-1.0, "考核项 A1：问题数应为不小于0的整数，收到 -1。", DisplayName = "negative count")]
    [DataRow(7.0, "考核项 A1：问题数 7 超过了检查清单的 6 项。", DisplayName = "more defects than the list holds")]
    public void Deduction_with_an_impossible_count_is_invalid(double defects, string message)
    {
        var card = Demo.ScoreWith(ItemAnswer.WithNumber("A1", (decimal)defects));

        Assert.AreEqual(ItemStatus.Invalid, card.Item("A1").Status);
        Assert.IsNull(card.Item("A1").Points);
        var problem = Assert.ContainsSingle(card.Problems);
        Assert.AreEqual("A1", problem.ItemId);
        Assert.AreEqual(message, problem.Message);
        Assert.IsNull(card.Total);
    }

    [TestMethod]
    public void Deduction_count_with_zero_decimals_written_out_is_a_whole_number()
    {
        // 2.0m is the whole number 2, as a JSON "2.0" would parse: 3 − 2×0.5 = 2.
        var score = Demo.ItemFor(ItemAnswer.WithNumber("A1", 2.0m));

        Assert.AreEqual(2m, score.Points);
    }

    // ── target, bands ───────────────────────────────────────────────────────────────────────────

    [TestMethod]
    [DataRow(100.0, 3.0, DisplayName = "100 % ≥ 95 → 3")]
    [DataRow(95.0, 3.0, DisplayName = "exactly 95 (band minimum) → 3")]
    [DataRow(94.99, 2.0, DisplayName = "94.99 < 95, ≥ 90 → 2")]
    [DataRow(92.5, 2.0, DisplayName = "92.5 between 90 and 95 → 2")]
    [DataRow(90.0, 2.0, DisplayName = "exactly 90 → 2")]
    [DataRow(85.0, 1.0, DisplayName = "exactly 85 (lowest band) → 1")]
    [DataRow(84.99, 0.0, DisplayName = "84.99 below every band → 0")]
    [DataRow(0.0, 0.0, DisplayName = "0 % → 0")]
    public void Bands_give_the_points_of_the_highest_band_reached(double rate, double expected)
    {
        // E4: 3 points; bands ≥95 → 3, ≥90 → 2, ≥85 → 1, below 85 → 0.
        var score = Demo.ItemFor(ItemAnswer.WithNumber("E4", (decimal)rate));

        Assert.AreEqual(ItemStatus.Scored, score.Status);
        Assert.AreEqual((decimal)expected, score.Points);
        Assert.AreEqual(expected == 0 ? ReasonKind.BelowBands : ReasonKind.BandReached, score.Reason.Kind);
    }

    [TestMethod]
    public void Band_reached_records_the_band_minimum_and_below_bands_the_lowest_minimum()
    {
        // 92.5 reaches the 90 band; 80 is below the lowest band, 85.
        var reached = Demo.ItemFor(ItemAnswer.WithNumber("E4", 92.5m)).Reason;
        var below = Demo.ItemFor(ItemAnswer.WithNumber("E4", 80)).Reason;

        Assert.AreEqual(92.5m, reached.Value);
        Assert.AreEqual(90m, reached.Other);
        Assert.AreEqual(80m, below.Value);
        Assert.AreEqual(85m, below.Other);
    }

    [TestMethod]
    [DataRow(100.01, "考核项 E4：比率应在0到100之间，收到 100.01。", DisplayName = "rate above 100")]
    [DataRow(-0.5, "考核项 E4：比率应在0到100之间，收到 -0.5。", DisplayName = "negative rate")]
    public void Rate_outside_0_to_100_is_invalid(double rate, string message)
    {
        var card = Demo.ScoreWith(ItemAnswer.WithNumber("E4", (decimal)rate));

        Assert.AreEqual(ItemStatus.Invalid, card.Item("E4").Status);
        var problem = Assert.ContainsSingle(card.Problems);
        Assert.AreEqual("E4", problem.ItemId);
        Assert.AreEqual(message, problem.Message);
        Assert.IsNull(card.Total);
    }

    [TestMethod]
    public void Rate_of_exactly_100_is_valid()
    {
        // E6 bands ≥100 → 3, ≥90 → 2, ≥80 → 1: 100 reaches the top band.
        var score = Demo.ItemFor(ItemAnswer.WithNumber("E6", 100));

        Assert.AreEqual(3m, score.Points);
    }

    // ── target, linear ──────────────────────────────────────────────────────────────────────────

    [TestMethod]
    [DataRow(0, 0.0, DisplayName = "0 of 4 → 2×0/4 = 0")]
    [DataRow(1, 0.5, DisplayName = "1 of 4 → 2×1/4 = 0.5")]
    [DataRow(2, 1.0, DisplayName = "2 of 4 → 2×2/4 = 1 (half the points)")]
    [DataRow(3, 1.5, DisplayName = "3 of 4 → 2×3/4 = 1.5")]
    [DataRow(4, 2.0, DisplayName = "4 of 4 → 2")]
    [DataRow(9, 2.0, DisplayName = "9 > full_at 4 → clamped to 2")]
    public void Linear_count_is_proportional_between_zero_at_and_full_at(int count, double expected)
    {
        // B5: 2 points, count, zero_at 0, full_at 4: points = 2 × clamp((count − 0)/(4 − 0), 0, 1).
        var score = Demo.ItemFor(ItemAnswer.WithNumber("B5", count));

        Assert.AreEqual(ItemStatus.Scored, score.Status);
        Assert.AreEqual((decimal)expected, score.Points);
        Assert.AreEqual(ReasonKind.Linear, score.Reason.Kind);
    }

    [TestMethod]
    [DataRow(0.0, 0.0, DisplayName = "0 % < zero_at 50 → (0−50)/50 = −1 → clamped to 0")]
    [DataRow(49.9, 0.0, DisplayName = "49.9 % just below zero_at → clamped to 0")]
    [DataRow(50.0, 0.0, DisplayName = "50 % = zero_at → 0")]
    [DataRow(80.0, 3.0, DisplayName = "80 % → 5×(80−50)/(100−50) = 5×30/50 = 3")]
    [DataRow(75.0, 2.5, DisplayName = "75 % (midpoint) → 5×25/50 = 2.5")]
    [DataRow(100.0, 5.0, DisplayName = "100 % = full_at → 5")]
    public void Linear_rate_clamps_below_zero_at_and_is_proportional_above(double rate, double expected)
    {
        // C3: 5 points, rate, zero_at 50, full_at 100.
        var score = Demo.ItemFor(ItemAnswer.WithNumber("C3", (decimal)rate));

        Assert.AreEqual(ItemStatus.Scored, score.Status);
        Assert.AreEqual((decimal)expected, score.Points);
    }

    [TestMethod]
    public void Linear_target_may_fall_when_fewer_is_better()
    {
        // zero_at 10, full_at 0 (e.g. complaints upheld): 5 × (4 − 10)/(0 − 10) = 5 × 0.6 = 3;
        // 12 → (12 − 10)/(−10) = −0.2 → 0; 0 → 1 → 5.
        var criteria = new CriteriaBuilder()
            .Dimension("E", "服务质量", 5)
            .Linear("E3", "E", 5, zeroAt: 10, fullAt: 0)
            .Build();

        decimal? PointsFor(decimal count) =>
            Scorer.Score(criteria, new ChecklistBuilder(criteria.Id).Number("E3", count).Build()).Item("E3").Points;

        Assert.AreEqual(3m, PointsFor(4));
        Assert.AreEqual(0m, PointsFor(12));
        Assert.AreEqual(5m, PointsFor(0));
    }

    [TestMethod]
    public void Linear_points_with_a_repeating_fraction_keep_full_precision()
    {
        // 2 points, zero_at 0, full_at 3: 1 → 2 × 1/3 = 0.666…; stored unrounded, shown as 0.67.
        var criteria = new CriteriaBuilder()
            .Dimension("B", "业务咨询", 2)
            .Linear("B5", "B", 2, zeroAt: 0, fullAt: 3)
            .Build();

        var card = Scorer.Score(criteria, new ChecklistBuilder(criteria.Id).Number("B5", 1).Build());

        Assert.AreEqual(0.6666666667m, Math.Round(card.Item("B5").Points!.Value, 10));
        Assert.AreEqual(0.6666666667m, Math.Round(card.Total!.Value, 10));
    }

    [TestMethod]
    [DataRow(2.5, "考核项 B5：计数应为不小于0的整数，收到 2.5。", DisplayName = "count with a fraction")]
    [DataRow(-1.0, "考核项 B5：计数应为不小于0的整数，收到 -1。", DisplayName = "negative count")]
    public void Count_that_is_not_a_whole_number_at_least_zero_is_invalid(double count, string message)
    {
        var card = Demo.ScoreWith(ItemAnswer.WithNumber("B5", (decimal)count));

        Assert.AreEqual(ItemStatus.Invalid, card.Item("B5").Status);
        var problem = Assert.ContainsSingle(card.Problems);
        Assert.AreEqual("B5", problem.ItemId);
        Assert.AreEqual(message, problem.Message);
        Assert.IsNull(card.Total);
    }

    // ── wrong kind of value ─────────────────────────────────────────────────────────────────────

    [TestMethod]
    [DataRow("B2", "number", "考核项 B2：该项为“是/否”项，答案应为是或否。", DisplayName = "yes/no given a number")]
    [DataRow("B2", "level", "考核项 B2：该项为“是/否”项，答案应为是或否。", DisplayName = "yes/no given a level")]
    [DataRow("B3", "yes", "考核项 B3：该项为等级项，答案应为等级之一（A、B、C）。", DisplayName = "levels given yes")]
    [DataRow("B3", "number", "考核项 B3：该项为等级项，答案应为等级之一（A、B、C）。", DisplayName = "levels given a number")]
    [DataRow("A1", "yes", "考核项 A1：该项为扣分项，答案应为发现的问题数。", DisplayName = "deduction given yes")]
    [DataRow("A1", "level", "考核项 A1：该项为扣分项，答案应为发现的问题数。", DisplayName = "deduction given a level")]
    [DataRow("E4", "yes", "考核项 E4：该项为比率项，答案应为0到100之间的百分数。", DisplayName = "rate given yes")]
    [DataRow("B5", "level", "考核项 B5：该项为计数项，答案应为不小于0的整数。", DisplayName = "count given a level")]
    [DataRow("B2", "nothing", "考核项 B2：该项为“是/否”项，答案应为是或否。", DisplayName = "yes/no given no value at all")]
    [DataRow("A1", "nothing", "考核项 A1：该项为扣分项，答案应为发现的问题数。", DisplayName = "deduction given no value at all")]
    public void Wrong_kind_of_value_is_invalid_with_a_chinese_problem_naming_the_item(string itemId, string given, string message)
    {
        var answer = given switch
        {
            "number" => ItemAnswer.WithNumber(itemId, 1),
            "level" => ItemAnswer.AtLevel(itemId, "A"),
            "yes" => ItemAnswer.Yes(itemId),
            _ => new ItemAnswer { ItemId = itemId },
        };

        var card = Demo.ScoreWith(answer);

        Assert.AreEqual(ItemStatus.Invalid, card.Item(itemId).Status);
        Assert.IsNull(card.Item(itemId).Points);
        Assert.AreEqual(ReasonKind.Invalid, card.Item(itemId).Reason.Kind);
        var problem = Assert.ContainsSingle(card.Problems);
        Assert.AreEqual(itemId, problem.ItemId);
        Assert.AreEqual(message, problem.Message);
        Assert.IsNull(card.Total);
        Assert.IsNull(card.Grade);
    }

    [TestMethod]
    public void Answer_carrying_two_kinds_of_value_is_invalid()
    {
        // Both "met" and a number on a yes/no item: ambiguous, so not used.
        var card = Demo.ScoreWith(new ItemAnswer { ItemId = "B2", Met = true, Number = 1 });

        Assert.AreEqual(ItemStatus.Invalid, card.Item("B2").Status);
        Assert.AreEqual("B2", Assert.ContainsSingle(card.Problems).ItemId);
    }

    [TestMethod]
    public void Invalid_item_loses_no_points_and_leaves_its_dimension_unscored()
    {
        // An invalid answer is neither zero nor full: the item has no points, B has no score.
        var card = Demo.ScoreWith(ItemAnswer.AtLevel("B3", "D"));

        Assert.AreEqual(0m, card.Item("B3").PointsLost);
        Assert.IsNull(card.Dimension("B").Score);
        Assert.AreEqual(21m, card.Dimension("A").Score);
    }
}
