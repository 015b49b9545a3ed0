using Assessment.Scoring.Criteria;
using Assessment.Web.Demo;

namespace Assessment.Tests.Web;

/// <summary>The demo's profiles are turned into answers strictly: a finding that does not fit its item is a mistake, not a quiet zero.</summary>
[TestClass]
public sealed class DemoProfileTests
{
    private static CriteriaVersion Criteria2021 => DemoHost.Criteria.Find("qh-demo-2021")!;

    [TestMethod]
    public void Items_without_a_finding_are_answered_fully_met_with_the_first_listed_method()
    {
        var answers = ChecklistComposer.Compose(Criteria2021, []);

        Assert.HasCount(Criteria2021.Items.Count, answers);
        var card = Assessment.Scoring.Scoring.Scorer.Score(Criteria2021, new() { CriteriaId = Criteria2021.Id, Answers = answers.Select(a => a.ToItemAnswer()).ToArray() });
        Assert.AreEqual(100m, card.Total);
        Assert.AreEqual(Criteria2021.FindItem("E4")!.Methods[0], answers.Single(a => a.ItemId == "E4").Method);
        Assert.AreEqual(97.5m, answers.Single(a => a.ItemId == "E4").Number, "a full satisfaction rate, not a perfect 100");
    }

    [TestMethod]
    public void A_draft_answers_only_the_items_asked_for()
    {
        var answers = ChecklistComposer.Compose(Criteria2021, [], item => item.DimensionCode == "B");

        CollectionAssert.AreEqual(new[] { "B1", "B2", "B3", "B4", "B5" }, answers.Select(a => a.ItemId).ToArray());
    }

    [TestMethod]
    [DataRow("Z9", "no such item")]
    [DataRow("B2", "does not fit")]       // yes/no item given a defect count
    [DataRow("C7", "more defects")]       // six listed defects, seven found
    [DataRow("E4", "does not list the method")]
    [DataRow("A1", "not applicable")]     // A1 does not allow N/A
    [DataRow("C3", "no such level")]
    public void A_finding_that_does_not_fit_its_item_is_refused(string itemId, string problem)
    {
        Finding finding = problem switch
        {
            "no such item" => Finding.Defects(itemId, 1, "…", InspectionMethod.SeeSite),
            "does not fit" => Finding.Defects(itemId, 1, "…", InspectionMethod.SeeSite),
            "more defects" => Finding.Defects(itemId, 7, "…", InspectionMethod.SeeSite),
            "does not list the method" => Finding.Measured(itemId, 90, "…", InspectionMethod.SeeSite),
            "not applicable" => Finding.NotApplicable(itemId, "…", InspectionMethod.CheckDocuments),
            _ => Finding.AtLevel(itemId, "X", "…", InspectionMethod.SystemCheck),
        };

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => ChecklistComposer.Compose(Criteria2021, [finding]));

        StringAssert.Contains(error.Message, itemId);
    }

    [TestMethod]
    public void Every_2021_profile_answers_every_item_and_cites_only_methods_the_item_lists()
    {
        foreach (var plan in Profiles2021.All)
        {
            foreach (var findings in new[] { plan.SelfAssessment, plan.Inspection })
            {
                var answers = ChecklistComposer.Compose(Criteria2021, findings);
                Assert.HasCount(Criteria2021.Items.Count, answers, plan.CenterCode);
                Assert.IsTrue(answers.All(a => Criteria2021.FindItem(a.ItemId)!.Methods.Contains(a.Method!.Value)), plan.CenterCode);
            }
        }

        CollectionAssert.AreEquivalent(DemoData.Centers.Select(c => c.Code).ToArray(), Profiles2021.All.Select(p => p.CenterCode).ToArray());
        CollectionAssert.AreEquivalent(DemoData.Centers.Select(c => c.Code).ToArray(), Profiles2022.All.Select(p => p.CenterCode).ToArray());
    }
}
