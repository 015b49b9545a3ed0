using System.Globalization;
using System.Net;
using System.Text.Json;
using Assessment.Scoring.Cycles;
using Assessment.Scoring.Scoring;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Assessment.Web.Synthetic;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web;

/// <summary>
/// What <c>seed synthetic</c> guarantees, on each provider (<see cref="SyntheticSeedOnSqliteTests"/>,
/// <see cref="SyntheticSeedOnPostgresTests"/>): a small dataset (12 centers × 3 years) seeded once per class with the
/// command into a migrated database, plus a second database seeded with the same arguments.
/// </summary>
public abstract class SyntheticSeedContract
{
    public const int Centers = 12;
    public const int Years = 3;
    public static readonly string[] Arguments = ["seed", "synthetic", "--centers", "12", "--years", "3", "--seed", "7"];

    internal abstract DemoHost Host { get; }

    /// <summary>A second database, seeded with the same arguments.</summary>
    internal abstract DemoHost Twin { get; }

    /// <summary>Exit code and output of the first seed.</summary>
    protected abstract (int Exit, string Output) FirstSeed { get; }

    /// <summary>Settings that point the web application at <see cref="Host"/>'s database.</summary>
    protected abstract Dictionary<string, string?> WebSettings { get; }

    [TestMethod]
    public async Task Seed_synthetic_writes_the_requested_centers_and_years_and_says_so()
    {
        Assert.AreEqual(0, FirstSeed.Exit, FirstSeed.Output);
        StringAssert.Contains(FirstSeed.Output, "12个中心");
        StringAssert.Contains(FirstSeed.Output, "2020–2022");
        StringAssert.Contains(FirstSeed.Output, "2022: 12/12 centers");
        StringAssert.Contains(FirstSeed.Output, "admin、analyst");

        await using var scope = Host.Open();
        var cycles = await scope.Db.Cycles.OrderBy(c => c.Year).ToListAsync();
        CollectionAssert.AreEqual(new[] { 2020, 2021, 2022 }, cycles.Select(c => c.Year).ToArray());
        CollectionAssert.AreEqual(new[] { "qh-demo-2021", "qh-demo-2021", "qh-demo-2022" }, cycles.Select(c => c.CriteriaVersionId).ToArray());
        CollectionAssert.AreEqual(new[] { CycleStatus.Published, CycleStatus.Published, CycleStatus.UnderReview }, cycles.Select(c => c.Status).ToArray());
        Assert.AreEqual(Centers, await scope.Db.Centers.CountAsync());
        Assert.IsGreaterThanOrEqualTo(2, await scope.Db.Regions.CountAsync(r => r.Level == RegionLevel.Province));
        Assert.AreEqual(2 * Centers * Years, await scope.Db.Assessments.CountAsync(a => a.Status == AssessmentStatus.Finalized));
        Assert.AreEqual(Centers * Years, await scope.Db.RectificationLedgers.CountAsync());
        Assert.IsGreaterThan(0, await scope.Db.Findings.CountAsync());
        Assert.IsGreaterThan(0, await scope.Db.RectificationActions.CountAsync(a => a.ClosedAt != null), "ledgers of published cycles were worked through");
        Assert.IsTrue(await scope.Users.IsInRoleAsync((await scope.Users.FindByNameAsync(SyntheticSeeder.AdminName))!, Roles.BureauAdmin));
        Assert.IsTrue(await scope.Users.IsInRoleAsync((await scope.Users.FindByNameAsync(SyntheticSeeder.AnalystName))!, Roles.Analyst));
    }

    [TestMethod]
    public async Task After_seeding_the_query_planner_has_statistics_of_the_item_scores()
    {
        await using var scope = Host.Open();
        var database = scope.Db.Database;
        var rows = database.IsSqlite()
            ? await database.SqlQueryRaw<long>("""SELECT COUNT(*) AS "Value" FROM sqlite_stat1 WHERE tbl = 'ScorecardItems'""").SingleAsync()
            : await database.SqlQueryRaw<long>("""SELECT CAST(reltuples AS bigint) AS "Value" FROM pg_class WHERE relname = 'ScorecardItems'""").SingleAsync();
        Assert.IsGreaterThan(0L, rows, "ANALYZE ran after the bulk load");
    }

    [TestMethod]
    public async Task The_same_size_and_seed_give_the_same_data()
    {
        var first = await FingerprintAsync(Host);
        var second = await FingerprintAsync(Twin);
        CollectionAssert.AreEqual(first, second);
        Assert.AreEqual(2 * Centers * Years, first.Count(line => line.StartsWith("A|", StringComparison.Ordinal)));

        // Not a constant: centers differ in quality, so their totals differ.
        Assert.IsGreaterThan(Centers, first.Where(line => line.StartsWith("A|", StringComparison.Ordinal)).Select(line => line.Split('|')[^1]).Distinct().Count());
    }

