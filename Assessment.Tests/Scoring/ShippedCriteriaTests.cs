using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;

namespace Assessment.Tests.Scoring;

/// <summary>The criteria files the product ships: all valid, locked, and scoring their sample checklists.</summary>
[TestClass]
public sealed class ShippedCriteriaTests
{
    private static CatalogResult LoadShipped()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.CriteriaFolder, "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)));
        var lockPath = RepositoryPaths.Criteria("criteria.lock");
        return CriteriaCatalog.Load(files, File.ReadAllText(lockPath), "criteria.lock");
    }

    [TestMethod]
    public void Every_shipped_criteria_file_loads_without_error_and_is_locked()
    {
        var catalog = LoadShipped();

        Assert.IsEmpty(catalog.Errors, string.Join(Environment.NewLine, catalog.Errors));
        Assert.IsEmpty(catalog.Unlocked, "Run `criteria lock` and commit criteria.lock: " + string.Join(", ", catalog.Unlocked.Select(v => v.Id)));
        CollectionAssert.IsSubsetOf(new[] { "qh-demo-2021", "qh-demo-2022" }, catalog.Versions.Select(v => v.Id).ToArray());
    }

    [TestMethod]
    public void Every_shipped_version_has_five_dimensions_weighing_100_and_states_its_basis()
    {
        foreach (var version in LoadShipped().Versions)
        {
            Assert.AreEqual(100m, version.Dimensions.Sum(d => d.Weight), version.Id);
            CollectionAssert.AreEqual(new[] { "服务内容", "业务咨询", "硬件设施", "场所设置", "服务质量" }, version.Dimensions.Select(d => d.Name).ToArray(), version.Id);
            Assert.IsFalse(string.IsNullOrWhiteSpace(version.Basis), version.Id);
        }
    }

    [TestMethod]
    [DataRow("qh-demo-2021")]
    [DataRow("qh-demo-2022")]
    public void The_sample_checklist_of_each_version_scores_complete_with_an_explanation_for_every_item(string versionId)
    {
        var version = LoadShipped().Find(versionId)!;
        var checklist = ChecklistJson.Parse(File.ReadAllText(RepositoryPaths.Criteria($"samples/{versionId}.sample.json")), versionId);
        Assert.IsTrue(checklist.Succeeded, string.Join(Environment.NewLine, checklist.Errors));

        var scorecard = Scorer.Score(version, checklist.Checklist!);

        Assert.IsTrue(scorecard.IsComplete, string.Join(Environment.NewLine, scorecard.Problems.Select(p => p.Message).Concat(scorecard.Completeness.Unanswered)));
        Assert.AreEqual(scorecard.Dimensions.Sum(d => d.Score!.Value), scorecard.Total!.Value, 0.000001m);
        Assert.IsNotNull(scorecard.Grade);
        Assert.IsTrue(scorecard.Items.All(i => i.Explanation.Length > 0));
    }

    [TestMethod]
    public void The_2021_sample_scores_94_and_is_excellent()
    {
        // The sample's losses, item by item, are listed in its notes; the helper that wrote it computed 94.00.
        var version = LoadShipped().Find("qh-demo-2021")!;
        var checklist = ChecklistJson.Parse(File.ReadAllText(RepositoryPaths.Criteria("samples/qh-demo-2021.sample.json")), "sample").Checklist!;

        var scorecard = Scorer.Score(version, checklist);

        Assert.AreEqual(94m, Math.Round(scorecard.Total!.Value, 2));
        Assert.AreEqual("优秀", scorecard.Grade);
    }

    [TestMethod]
    public void The_diff_from_2021_to_2022_shows_the_reweighting_and_the_new_items()
    {
        var catalog = LoadShipped();

        var lines = CriteriaDiff.Compare(catalog.Find("qh-demo-2021")!, catalog.Find("qh-demo-2022")!).ToLines();

        CollectionAssert.Contains(lines.ToArray(), "调整维度权重 A：25分 → 23分");
        CollectionAssert.Contains(lines.ToArray(), "调整维度权重 C：25分 → 27分");
        Assert.IsTrue(lines.Any(l => l.StartsWith("新增考核项 C8", StringComparison.Ordinal)), string.Join(Environment.NewLine, lines));
    }
}
