using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;

namespace Assessment.Tests.Scoring;

/// <summary>The bureau copies from criteria/README.md: its complete example must load, and its worked numbers must hold.</summary>
[TestClass]
public sealed class CriteriaReadmeTests
{
    [TestMethod]
    public void Complete_example_in_the_criteria_readme_is_valid()
    {
        var result = CriteriaParser.Parse(CompleteExample(), "criteria/README.md");

        Assert.IsEmpty(result.Errors, string.Join("\n", result.Errors));
        var version = result.Version!;
        Assert.AreEqual("example-2021", version.Id);
        Assert.AreEqual("A B C D E", string.Join(' ', version.Dimensions.Select(d => d.Code)));
        Assert.AreEqual("V4", version.Vetoes.Single(v => v.LinkedItemId == "C6").Id);
    }

    [TestMethod]
    public void Band_and_linear_examples_in_the_criteria_readme_match_the_scorer()
    {
        var version = ExampleVersion();

        Assert.AreEqual(5m, Scorer.ScoreItem(version.FindItem("E4")!, ItemAnswer.WithNumber("E4", 92m)).Points);
        Assert.AreEqual(0m, Scorer.ScoreItem(version.FindItem("E4")!, ItemAnswer.WithNumber("E4", 84m)).Points);
        Assert.AreEqual(7.5m, Scorer.ScoreItem(version.FindItem("C3")!, ItemAnswer.WithNumber("C3", 90m)).Points);
    }

    [TestMethod]
    public void Not_applicable_example_in_the_criteria_readme_matches_the_scorer()
    {
        var version = ExampleVersion();
        var checklist = new ChecklistBuilder(version.Id)
            .Number("A1", 0).Yes("A4").Number("A5", 95)
            .Yes("B2").Level("B3", "A").Number("B5", 4)
            .Number("C1", 0).Number("C3", 100).Yes("C6")
            .Number("D1", 1).Yes("D3").NotApplicable("D6")
            .Level("E2", "A").Number("E4", 95).Number("E6", 100)
            .Build();

        var scorecard = Scorer.Score(version, checklist);

        Assert.AreEqual(18.125m, scorecard.Dimensions.Single(d => d.Code == "D").Score);
    }

    private static CriteriaVersion ExampleVersion() => CriteriaParser.Parse(CompleteExample(), "criteria/README.md").Version!;

    /// <summary>The first yaml block after the "A complete example" heading.</summary>
    private static string CompleteExample()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "criteria-README.md"));
        var section = readme.IndexOf("## A complete example", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, section, "The README lost its complete example.");
        var start = readme.IndexOf("```yaml\n", section, StringComparison.Ordinal) + "```yaml\n".Length;
        var end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        return readme[start..end] + "\n";
    }
}
