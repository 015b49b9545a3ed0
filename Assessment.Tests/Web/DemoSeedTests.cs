using Assessment.Scoring.Criteria;
using Assessment.Scoring.Cycles;
using Assessment.Web.Demo;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web;

/// <summary>
/// The demo's content and the ways it gets into a database: the 2021 results the engine computes, 2022 in
/// progress, first-run seeding of the embedded database, refusal of a database with other data, atomicity,
/// the publishing hook and the documented accounts. One seeded SQLite file for the read-only tests; the
/// others get files of their own.
/// </summary>
[TestClass]
public sealed class DemoSeedTests
{
    private static string sharedFolder = "";
    private static DemoHost? seeded;
    private string folder = "";

    private static DemoHost Seeded => seeded!;

    [ClassInitialize]
    public static async Task SeedSharedAsync(TestContext context)
    {
        sharedFolder = Directory.CreateTempSubdirectory("assessment-demo-shared-").FullName;
        seeded = DemoHost.Over(TestDatabase.SqliteInDataFolder(sharedFolder));
        var (exit, output) = await seeded.RunAsync(["seed", "demo"]);
        Assert.AreEqual(0, exit, output);
    }

    [ClassCleanup]
    public static async Task DeleteSharedAsync()
    {
        if (seeded is not null)
        {
            await seeded.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(sharedFolder, recursive: true);
    }

    [TestInitialize]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("assessment-demo-").FullName;

    [TestCleanup]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public async Task The_2021_results_tell_the_story_of_the_circular()
    {
        var analysis = await Analyze2021Async();
        var decisions = analysis.Demonstration.Decisions.ToDictionary(d => DemoCycleReader.Short(d.Name));
        var rankings = analysis.Rankings.ToDictionary(r => DemoCycleReader.Short(r.Name));

        // 海东市 scores above 90 and above 格尔木市, but its hardware misses 80 % of the dimension's weight.
        Assert.IsGreaterThan(90m, rankings["海东市"].PublishedTotal);
        Assert.IsGreaterThan(rankings["格尔木市"].PublishedTotal, rankings["海东市"].PublishedTotal);
        Assert.AreEqual(DemonstrationOutcome.NotEligible, decisions["海东市"].Outcome);
        Assert.IsTrue(decisions["海东市"].Reasons.Any(r => r.StartsWith("硬件设施得分", StringComparison.Ordinal)), string.Join("；", decisions["海东市"].Reasons));

        // 海西州 meets every condition, but the quota of two is filled by higher totals.
        Assert.AreEqual(DemonstrationOutcome.OutsideQuota, decisions["海西州"].Outcome);

        // Every grade but the lowest occurs; no center is vetoed.
        CollectionAssert.AreEquivalent(new[] { "优秀", "良好", "合格" }, analysis.Rankings.Select(r => r.Grade).Distinct().ToArray());
        Assert.IsTrue(analysis.Rankings.All(r => r.Vetoes.Count == 0));

        // The two centers that rated themselves far above the inspection are flagged for re-check.
        CollectionAssert.AreEquivalent(
            new[] { "海南州", "玉树州" },
            analysis.SelfAssessments.Where(s => s.NeedsRecheck).Select(s => DemoCycleReader.Short(s.Name)).ToArray());
        Assert.HasCount(8, analysis.SelfAssessments);
    }

    [TestMethod]
    public async Task The_seed_summary_prints_the_engines_ranking_and_demonstration_centers()
    {
        await using var host = DemoHost.Over(TestDatabase.SqliteInDataFolder(folder));

        var (exit, output) = await host.RunAsync(["seed", "demo"]);

        Assert.AreEqual(0, exit, output);
        StringAssert.Contains(output, "示范公共资源交易中心：海北州公共资源交易中心、格尔木市公共资源交易中心");
        StringAssert.Contains(output, "需复核：海南州公共资源交易中心");
        StringAssert.Contains(output, "可以发布");
    }

    [TestMethod]
    public async Task The_2021_inspection_notes_draw_on_the_problems_the_circular_lists()
    {
        await using var scope = Seeded.Open();
        var notes = await scope.Db.Answers.Where(a => a.Note != null).Select(a => a.Note!).ToListAsync();
        foreach (var problem in new[] { "无单独的监控室", "无评标专家专用通道", "无单独专家公寓", "无主备模式", "无消防器材", "无应急照明灯", "全流程电子化业务流程不熟练" })
        {
            Assert.IsTrue(notes.Any(n => n.Contains(problem, StringComparison.Ordinal)), problem);
        }

        var methods = await scope.Db.Answers.Select(a => a.Method).Distinct().ToListAsync();
        foreach (var method in new[] { InspectionMethod.HearReport, InspectionMethod.CheckDocuments, InspectionMethod.SeeSite, InspectionMethod.Forum })
        {
            CollectionAssert.Contains(methods, method);
        }
    }

    [TestMethod]
    public async Task The_2021_cycle_is_left_under_review_ready_to_publish_with_no_results_stored()
    {
        await using var scope = Seeded.Open();
        var cycle = await scope.Db.Cycles.SingleAsync(c => c.Year == 2021);

        Assert.AreEqual(CycleStatus.UnderReview, cycle.Status);
        Assert.IsNull(cycle.PublishedAt);
        Assert.AreEqual(0, await scope.Db.CycleResults.CountAsync());
        Assert.IsTrue(await scope.Db.Assessments.Where(a => a.CycleId == cycle.Id).AllAsync(a => a.Status == AssessmentStatus.Finalized));
    }

    [TestMethod]
    public async Task The_2022_cycle_is_open_with_submitted_and_draft_work_and_nothing_finalized()
    {
        var criteria = DemoHost.Criteria.Find("qh-demo-2022")!;
        await using var scope = Seeded.Open();
        var (cycle, assessments) = await DemoCycleReader.LoadAsync(scope.Db, 2022);

        Assert.AreEqual(CycleStatus.Open, cycle.Status);
        Assert.HasCount(16, assessments);
        Assert.IsFalse(assessments.Any(a => a.Status == AssessmentStatus.Finalized || a.Scorecard is not null));

        var selfAssessments = assessments.Where(a => a.Kind == AssessmentKind.SelfAssessment).ToList();
        var submitted = selfAssessments.Where(a => a.Status == AssessmentStatus.Submitted).ToList();
        var drafts = selfAssessments.Where(a => a.Status == AssessmentStatus.Draft).ToList();
        Assert.IsNotEmpty(submitted);
        Assert.IsNotEmpty(drafts);
        Assert.IsTrue(submitted.All(a => a.SubmittedAt is not null && DemoCycleReader.Rescore(criteria, a).IsComplete), "submitted self-assessments are complete");
        Assert.IsTrue(drafts.All(a => !DemoCycleReader.Rescore(criteria, a).IsComplete), "drafts still have items to answer");
        Assert.IsTrue(drafts.Any(a => a.Answers.Count > 0), "some drafts are under way");

        // 海北州's staff see their submitted self-assessment, 西宁市's staff have a draft to finish.
        Assert.AreEqual(AssessmentStatus.Submitted, selfAssessments.Single(a => a.Center!.Code == "QH-HB").Status);
        Assert.AreEqual(AssessmentStatus.Draft, selfAssessments.Single(a => a.Center!.Code == "QH-XN").Status);

        // Every inspection is a draft with its team assigned; both demo inspectors have work.
        var inspections = assessments.Where(a => a.Kind == AssessmentKind.Inspection).ToList();
        Assert.IsTrue(inspections.All(a => a.Status == AssessmentStatus.Draft && a.Inspectors.Count > 0));
        CollectionAssert.AreEquivalent(
            new[] { "inspector.li", "inspector.wang" },
            inspections.SelectMany(a => a.Inspectors).Select(u => u.UserName).Distinct().ToArray());
        Assert.IsTrue(inspections.Any(a => a.Answers.Count > 0), "an inspection team has started");
    }

    [TestMethod]
    public async Task Both_criteria_versions_are_stored_with_the_yaml_text_that_has_their_hash()
    {
        await using var scope = Seeded.Open();
        var stored = await scope.Db.CriteriaVersions.OrderBy(v => v.Id).ToListAsync();

        CollectionAssert.AreEqual(new[] { "qh-demo-2021", "qh-demo-2022" }, stored.Select(v => v.Id).ToArray());
        foreach (var version in stored)
        {
            var parsed = CriteriaParser.Parse(version.SourceYaml, version.Id).Version;
            Assert.IsNotNull(parsed, version.Id);
            Assert.AreEqual(DemoHost.Criteria.Find(version.Id)!.ContentHash, version.ContentHash);
            Assert.AreEqual(version.ContentHash, parsed.ContentHash);
            Assert.AreEqual(parsed.Title, version.Title);
        }
    }

    [TestMethod]
    public async Task Regions_form_the_Qinghai_tree_with_Golmud_under_Haixi()
    {
        await using var scope = Seeded.Open();
        var regions = await scope.Db.Regions.ToDictionaryAsync(r => r.Code);
        var golmud = await scope.Db.Centers.Include(c => c.Region).SingleAsync(c => c.Code == "QH-GEM");

        Assert.AreEqual("青海省", regions["630000"].Name);
        Assert.IsTrue(regions.Values.Where(r => r.Level == RegionLevel.Prefecture).All(r => r.ParentId == regions["630000"].Id));
        Assert.AreEqual("格尔木市", golmud.Region!.Name);
        Assert.AreEqual(regions["632800"].Id, golmud.Region.ParentId);
        Assert.AreEqual(CenterLevel.County, golmud.Level);
    }

    [TestMethod]
    public async Task Seed_demo_refuses_a_database_that_holds_other_data_and_changes_nothing()
    {
        await using var host = DemoHost.Over(TestDatabase.SqliteInDataFolder(folder));
        Assert.AreEqual(0, (await host.RunAsync(["user", "add", "--role", "Analyst", "--name", "real.user"], "Real-Password-2024")).Exit);

        var (exit, output) = await host.RunAsync(["seed", "demo"]);

        Assert.AreEqual(1, exit, output);
        StringAssert.Contains(output, "演示数据只写入空数据库");
        await using var scope = host.Open();
        Assert.AreEqual(0, await scope.Db.Centers.CountAsync());
        Assert.AreEqual(1, await scope.Db.Users.CountAsync());
    }

    [TestMethod]
    [DataRow(new[] { "seed" })]
    [DataRow(new[] { "seed", "all" })]
    [DataRow(new[] { "seed", "demo", "now" })]
    public async Task Seed_with_bad_arguments_prints_the_usage_and_exits_2(string[] args)
    {
        await using var host = DemoHost.Over(TestDatabase.SqliteInDataFolder(folder));

        var (exit, output) = await host.RunAsync(args);

        Assert.AreEqual(2, exit);
        StringAssert.Contains(output, "seed demo");
        Assert.IsFalse(File.Exists(Path.Combine(folder, DatabaseOptions.SqliteFileName)), "nothing was created");
    }

    [TestMethod]
    public async Task A_seed_that_fails_part_way_leaves_the_database_as_it_was()
    {
        // A password policy the demo passwords cannot meet: the accounts are refused after the centers were written.
        await using var host = DemoHost.Over(
            TestDatabase.SqliteInDataFolder(folder),
            configure: services => services.Configure<IdentityOptions>(o => o.Password.RequiredLength = 40));

        var (exit, output) = await host.RunAsync(["seed", "demo"]);

        Assert.AreEqual(1, exit, output);
        StringAssert.Contains(output, "数据库未做更改");
        await using var scope = host.Open();
        Assert.AreEqual(0, await scope.Db.Centers.CountAsync());
        Assert.AreEqual(0, await scope.Db.CriteriaVersions.CountAsync());
        Assert.AreEqual(0, await scope.Db.AuditLog.CountAsync());
    }

    [TestMethod]
    public async Task First_run_of_the_embedded_database_seeds_the_demo_and_later_runs_do_not()
    {
        await using var host = DemoHost.Over(TestDatabase.SqliteInDataFolder(folder));

        await host.Services.PrepareEmbeddedDatabaseAsync();
        var first = await host.Services.SeedDemoOnFirstRunAsync();
        await host.Services.PrepareEmbeddedDatabaseAsync();
        var second = await host.Services.SeedDemoOnFirstRunAsync();

        Assert.AreEqual(DemoSeedStatus.Seeded, first?.Status);
        Assert.IsNull(second, "the second start finds data and leaves it alone");
        await using var scope = host.Open();
        Assert.AreEqual(8, await scope.Db.Centers.CountAsync());
        Assert.AreEqual(DemoData.Accounts.Count, await scope.Db.Users.CountAsync());
    }

    [TestMethod]
    public async Task First_run_with_Demo_SeedOnFirstRun_false_starts_with_an_empty_database()
    {
        await using var host = DemoHost.Over(
            TestDatabase.SqliteInDataFolder(folder),
            new Dictionary<string, string?> { ["Demo:SeedOnFirstRun"] = "false" });

        await host.Services.PrepareEmbeddedDatabaseAsync();
        var result = await host.Services.SeedDemoOnFirstRunAsync();

        Assert.IsNull(result);
        await using var scope = host.Open();
        Assert.AreEqual(0, await scope.Db.Centers.CountAsync());
        Assert.AreEqual(0, await scope.Db.Users.CountAsync());
    }

    [TestMethod]
    public async Task First_run_leaves_a_database_with_other_data_alone()
    {
        await using var host = DemoHost.Over(TestDatabase.SqliteInDataFolder(folder));
        Assert.AreEqual(0, (await host.RunAsync(["user", "add", "--role", "BureauAdmin", "--name", "chief"], "Chief-Password-2024")).Exit);

        var result = await host.Services.SeedDemoOnFirstRunAsync();

        Assert.IsNull(result);
        await using var scope = host.Open();
        Assert.AreEqual(0, await scope.Db.Centers.CountAsync());
    }

    [TestMethod]
    public async Task A_registered_publisher_is_asked_to_publish_the_2021_cycle_once_the_seed_is_committed()
    {
        var log = new PublishLog();
        await using var host = DemoHost.Over(
            TestDatabase.SqliteInDataFolder(folder),
            configure: services => services.AddSingleton(log).AddScoped<IDemoCyclePublisher, RecordingPublisher>());
        await host.Services.PrepareEmbeddedDatabaseAsync();

        var result = await DemoSeeding.SeedAsync(host.Services);

        Assert.IsTrue(result.Published2021);
        Assert.AreEqual(result.Cycle2021Id, log.CycleId);
        Assert.AreEqual(8, log.FinalizedInspectionsSeen, "the publisher, in a scope of its own, sees the committed seed");
    }

    [TestMethod]
    public async Task A_publisher_that_fails_leaves_the_seed_committed_and_2021_under_review()
    {
        await using var host = DemoHost.Over(
            TestDatabase.SqliteInDataFolder(folder),
            configure: services => services.AddScoped<IDemoCyclePublisher, FailingPublisher>());

        var (exit, output) = await host.RunAsync(["seed", "demo"]);

        Assert.AreEqual(1, exit, output);
        StringAssert.Contains(output, "发布失败");
        StringAssert.Contains(output, "考核周期 2021 不能发布");
        await using var scope = host.Open();
        Assert.AreEqual(8, await scope.Db.Centers.CountAsync());
        Assert.AreEqual(CycleStatus.UnderReview, (await scope.Db.Cycles.SingleAsync(c => c.Year == 2021)).Status);
    }

    [TestMethod]
    public void Demo_accounts_and_their_passwords_are_documented_in_the_README()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var start = readme.IndexOf("## Demo accounts", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, "README.md has a section \"Demo accounts\"");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];

