using Assessment.Scoring.Scoring;
using Assessment.Web.Demo;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web;

/// <summary>
/// What <c>seed demo</c> guarantees, proved on each provider by <see cref="DemoSeedOnSqliteTests"/> and
/// <see cref="DemoSeedOnPostgresTests"/>: each class seeds one migrated database with the command, once.
/// </summary>
public abstract class DemoSeedContract
{
    internal abstract DemoHost Host { get; }

    /// <summary>What the first <c>seed demo</c> printed, and its exit code.</summary>
    protected abstract (int Exit, string Output) FirstSeed { get; }

    [TestMethod]
    public async Task Seed_demo_creates_the_eight_centers_of_the_circular_and_the_2021_and_2022_cycles()
    {
        Assert.AreEqual(0, FirstSeed.Exit, FirstSeed.Output);
        await using var scope = Host.Open();

        var centers = await scope.Db.Centers.Include(c => c.Region).OrderBy(c => c.Id).ToListAsync();
        CollectionAssert.AreEquivalent(
            new[] { "西宁市", "海东市", "海北州", "黄南州", "海南州", "海西州", "玉树州", "格尔木市" },
            centers.Select(c => DemoCycleReader.Short(c.Name)).ToArray());
        Assert.AreEqual(8, centers.Select(c => c.Code).Distinct().Count());
        Assert.IsTrue(centers.All(c => c.ContactPerson!.EndsWith("（演示）", StringComparison.Ordinal)), "contacts are marked as demo data");

        var cycles = await scope.Db.Cycles.OrderBy(c => c.Year).ToListAsync();
        CollectionAssert.AreEqual(new[] { 2021, 2022 }, cycles.Select(c => c.Year).ToArray());
        CollectionAssert.AreEqual(new[] { "qh-demo-2021", "qh-demo-2022" }, cycles.Select(c => c.CriteriaVersionId).ToArray());
        Assert.AreEqual(new DateOnly(2021, 10, 18), cycles[0].ScheduleStart);
        Assert.AreEqual(new DateOnly(2021, 12, 17), cycles[0].ScheduleEnd);
        Assert.AreEqual(CycleStatus.UnderReview, cycles[0].Status);
        Assert.AreEqual(CycleStatus.Open, cycles[1].Status);
    }

    [TestMethod]
    public async Task Every_2021_assessment_is_answered_in_full_finalized_and_frozen_as_the_engine_scores_it()
    {
        var criteria = DemoHost.Criteria.Find("qh-demo-2021")!;
        await using var scope = Host.Open();
        var (_, assessments) = await DemoCycleReader.LoadAsync(scope.Db, 2021);

        Assert.HasCount(16, assessments, "a self-assessment and an inspection for each of the eight centers");
        foreach (var assessment in assessments)
        {
            var name = $"{assessment.Center!.Name} {assessment.Kind}";
            Assert.AreEqual(AssessmentStatus.Finalized, assessment.Status, name);
            Assert.HasCount(criteria.Items.Count, assessment.Answers, name);
            Assert.IsTrue(assessment.Answers.All(a => a.Method is not null), $"{name}: every answer says how it was established");

            var card = DemoCycleReader.Rescore(criteria, assessment);
            Assert.IsTrue(card.IsComplete, name);
            var frozen = assessment.Scorecard!;
            Assert.AreEqual(criteria.ContentHash, frozen.CriteriaHash, name);
            Assert.AreEqual((double)card.Total!.Value, (double)frozen.Total, 1e-9, name);
            Assert.AreEqual(card.Grade, frozen.Grade, name);
        }

        // Wherever the inspection team took points off, it says why, in Chinese.
        foreach (var inspection in assessments.Where(a => a.Kind == AssessmentKind.Inspection))
        {
            var card = DemoCycleReader.Rescore(criteria, inspection);
            foreach (var lost in card.Items.Where(i => i.PointsLost > 0))
            {
                var note = inspection.Answers.Single(a => a.ItemId == lost.ItemId).Note;
                Assert.IsFalse(string.IsNullOrWhiteSpace(note), $"{inspection.Center!.Name} {lost.ItemId} lost points without a note");
            }

            Assert.HasCount(2, inspection.Inspectors, "the 2021 inspection team");
        }
    }