    [TestMethod]
    public async Task Every_frozen_scorecard_is_what_the_engine_computes_from_the_stored_answers()
    {
        await using var scope = Host.Open();
        var assessments = await scope.Db.Assessments
            .Include(a => a.Answers).Include(a => a.VetoFindings).Include(a => a.Scorecard!.Items).Include(a => a.Cycle)
            .AsSplitQuery().ToListAsync();
        Assert.AreEqual(2 * Centers * Years, assessments.Count);
        foreach (var assessment in assessments)
        {
            var criteria = DemoHost.Criteria.Find(assessment.Cycle!.CriteriaVersionId)!;
            var card = Scorer.Score(criteria, assessment.ToChecklist(criteria.Id));
            var frozen = assessment.Scorecard!;
            Assert.IsTrue(card.IsComplete, $"assessment {assessment.Id}: {string.Join("; ", card.Problems.Select(p => p.Message))}");
            Assert.AreEqual(criteria.ContentHash, frozen.CriteriaHash);
            Assert.AreEqual((double)card.Total!.Value, (double)frozen.Total, 1e-9, $"assessment {assessment.Id}");
            Assert.AreEqual(card.Grade, frozen.Grade);
            var items = frozen.Items.ToDictionary(i => i.ItemId);
            foreach (var item in card.Items)
            {
                Assert.AreEqual(item.Points, items[item.ItemId].Points, $"assessment {assessment.Id} item {item.ItemId}");
                Assert.AreEqual(item.Explanation, items[item.ItemId].Explanation);
                Assert.AreEqual(assessment.Cycle.Year, items[item.ItemId].CycleYear, $"assessment {assessment.Id} item {item.ItemId}: the year the feed filters on");
            }
        }
    }

    [TestMethod]
    public async Task Published_rankings_are_the_engine_s_analysis_of_the_stored_inspections()
    {
        await using var scope = Host.Open();
        var rates = scope.Get<RectificationRates>();
        PreviousCycle? previous = null;
        foreach (var cycle in await scope.Db.Cycles.Where(c => c.Status == CycleStatus.Published).OrderBy(c => c.Year).ToListAsync())
        {
            var criteria = DemoHost.Criteria.Find(cycle.CriteriaVersionId)!;
            var assessments = await scope.Db.Assessments.Where(a => a.CycleId == cycle.Id)
                .Include(a => a.Answers).Include(a => a.VetoFindings).Include(a => a.Center).AsSplitQuery().ToListAsync();
            var previousRates = await rates.PreviousCycleRatesAsync(cycle.Id);
            var results = assessments.GroupBy(a => a.CenterId).Select(g =>
            {
                var inspection = g.Single(a => a.Kind == AssessmentKind.Inspection);
                var self = g.Single(a => a.Kind == AssessmentKind.SelfAssessment);
                return new CenterResult(CyclePublisher.CenterKey(g.Key), inspection.Center!.Name,
                    Scorer.Score(criteria, inspection.ToChecklist(criteria.Id)), Scorer.Score(criteria, self.ToChecklist(criteria.Id)),
                    previousRates.TryGetValue(g.Key, out var rate) ? rate : null);
            }).ToList();
            var analysis = CycleAnalyzer.Analyze(criteria, results, previous);
            var stored = await scope.Db.CycleResults.Where(r => r.CycleId == cycle.Id).ToDictionaryAsync(r => r.CenterId);

            Assert.AreEqual(Centers, analysis.Rankings.Count);
            Assert.AreEqual(analysis.Rankings.Count, stored.Count);
            foreach (var ranking in analysis.Rankings)
            {
                var row = stored[int.Parse(ranking.CenterId, CultureInfo.InvariantCulture)];
                Assert.AreEqual(ranking.Rank, row.Rank, $"{cycle.Year} {ranking.Name}");
                Assert.AreEqual((double)ranking.Total, (double)row.Total, 1e-9);
                Assert.AreEqual(ranking.Grade, row.Grade);
                Assert.AreEqual(ranking.Demonstration.IsSelected, row.IsDemonstration, $"{cycle.Year} {ranking.Name}");
                CollectionAssert.AreEqual(ranking.Demonstration.Reasons.ToArray(), row.DemonstrationReasons.ToArray());
            }

            if (previousRates.Count > 0)
            {
                // The rate item answers what the previous ledger's completion rate is.
                foreach (var self in assessments.Where(a => a.Kind == AssessmentKind.SelfAssessment))
                {
                    Assert.AreEqual(previousRates[self.CenterId], self.Answers.Single(a => a.ItemId == "E6").Number);
                }
            }

            previous = new PreviousCycle(results.ToDictionary(r => r.CenterId, r => r.Inspection, StringComparer.Ordinal));
        }

        Assert.IsNotNull(previous, "at least one cycle is published");
    }

