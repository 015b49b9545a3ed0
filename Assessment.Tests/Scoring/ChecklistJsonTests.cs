using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;

namespace Assessment.Tests.Scoring;

[TestClass]
public sealed class ChecklistJsonTests
{
    [TestMethod]
    public void Every_value_kind_is_read_into_the_matching_answer_field()
    {
        const string json = """
            {
              "criteria": "qh-demo-2021",
              "answers": [
                {"item": "A1", "value": 1, "note": "未公布收费标准", "method": "查资料", "evidence": ["A1-办事指南.pdf"]},
                {"item": "B2", "value": true},
                {"item": "B3", "value": "B"},
                {"item": "D6", "na": true},
                {"item": "E4", "value": 92.5}
              ],
              "vetoes": [{"id": "V1", "note": "专家名单外泄"}]
            }
            """;

        var result = ChecklistJson.Parse(json, "sample.json");

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Errors));
        var answers = result.Checklist!.Answers.ToDictionary(a => a.ItemId);
        Assert.AreEqual(1m, answers["A1"].Number);
        Assert.AreEqual("未公布收费标准", answers["A1"].Note);
        Assert.AreEqual(InspectionMethod.CheckDocuments, answers["A1"].Method);
        CollectionAssert.AreEqual(new[] { "A1-办事指南.pdf" }, answers["A1"].Evidence.ToArray());
        Assert.IsTrue(answers["B2"].Met);
        Assert.AreEqual("B", answers["B3"].Level);
        Assert.IsTrue(answers["D6"].NotApplicable);
        Assert.AreEqual(92.5m, answers["E4"].Number);
        Assert.AreEqual("V1", result.Checklist.Vetoes.Single().VetoId);
    }

    [TestMethod]
    public void Problems_name_the_json_path_and_item_and_all_are_reported()
    {
        const string json = """
            {
              "answers": [
                {"item": "A1", "value": [1]},
                {"item": "B2", "value": true, "method": "打电话"},
                {"value": true}
              ]
            }
            """;

        var result = ChecklistJson.Parse(json, "bad.json");

        Assert.IsFalse(result.Succeeded);
        Assert.HasCount(4, result.Errors);
        Assert.IsTrue(result.Errors.Any(e => e.Contains("$.criteria", StringComparison.Ordinal)));
        Assert.IsTrue(result.Errors.Any(e => e.Contains("$.answers[0].value（A1）", StringComparison.Ordinal)));
        Assert.IsTrue(result.Errors.Any(e => e.Contains("$.answers[1].method（B2）", StringComparison.Ordinal) && e.Contains("打电话", StringComparison.Ordinal)));
        Assert.IsTrue(result.Errors.Any(e => e.Contains("$.answers[2].item", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Malformed_json_is_reported_with_its_line()
    {
        var result = ChecklistJson.Parse("{\n\"criteria\": \"x\",\n\"answers\": [ }", "broken.json");

        Assert.IsFalse(result.Succeeded);
        StringAssert.Contains(result.Errors.Single(), "broken.json: 第3行");
    }

    [TestMethod]
    public void A_written_checklist_reads_back_the_same()
    {
        var checklist = new ChecklistBuilder("qh-demo-2022")
            .Add(ItemAnswer.WithNumber("A1", 2) with { Note = "缺两项", Method = InspectionMethod.SeeSite, Evidence = ["照片1.jpg"] })
            .Yes("B2").Level("B3", "A").NotApplicable("D6").Number("E4", 96.5m)
            .Veto("V2", "干预交易")
            .Build();

        var read = ChecklistJson.Parse(ChecklistJson.Write(checklist), "roundtrip.json");

        Assert.IsTrue(read.Succeeded, string.Join("\n", read.Errors));
        Assert.AreEqual(checklist.CriteriaId, read.Checklist!.CriteriaId);
        for (var i = 0; i < checklist.Answers.Count; i++)
        {
            var expected = checklist.Answers[i];
            var actual = read.Checklist.Answers[i];
            Assert.AreEqual(expected with { Evidence = [] }, actual with { Evidence = [] });
            CollectionAssert.AreEqual(expected.Evidence.ToArray(), actual.Evidence.ToArray());
        }

        Assert.AreEqual(checklist.Vetoes.Single(), read.Checklist.Vetoes.Single());
    }
}
