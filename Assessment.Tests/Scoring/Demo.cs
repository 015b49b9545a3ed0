using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;

namespace Assessment.Tests.Scoring;

/// <summary>
/// A small criteria version shaped like the real one (domain README §2): the five dimensions with their
/// weights 25/10/25/20/20, every item kind, an N/A-able item (D6) and a veto linked to an item (V4 → C6).
/// Dimension D is exactly the catalogue's 场所设置: 4+3+4+2+3+2+2 = 20.
/// </summary>
internal static class Demo
{
    public const string Id = "qh-test-2021";

    public static CriteriaVersion Criteria { get; } = new CriteriaBuilder()
        .WithId(Id)
        .Dimension("A", "服务内容", 25)
        .Dimension("B", "业务咨询", 10)
        .Dimension("C", "硬件设施", 25)
        .Dimension("D", "场所设置", 20)
        .Dimension("E", "服务质量", 20)
        // A: 3 + 10 + 12 = 25
        .Deduction("A1", "A", 3, perDefect: 0.5m, listed: 6)
        .YesNo("A2", "A", 10)
        .Levels("A3", "A", 12, ("A", 12), ("B", 9), ("C", 6), ("D", 0))
        // B: 2 + 2 + 2 + 2 + 2 = 10
        .Deduction("B1", "B", 2, perDefect: 0.5m, listed: 4)
        .YesNo("B2", "B", 2)
        .Item("B3", "B", 2, new LevelsRule([new Level("A", "全部落实", 2), new Level("B", "基本落实", 1.2m), new Level("C", "未落实", 0)]))
        .YesNo("B4", "B", 2)
        .Linear("B5", "B", 2, zeroAt: 0, fullAt: 4)
        // C: 5 + 5 + 3 + 12 = 25
        .Deduction("C1", "C", 5, perDefect: 1) // no defect list: any whole count is allowed
        .Linear("C3", "C", 5, zeroAt: 50, fullAt: 100, TargetMeasure.Rate)
        .YesNo("C6", "C", 3)
        .YesNo("C9", "C", 12)
        // D: 4 + 3 + 4 + 2 + 3 + 2 + 2 = 20
        .Deduction("D1", "D", 4, perDefect: 1, listed: 6)
        .Levels("D2", "D", 3, ("A", 3), ("B", 2), ("C", 1), ("D", 0))
        .YesNo("D3", "D", 4)
        .YesNo("D4", "D", 2)
        .Deduction("D5", "D", 3, perDefect: 1, listed: 3)
        .YesNo("D6", "D", 2, naAllowed: true)
        .YesNo("D7", "D", 2)
        // E: 14 + 3 + 3 = 20; bands listed highest first, as the loader stores them
        .YesNo("E1", "E", 14)
        .Bands("E4", "E", 3, (95, 3), (90, 2), (85, 1))
        .Bands("E6", "E", 3, (100, 3), (90, 2), (80, 1))
        .Veto("V1")
        .Veto("V4", linkedItem: "C6")
        .Build();

    /// <summary>
    /// A plausible complete inspection. Points, hand-computed:
    /// A: A1 3 − 2×0.5 = 2; A2 10; A3 level B 9                     → 2 + 10 + 9 = 21 (of 25, no N/A: score 21)
    /// B: B1 2 − 1×0.5 = 1.5; B2 2; B3 level B 1.2; B4 2; B5 2×3/4 = 1.5 → 1.5 + 2 + 1.2 + 2 + 1.5 = 8.2 (of 10)
    /// C: C1 5 − 2×1 = 3; C3 5×(80−50)/(100−50) = 3; C6 3; C9 12     → 3 + 3 + 3 + 12 = 21 (of 25)
    /// D: D1 4 − 1 = 3; D2 level B 2; D3 4; D4 2; D5 3 − 1 = 2; D6 N/A; D7 2
    ///    → earned 3 + 2 + 4 + 2 + 2 + 2 = 15 of applicable 20 − 2 = 18 → 20 × 15/18 = 50/3 = 16.666…
    /// E: E1 14; E4 92.5 % reaches the 90 band 2; E6 100 % reaches the 100 band 3 → 19 (of 20)
    /// Total 21 + 8.2 + 21 + 50/3 + 19 = 69.2 + 16.666… = 85.8666… → 良好.
    /// </summary>
    public static readonly IReadOnlyList<ItemAnswer> TypicalAnswers =
    [
        ItemAnswer.WithNumber("A1", 2),
        ItemAnswer.Yes("A2"),
        ItemAnswer.AtLevel("A3", "B"),
        ItemAnswer.WithNumber("B1", 1),
        ItemAnswer.Yes("B2"),
        ItemAnswer.AtLevel("B3", "B"),
        ItemAnswer.Yes("B4"),
        ItemAnswer.WithNumber("B5", 3),
        ItemAnswer.WithNumber("C1", 2),
        ItemAnswer.WithNumber("C3", 80),
        ItemAnswer.Yes("C6"),
        ItemAnswer.Yes("C9"),
        ItemAnswer.WithNumber("D1", 1),
        ItemAnswer.AtLevel("D2", "B"),
        ItemAnswer.Yes("D3"),
        ItemAnswer.Yes("D4"),
        ItemAnswer.WithNumber("D5", 1),
        ItemAnswer.NotApplicableFor("D6"),
        ItemAnswer.Yes("D7"),
        ItemAnswer.Yes("E1"),
        ItemAnswer.WithNumber("E4", 92.5m),
        ItemAnswer.WithNumber("E6", 100),
    ];

    /// <summary>The typical inspection without the answers to <paramref name="without"/>, so a test can give its own.</summary>
    public static ChecklistBuilder Typical(params string[] without)
    {
        var checklist = new ChecklistBuilder(Id);
        foreach (var answer in TypicalAnswers)
        {
            if (!without.Contains(answer.ItemId))
            {
                checklist.Add(answer);
            }
        }

        return checklist;
    }

    /// <summary>The typical inspection with <paramref name="answer"/> replacing the typical answer to its item.</summary>
    public static Scorecard ScoreWith(ItemAnswer answer) =>
        Scorer.Score(Criteria, Typical(answer.ItemId).Add(answer).Build());

    /// <summary>The scored item for <paramref name="answer"/>, inside an otherwise typical inspection.</summary>
    public static ItemScore ItemFor(ItemAnswer answer) => ScoreWith(answer).Item(answer.ItemId);
}