    [TestMethod]
    public async Task The_last_cycle_can_be_published_by_the_bureau_s_own_workflow()
    {
        // On the twin, so the shared database keeps its last cycle under review.
        await using var scope = Twin.Open();
        var last = await scope.Db.Cycles.SingleAsync(c => c.Status == CycleStatus.UnderReview);
        var analysis = await scope.Get<CyclePublisher>().PublishAsync(last.Id);
        Assert.AreEqual(Centers, analysis.Rankings.Count);
        Assert.AreEqual(Centers * Years, await scope.Db.CycleResults.CountAsync());
    }

    [TestMethod]
    public async Task Seed_synthetic_refuses_a_database_that_is_not_empty_and_changes_nothing()
    {
        long Count(AssessmentDbContext db) => db.Answers.LongCount() + db.Centers.Count() + db.Cycles.Count() + db.Users.Count();
        long before;
        await using (var scope = Host.Open())
        {
            before = Count(scope.Db);
        }

        var (exit, output) = await Host.RunAsync(Arguments);

        Assert.AreEqual(1, exit, output);
        StringAssert.Contains(output, "只写入空数据库");
        await using (var scope = Host.Open())
        {
            Assert.AreEqual(before, Count(scope.Db));
        }
    }

    [TestMethod]
    public async Task Bad_arguments_print_the_usage_and_exit_with_2()
    {
        var (exit, output) = await Host.RunAsync(["seed", "synthetic", "--centers", "0", "--years", "3"]);
        Assert.AreEqual(2, exit);
        StringAssert.Contains(output, "seed synthetic --centers N --years Y");
    }

    [TestMethod]
    public async Task The_OData_feed_serves_the_synthetic_rankings_to_the_analyst()
    {
        const string password = "Feed-Reader-2026";
        await using (var scope = Host.Open())
        {
            // A known password, whatever ASSESSMENT_NEW_PASSWORD held when the seed ran.
            var analyst = (await scope.Users.FindByNameAsync(SyntheticSeeder.AnalystName))!;
            Assert.IsTrue((await scope.Users.RemovePasswordAsync(analyst)).Succeeded);
            var set = await scope.Users.AddPasswordAsync(analyst, password);
            Assert.IsTrue(set.Succeeded, string.Join(" ", set.Errors.Select(e => e.Description)));
        }

        await using var web = new SyntheticFeedHost(WebSettings);
        using var client = web.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = ODataFeedHost.Basic(SyntheticSeeder.AnalystName, password);

        var count = await client.GetAsync("/odata/Rankings/$count");
        Assert.AreEqual(HttpStatusCode.OK, count.StatusCode, await count.Content.ReadAsStringAsync());
        Assert.AreEqual(Centers * (Years - 1), int.Parse(await count.Content.ReadAsStringAsync(), CultureInfo.InvariantCulture));

        var history = await client.GetAsync("/odata/Rankings?$filter=CenterId eq 1&$orderby=CycleYear");
        using var page = JsonDocument.Parse(await history.Content.ReadAsStringAsync());
        CollectionAssert.AreEqual(new[] { 2020, 2021 }, page.RootElement.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("CycleYear").GetInt32()).ToArray());