    [TestMethod]
    public async Task The_engine_names_exactly_Haibei_and_Golmud_the_2021_demonstration_centers()
    {
        var criteria = DemoHost.Criteria.Find("qh-demo-2021")!;
        await using var scope = Host.Open();
        var (_, assessments) = await DemoCycleReader.LoadAsync(scope.Db, 2021);

        var analysis = DemoCycleReader.Analyze(criteria, assessments);

        CollectionAssert.AreEqual(
            new[] { "海北州", "格尔木市" },
            analysis.Demonstration.Selected.Select(d => DemoCycleReader.Short(d.Name)).ToArray());
        Assert.HasCount(8, analysis.Rankings);
        Assert.IsEmpty(analysis.Unranked);
        Assert.IsFalse(analysis.Demonstration.QuotaExceededByTie);
    }

    [TestMethod]
    public async Task Each_centers_2021_ledger_holds_the_problems_its_inspection_found_at_various_stages()
    {
        var criteria = DemoHost.Criteria.Find("qh-demo-2021")!;
        var asOf = new DateOnly(2022, 9, 30);
        await using var scope = Host.Open();
        var (cycle, assessments) = await DemoCycleReader.LoadAsync(scope.Db, 2021);
        var ledgers = await scope.Db.RectificationLedgers.Where(l => l.CycleId == cycle.Id)
            .Include(l => l.Center).Include(l => l.Aspects).Include(l => l.Findings).ThenInclude(f => f.Actions).ThenInclude(a => a.Verifications)
            .AsSplitQuery().ToListAsync();
        Assert.HasCount(8, ledgers, "a ledger for each center");

        var evidence = await scope.Db.EvidenceFiles.Select(e => e.Id).ToListAsync();
        foreach (var ledger in ledgers)
        {
            var name = DemoCycleReader.Short(ledger.Center!.Name);
            var inspection = assessments.Single(a => a.CenterId == ledger.CenterId && a.Kind == AssessmentKind.Inspection);
            var lost = DemoCycleReader.Rescore(criteria, inspection).Items.Where(i => i.PointsLost > 0).Select(i => i.ItemId).ToList();
            CollectionAssert.AreEquivalent(lost, ledger.Findings.Select(f => f.ItemId).ToList(), $"{name}: one problem per item that lost points");
            Assert.IsTrue(ledger.Findings.All(f => f.Source == FindingSource.Assessment && f.AssessmentId == inspection.Id && f.Explanation is { Length: > 0 }), name);

            foreach (var action in ledger.Findings.SelectMany(f => f.Actions))
            {
                var what = $"{name} action {action.Id}";
                Assert.IsFalse(string.IsNullOrWhiteSpace(action.Measures), what);
                Assert.IsFalse(string.IsNullOrWhiteSpace(action.ResponsibleLeader), what);
                Assert.IsFalse(string.IsNullOrWhiteSpace(action.ResponsibleDepartment), what);
                Assert.AreEqual(2022, action.Deadline?.Year, what);
                if (action.Status == ActionStatus.Completed)
                {
                    Assert.IsTrue(action.CompletedOn is { Year: 2022 } on && on <= asOf, what);
                    Assert.IsNotEmpty(action.EvidenceIds, $"{what}: completed with evidence");
                    Assert.IsTrue(action.EvidenceIds.All(evidence.Contains), what);
                }

                if (action.IsClosed)
                {
                    Assert.AreEqual(VerificationDecision.Closed, action.Verifications.Single().Decision, what);
                    StringAssert.Contains(action.ClosingConclusion, "销号");
                }
            }
        }

        var actions = ledgers.ToDictionary(l => DemoCycleReader.Short(l.Center!.Name), l => l.Findings.SelectMany(f => f.Actions).ToList());
        Assert.IsTrue(actions["海北州"].All(a => a.IsClosed), "海北州 closed everything");
        Assert.IsTrue(actions["格尔木市"].All(a => a.IsClosed), "格尔木市 closed everything");
        var all = actions.Values.SelectMany(a => a).ToList();
        Assert.IsTrue(all.Any(a => a.Status == ActionStatus.Completed && !a.IsClosed), "completed, waiting for the bureau");
        Assert.IsTrue(all.Any(a => a.Status == ActionStatus.InProgress && a.SentBackReason is not null && a.Verifications.Any(v => v.Decision == VerificationDecision.SentBack)), "sent back");
        Assert.IsTrue(all.Any(a => a.Status == ActionStatus.InProgress && !a.IsOverdue(asOf)), "in progress within its deadline");
        var overdue = actions.Where(c => c.Value.Any(a => a.Status == ActionStatus.NotStarted && a.IsOverdue(asOf))).Select(c => c.Key).ToList();
        CollectionAssert.AreEquivalent(new[] { "海南州", "玉树州" }, overdue, "centers with overdue items");
    }

