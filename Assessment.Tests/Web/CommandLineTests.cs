using System.Text.Json;
using Assessment.Web.Cli;

namespace Assessment.Tests.Web;

[TestClass]
public sealed class CommandLineTests
{
    public TestContext TestContext { get; set; } = null!;

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CommandLine.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "assessment-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        TestContext.WriteLine(folder);
        return folder;
    }

    [TestMethod]
    public void Validate_accepts_the_shipped_criteria_and_summarizes_each_version()
    {
        var (exit, output, error) = Run("criteria", "validate", RepositoryPaths.CriteriaFolder);

        Assert.AreEqual(CommandLine.Ok, exit, error);
        StringAssert.Contains(output, "qh-demo-2021");
        StringAssert.Contains(output, "(locked)");
        StringAssert.Contains(output, "2 version(s) valid.");
    }

    [TestMethod]
    public void Validate_lists_every_error_with_file_line_and_item_and_fails()
    {
        var folder = TempFolder();
        var yaml = File.ReadAllText(RepositoryPaths.Criteria("qh-demo-2021.yaml"))
            .Replace("{code: B, name: 业务咨询, weight: 10}", "{code: B, name: 业务咨询, weight: 15}", StringComparison.Ordinal)
            .Replace("kind: yes_no", "kind: maybe", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "broken.yaml"), yaml);

        var (exit, _, error) = Run("criteria", "validate", folder);

        Assert.AreEqual(CommandLine.Failed, exit);
        StringAssert.Contains(error, "broken.yaml:");
        StringAssert.Contains(error, "100");
        StringAssert.Contains(error, "maybe");
        StringAssert.Contains(error, "B2");
    }

    [TestMethod]
    public void Validate_rejects_a_locked_version_whose_content_changed()
    {
        var folder = TempFolder();
        File.Copy(RepositoryPaths.Criteria("criteria.lock"), Path.Combine(folder, "criteria.lock"));
        var yaml = File.ReadAllText(RepositoryPaths.Criteria("qh-demo-2021.yaml"))
            .Replace("title: 设置咨询服务台并有专人值守", "title: 设置咨询服务台", StringComparison.Ordinal);
        Assert.AreNotEqual(File.ReadAllText(RepositoryPaths.Criteria("qh-demo-2021.yaml")), yaml, "the edit must hit the file");
        File.WriteAllText(Path.Combine(folder, "qh-demo-2021.yaml"), yaml);
        File.Copy(RepositoryPaths.Criteria("qh-demo-2022.yaml"), Path.Combine(folder, "qh-demo-2022.yaml"));

        var (exit, _, error) = Run("criteria", "validate", folder);

        Assert.AreEqual(CommandLine.Failed, exit);
        StringAssert.Contains(error, "qh-demo-2021");
    }

    [TestMethod]
    public void Lock_adds_new_versions_and_leaves_locked_ones_alone()
    {
        var folder = TempFolder();
        File.Copy(RepositoryPaths.Criteria("qh-demo-2021.yaml"), Path.Combine(folder, "qh-demo-2021.yaml"));

        var first = Run("criteria", "lock", folder);
        var second = Run("criteria", "lock", folder);

        Assert.AreEqual(CommandLine.Ok, first.Exit, first.Error);
        StringAssert.Contains(first.Output, "locked qh-demo-2021 sha256:");
        StringAssert.Contains(second.Output, "already locked");
        StringAssert.Contains(File.ReadAllText(Path.Combine(folder, "criteria.lock")), "qh-demo-2021 sha256:");
    }

    [TestMethod]
    public void Diff_of_two_files_lists_the_changes()
    {
        var (exit, output, error) = Run("criteria", "diff", RepositoryPaths.Criteria("qh-demo-2021.yaml"), RepositoryPaths.Criteria("qh-demo-2022.yaml"));

        Assert.AreEqual(CommandLine.Ok, exit, error);
        StringAssert.Contains(output, "qh-demo-2021 → qh-demo-2022");
        StringAssert.Contains(output, "调整维度权重 C：25分 → 27分");
    }

    [TestMethod]
    public void Score_prints_the_scorecard_as_json_with_total_grade_and_explanations()
    {
        var (exit, output, error) = Run("score", "--criteria", RepositoryPaths.Criteria("qh-demo-2021.yaml"),
            "--checklist", RepositoryPaths.Criteria("samples/qh-demo-2021.sample.json"));

        Assert.AreEqual(CommandLine.Ok, exit, error);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual(94m, Math.Round(json.RootElement.GetProperty("total").GetDecimal(), 2));
        Assert.AreEqual("优秀", json.RootElement.GetProperty("grade").GetString());
        var first = json.RootElement.GetProperty("items")[0];
        Assert.AreEqual("A1", first.GetProperty("itemId").GetString());
        Assert.IsFalse(string.IsNullOrEmpty(first.GetProperty("explanation").GetString()));
    }

    [TestMethod]
    public void Score_of_an_incomplete_checklist_prints_what_is_missing_and_fails_without_a_total()
    {
        var checklist = Path.Combine(TempFolder(), "partial.json");
        File.WriteAllText(checklist, """{"criteria": "qh-demo-2021", "answers": [{"item": "B2", "value": true}]}""");

        var (exit, output, error) = Run("score", "--criteria", RepositoryPaths.Criteria("qh-demo-2021.yaml"), "--checklist", checklist);

        Assert.AreEqual(CommandLine.Failed, exit);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual(JsonValueKind.Null, json.RootElement.GetProperty("total").ValueKind);
        Assert.AreEqual(35, json.RootElement.GetProperty("completeness").GetProperty("unanswered").GetArrayLength());
        StringAssert.Contains(error, "35 unanswered");
    }

    [TestMethod]
    [DataRow("score", "--criteria")]
    [DataRow("score", "--checklist", "x.json")]
    [DataRow("criteria", "diff", "only-one")]
    [DataRow("criteria", "frobnicate")]
    [DataRow("score", "--criteria", "a.yaml", "--checklist", "b.json", "--extra")]
    public void Bad_arguments_print_usage_and_exit_2(params string[] args)
    {
        var (exit, _, error) = Run(args);

        Assert.AreEqual(CommandLine.Usage, exit);
        StringAssert.Contains(error, "Usage:");
    }
}