        var items = await client.GetAsync("/odata/ItemScores/$count");
        Assert.AreEqual(HttpStatusCode.OK, items.StatusCode);
        await using var scope2 = Host.Open();
        var publishedItems = await scope2.Db.Set<ItemScoreRecord>().CountAsync(i =>
            scope2.Db.Scorecards.Any(s => s.Id == i.ScorecardId && scope2.Db.Assessments.Any(a => a.Id == s.AssessmentId && a.Cycle!.Status == CycleStatus.Published)));
        Assert.AreEqual(publishedItems, int.Parse(await items.Content.ReadAsStringAsync(), CultureInfo.InvariantCulture));
    }

    /// <summary>The data, as lines: regions, centers, every assessment's total, findings and results.</summary>
    private static async Task<List<string>> FingerprintAsync(DemoHost host)
    {
        await using var scope = host.Open();
        var db = scope.Db;
        var lines = new List<string>();
        lines.AddRange((await db.Regions.OrderBy(r => r.Code).ToListAsync()).Select(r => $"R|{r.Code}|{r.Name}|{r.Level}"));
        lines.AddRange((await db.Centers.OrderBy(c => c.Code).ToListAsync()).Select(c => $"C|{c.Code}|{c.Name}|{c.ContactPerson}|{c.ContactPhone}|{c.Address}"));
        lines.AddRange((await db.Assessments.Include(a => a.Center).Include(a => a.Cycle).Include(a => a.Scorecard).ToListAsync())
            .OrderBy(a => a.Cycle!.Year).ThenBy(a => a.Center!.Code).ThenBy(a => a.Kind)
            .Select(a => string.Create(CultureInfo.InvariantCulture, $"A|{a.Cycle!.Year}|{a.Center!.Code}|{a.Kind}|{a.SubmittedAt:O}|{a.Scorecard!.Total:0.000000}")));
        lines.Add($"F|{await db.Findings.CountAsync()}|{await db.RectificationActions.CountAsync(a => a.ClosedAt != null)}|{await db.Answers.CountAsync(a => a.Note != null)}");
        lines.AddRange((await db.CycleResults.Include(r => r.Center).Include(r => r.Cycle).ToListAsync())
            .OrderBy(r => r.Cycle!.Year).ThenBy(r => r.Rank).ThenBy(r => r.Center!.Code)
            .Select(r => $"P|{r.Cycle!.Year}|{r.Rank}|{r.Center!.Code}|{r.Grade}|{r.IsDemonstration}"));
        return lines;
    }
}

[TestClass]
public sealed class SyntheticSeedOnSqliteTests : SyntheticSeedContract
{
    private static string folder = "";
    private static string twinFolder = "";
    private static DemoHost? host;
    private static DemoHost? twin;
    private static (int, string) firstSeed;

    internal override DemoHost Host => host!;

    internal override DemoHost Twin => twin!;

    protected override (int Exit, string Output) FirstSeed => firstSeed;

    protected override Dictionary<string, string?> WebSettings => new()
    {
        ["Database:Provider"] = "Sqlite",
        ["Database:DataFolder"] = folder,
    };

    [ClassInitialize]
    public static async Task SeedAsync(TestContext context)
    {
        folder = Directory.CreateTempSubdirectory("assessment-synthetic-").FullName;
        twinFolder = Directory.CreateTempSubdirectory("assessment-synthetic-twin-").FullName;
        host = DemoHost.Over(TestDatabase.SqliteInDataFolder(folder));
        twin = DemoHost.Over(TestDatabase.SqliteInDataFolder(twinFolder));
        firstSeed = await host.RunAsync(Arguments);
        var second = await twin.RunAsync(Arguments);
        Assert.AreEqual(0, second.Exit, second.Output);
    }

    [ClassCleanup]
    public static async Task DeleteAsync()
    {
        foreach (var h in new[] { host, twin })
        {
            if (h is not null)
            {
                await h.DisposeAsync();
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        Directory.Delete(twinFolder, recursive: true);
    }
}

[TestClass]
public sealed class SyntheticSeedOnPostgresTests : SyntheticSeedContract
{
    private static PostgresServer? server;
    private static DemoHost? host;
    private static DemoHost? twin;
    private static string connectionString = "";
    private static (int, string) firstSeed;

    internal override DemoHost Host => host!;

    internal override DemoHost Twin => twin!;

    protected override (int Exit, string Output) FirstSeed => firstSeed;

    protected override Dictionary<string, string?> WebSettings => new()
    {
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = connectionString,
    };

    [ClassInitialize]
    public static async Task SeedAsync(TestContext context)
    {
        server = await PostgresServer.ConnectAsync();
        if (server.IsReachable)
        {
            var database = await server.CreateDatabaseAsync("synthetic");
            await database.MigrateAsync();
            connectionString = database.ConnectionString;
            host = DemoHost.Over(database);
            firstSeed = await host.RunAsync(Arguments);
            var twinDatabase = await server.CreateDatabaseAsync("synthetictwin");
            await twinDatabase.MigrateAsync();
            twin = DemoHost.Over(twinDatabase);
            var second = await twin.RunAsync(Arguments);
            Assert.AreEqual(0, second.Exit, second.Output);
        }
    }

    [ClassCleanup]
    public static async Task DropAsync()
    {
        foreach (var h in new[] { host, twin })
        {
            if (h is not null)
            {
                await h.DisposeAsync();
            }
        }
    }

    [TestInitialize]
    public void RequirePostgres() => server!.Require();
}