    [TestMethod]
    public async Task The_2022_cycle_takes_each_centers_previous_rate_from_its_ledger_and_the_drafts_answer_E6_with_it()
    {
        await using var services = Host.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        var cycle2022 = await db.Cycles.SingleAsync(c => c.Year == 2022);
        var rates = await services.ServiceProvider.GetRequiredService<RectificationRates>().PreviousCycleRatesAsync(cycle2022.Id);
        var names = await db.Centers.ToDictionaryAsync(c => c.Id, c => DemoCycleReader.Short(c.Name));
        var byName = rates.ToDictionary(r => names[r.Key], r => r.Value);

        Assert.HasCount(8, byName);
        Assert.AreEqual(100m, byName["海北州"]);
        Assert.AreEqual(100m, byName["格尔木市"]);
        Assert.IsTrue(byName.Where(r => r.Key is not "海北州" and not "格尔木市").All(r => r.Value < 100m), string.Join("，", byName));
        Assert.IsGreaterThanOrEqualTo(6, byName.Values.Distinct().Count(), $"the rates differ by center: {string.Join("，", byName)}");
        Assert.IsLessThan(90m, byName["海南州"], "below the 2022 demonstration minimum");
        Assert.IsLessThan(90m, byName["玉树州"], "below the 2022 demonstration minimum");

        // The rate is closed / total, two decimals, counted straight from the ledger rows.
        var counted = await db.RectificationActions
            .Join(db.Findings, a => a.FindingId, f => f.Id, (a, f) => new { a.ClosedAt, f.LedgerId })
            .Join(db.RectificationLedgers, x => x.LedgerId, l => l.Id, (x, l) => new { x.ClosedAt, l.CenterId, l.CycleId })
            .Where(x => x.CycleId != cycle2022.Id)
            .GroupBy(x => x.CenterId)
            .Select(g => new { CenterId = g.Key, Total = g.Count(), Closed = g.Count(x => x.ClosedAt != null) })
            .ToListAsync();
        foreach (var center in counted)
        {
            Assert.AreEqual(Math.Round(100m * center.Closed / center.Total, 2, MidpointRounding.AwayFromZero), rates[center.CenterId], names[center.CenterId]);
        }

        // Drafts of 2022 that had not reached E6 start with the ledger's rate; nothing else is pre-answered.
        var prefilled = await db.Answers.Where(a => a.ItemId == "E6" && a.Note!.StartsWith(RectificationRates.PrefillNotePrefix))
            .Join(db.Assessments, a => a.AssessmentId, s => s.Id, (a, s) => new { a.Number, s.CenterId, s.CycleId, s.Status })
            .ToListAsync();
        Assert.IsNotEmpty(prefilled);
        foreach (var answer in prefilled)
        {
            Assert.AreEqual(cycle2022.Id, answer.CycleId);
            Assert.AreEqual(AssessmentStatus.Draft, answer.Status);
            Assert.AreEqual(rates[answer.CenterId], answer.Number, names[answer.CenterId]);
        }
    }