        foreach (var account in DemoData.Accounts)
        {
            Assert.IsGreaterThanOrEqualTo(10, account.Password.Length, account.UserName);
            var row = section.Split('\n').SingleOrDefault(l => l.Contains($"`{account.UserName}`", StringComparison.Ordinal));
            Assert.IsNotNull(row, $"{account.UserName} is listed");
            StringAssert.Contains(row, $"`{account.Password}`");
            StringAssert.Contains(row, Roles.DisplayName(account.Role));
        }
    }

    private static async Task<CycleAnalysis> Analyze2021Async()
    {
        await using var scope = Seeded.Open();
        var (_, assessments) = await DemoCycleReader.LoadAsync(scope.Db, 2021);
        return DemoCycleReader.Analyze(DemoHost.Criteria.Find("qh-demo-2021")!, assessments);
    }

    private sealed class PublishLog
    {
        public int? CycleId { get; set; }

        public int FinalizedInspectionsSeen { get; set; }
    }

    private sealed class RecordingPublisher(AssessmentDbContext db, PublishLog log) : IDemoCyclePublisher
    {
        public async Task PublishAsync(int cycleId, CancellationToken cancellationToken)
        {
            log.CycleId = cycleId;
            log.FinalizedInspectionsSeen = await db.Assessments.CountAsync(
                a => a.CycleId == cycleId && a.Kind == AssessmentKind.Inspection && a.Status == AssessmentStatus.Finalized, cancellationToken);
        }
    }

    private sealed class FailingPublisher : IDemoCyclePublisher
    {
        public Task PublishAsync(int cycleId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("考核周期 2021 不能发布（测试）");
    }
}
