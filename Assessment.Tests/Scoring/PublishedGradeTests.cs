using Assessment.Scoring.Scoring;

namespace Assessment.Tests.Scoring;

[TestClass]
public sealed class PublishedGradeTests
{
    [TestMethod]
    public void A_total_published_as_90_00_is_graded_excellent_like_the_ranking_shows_it()
    {
        // One 100-point linear item: 89,996 of 100,000 → 100 × 0.89996 = 89.996, published as 90.00.
        var criteria = new CriteriaBuilder().Dimension("A", "服务内容", 100).Linear("A1", "A", 100, 0, 100_000).Build();
        var checklist = new ChecklistBuilder(criteria.Id).Number("A1", 89_996).Build();

        var scorecard = Scorer.Score(criteria, checklist);

        Assert.AreEqual(89.996m, scorecard.Total);
        Assert.AreEqual("优秀", scorecard.Grade);
    }

    [TestMethod]
    public void A_total_published_as_89_99_stays_good()
    {
        // 89,994 of 100,000 → 89.994, published as 89.99.
        var criteria = new CriteriaBuilder().Dimension("A", "服务内容", 100).Linear("A1", "A", 100, 0, 100_000).Build();
        var checklist = new ChecklistBuilder(criteria.Id).Number("A1", 89_994).Build();

        Assert.AreEqual("良好", Scorer.Score(criteria, checklist).Grade);
    }
}