    [TestMethod]
    public async Task Seeding_again_changes_nothing_and_says_so()
    {
        var before = await CountsAsync();

        var (exit, output) = await Host.RunAsync(["seed", "demo"]);

        Assert.AreEqual(0, exit, output);
        StringAssert.Contains(output, "演示数据已存在，未做任何更改");
        CollectionAssert.AreEqual(before, await CountsAsync());
    }

    [TestMethod]
    public async Task Demo_accounts_sign_in_with_their_documented_passwords_and_hold_their_roles()
    {
        await using var scope = Host.Open();
        foreach (var account in DemoData.Accounts)
        {
            var user = await scope.Users.FindByNameAsync(account.UserName);
            Assert.IsNotNull(user, account.UserName);
            Assert.IsTrue(await scope.Users.CheckPasswordAsync(user, account.Password), account.UserName);
            Assert.IsFalse(await scope.Users.CheckPasswordAsync(user, account.Password + "x"), account.UserName);
            CollectionAssert.AreEqual(new[] { account.Role }, (await scope.Users.GetRolesAsync(user)).ToArray(), account.UserName);
            var center = user.CenterId is { } id ? await scope.Db.Centers.FindAsync(id) : null;
            Assert.AreEqual(account.CenterCode, center?.Code, account.UserName);
        }

        var roles = DemoData.Accounts.Select(a => a.Role).Distinct().ToArray();
        CollectionAssert.AreEquivalent(Roles.All.Select(r => r.Name).ToArray(), roles, "an account for every role");
    }

    private async Task<long[]> CountsAsync()
    {
        await using var scope = Host.Open();
        var db = scope.Db;
        return
        [
            await db.Regions.LongCountAsync(), await db.Centers.LongCountAsync(), await db.CriteriaVersions.LongCountAsync(),
            await db.Cycles.LongCountAsync(), await db.Assessments.LongCountAsync(), await db.Answers.LongCountAsync(),
            await db.Scorecards.LongCountAsync(), await db.Users.LongCountAsync(), await db.UserRoles.LongCountAsync(),
            await db.AuditLog.LongCountAsync(), await db.RectificationLedgers.LongCountAsync(), await db.Findings.LongCountAsync(),
            await db.RectificationActions.LongCountAsync(), await db.RectificationVerifications.LongCountAsync(), await db.EvidenceFiles.LongCountAsync(),
        ];
    }
}

[TestClass]
public sealed class DemoSeedOnSqliteTests : DemoSeedContract
{
    private static string folder = "";
    private static DemoHost? host;
    private static (int, string) firstSeed;

    internal override DemoHost Host => host!;

    protected override (int Exit, string Output) FirstSeed => firstSeed;

    [ClassInitialize]
    public static async Task SeedAsync(TestContext context)
    {
        folder = Directory.CreateTempSubdirectory("assessment-demo-").FullName;
        host = DemoHost.Over(TestDatabase.SqliteInDataFolder(folder));
        firstSeed = await host.RunAsync(["seed", "demo"]);
    }

    [ClassCleanup]
    public static async Task DeleteAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}

[TestClass]
public sealed class DemoSeedOnPostgresTests : DemoSeedContract
{
    private static PostgresServer? server;
    private static DemoHost? host;
    private static (int, string) firstSeed;

    internal override DemoHost Host => host!;

    protected override (int Exit, string Output) FirstSeed => firstSeed;

    [ClassInitialize]
    public static async Task SeedAsync(TestContext context)
    {
        server = await PostgresServer.ConnectAsync();
        if (server.IsReachable)
        {
            var database = await server.CreateDatabaseAsync("demo");
            await database.MigrateAsync();
            host = DemoHost.Over(database);
            firstSeed = await host.RunAsync(["seed", "demo"]);
        }
    }

    [ClassCleanup]
    public static async Task DropAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [TestInitialize]
    public void RequirePostgres() => server!.Require();
}
