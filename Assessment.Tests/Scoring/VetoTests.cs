using Assessment.Scoring.Checklists;
using Assessment.Scoring.Scoring;

namespace Assessment.Tests.Scoring;

/// <summary>
/// 一票否决: triggered by the inspector (the checklist's vetoes) or when the linked item earns 0 points.
/// Demo has V1 (no item) and V4 linked to C6 (3-point yes/no).
/// </summary>
[TestClass]
public sealed class VetoTests
{
    [TestMethod]
    public void Typical_inspection_triggers_no_veto()
    {
        var card = Scorer.Score(Demo.Criteria, Demo.Typical().Build());

        Assert.IsEmpty(card.Vetoes);
        Assert.IsFalse(card.IsVetoed);
    }

    [TestMethod]
    public void Inspector_can_trigger_a_veto_with_a_note()
    {
        var card = Scorer.Score(Demo.Criteria, Demo.Typical().Veto("V1", "开标前向投标人透露评标专家名单").Build());

        var veto = Assert.ContainsSingle(card.Vetoes);
        Assert.AreEqual("V1", veto.VetoId);
        Assert.AreEqual("否决项V1", veto.Title);
        Assert.AreEqual("开标前向投标人透露评标专家名单", veto.Reason);
        Assert.IsTrue(card.IsVetoed);
    }

    [TestMethod]
    public void Inspector_veto_without_a_note_reads_as_found_by_the_team()
    {
        var card = Scorer.Score(Demo.Criteria, Demo.Typical().Veto("V1").Build());

        Assert.AreEqual("考核组认定。", Assert.ContainsSingle(card.Vetoes).Reason);
    }

    [TestMethod]
    public void Veto_does_not_change_the_score()
    {
        // A veto bars 示范 status; the total stays 85.8666… (see Demo) and the grade 良好.
        var card = Scorer.Score(Demo.Criteria, Demo.Typical().Veto("V1").Build());

        Assert.AreEqual(85.8666666667m, Math.Round(card.Total!.Value, 10));
        Assert.AreEqual("良好", card.Grade);
        Assert.IsTrue(card.IsComplete);
    }

    [TestMethod]
    public void Linked_item_earning_zero_triggers_its_veto()
    {
        // C6 not met → 0 points → V4.
        var card = Demo.ScoreWith(ItemAnswer.No("C6"));

        var veto = Assert.ContainsSingle(card.Vetoes);
        Assert.AreEqual("V4", veto.VetoId);
        Assert.AreEqual("考核项 C6 得0分。", veto.Reason);
    }

    [TestMethod]
    public void Linked_item_with_points_does_not_trigger_its_veto()
    {
        // C6 met → 3 points → no veto.
        var card = Demo.ScoreWith(ItemAnswer.Yes("C6"));

        Assert.IsEmpty(card.Vetoes);
    }

    [TestMethod]
    public void Linked_deduction_item_triggers_only_when_it_reaches_zero()
    {
        // Veto linked to C1 (5 points, −1 per room): 4 rooms → 5 − 4 = 1 point, no veto;
        // 5 rooms → 5 − 5 = 0, veto; 8 rooms → 5 − 8 → floor 0, veto.
        var criteria = new CriteriaBuilder()
            .Dimension("C", "硬件设施", 5)
            .Deduction("C1", "C", 5, perDefect: 1)
            .Veto("V4", linkedItem: "C1")
            .Build();

        IReadOnlyList<TriggeredVeto> VetoesFor(int rooms) =>
            Scorer.Score(criteria, new ChecklistBuilder(criteria.Id).Number("C1", rooms).Build()).Vetoes;

        Assert.IsEmpty(VetoesFor(4));
        Assert.AreEqual("V4", Assert.ContainsSingle(VetoesFor(5)).VetoId);
        Assert.AreEqual("V4", Assert.ContainsSingle(VetoesFor(8)).VetoId);
    }

    [TestMethod]
    public void Linked_item_not_yet_answered_does_not_trigger_its_veto()
    {
        // Unanswered is not zero.
        var card = Scorer.Score(Demo.Criteria, Demo.Typical("C6").Build());

        Assert.IsEmpty(card.Vetoes);
    }

    [TestMethod]
    public void Linked_item_not_applicable_does_not_trigger_its_veto()
    {
        var criteria = new CriteriaBuilder()
            .Dimension("D", "场所设置", 4)
            .YesNo("D3", "D", 2)
            .YesNo("D6", "D", 2, naAllowed: true)
            .Veto("V5", linkedItem: "D6")
            .Build();

        var card = Scorer.Score(criteria, new ChecklistBuilder(criteria.Id).Yes("D3").NotApplicable("D6").Build());

        Assert.IsEmpty(card.Vetoes);
    }

    [TestMethod]
    public void Veto_found_by_the_inspector_and_by_its_item_is_listed_once()
    {
        var card = Scorer.Score(Demo.Criteria, Demo.Typical("C6").No("C6").Veto("V4", "等级保护备案过期").Build());

        var veto = Assert.ContainsSingle(card.Vetoes);
        Assert.AreEqual("V4", veto.VetoId);
        Assert.AreEqual("等级保护备案过期", veto.Reason);
    }

    [TestMethod]
    public void Unknown_veto_id_is_a_problem_and_leaves_no_total()
    {
        var card = Scorer.Score(Demo.Criteria, Demo.Typical().Veto("V9").Build());

        var problem = Assert.ContainsSingle(card.Problems);
        Assert.AreEqual("V9", problem.ItemId);
        Assert.AreEqual("考核标准“qh-test-2021”中没有否决项 V9。", problem.Message);
        Assert.IsEmpty(card.Vetoes);
        Assert.IsNull(card.Total);
        Assert.IsFalse(card.IsComplete);
    }
}
