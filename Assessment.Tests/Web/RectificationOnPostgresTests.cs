using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Assessment.Tests.Web.RectificationWebApp;

namespace Assessment.Tests.Web;

/// <summary>The ledger's queries (rates, evidence, progress) on PostgreSQL, through the same HTTP pipeline.</summary>
[TestClass]
public sealed class RectificationOnPostgresTests
{
    private static TestDatabase? database;
    private static RectificationWebApp? app;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        var server = await PostgresServer.ConnectAsync();
        if (!server.IsReachable)
        {
            return;
        }

        database = await server.CreateDatabaseAsync("ledger");
        await database.MigrateAsync();
        string connectionString;
        await using (var session = database.Open())
        {
            connectionString = session.Db.Database.GetConnectionString()!;
        }

        app = new RectificationWebApp(connectionString);
        await app.InitializeAsync();
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        app?.Dispose();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task On_PostgreSQL_a_closed_item_with_evidence_counts_towards_next_years_rate()
    {
        (await PostgresServer.ConnectAsync()).Require();
        var center = await app!.NewCenterAsync("海北州公共资源交易中心");
        var (_, evidenceId) = await app.FinalizedInspectionAsync(center);
        var staff = await app.SignedInAsync(Roles.CenterStaff, center);
        var bureau = await app.SignedInAsync(Roles.BureauAdmin);
        var findings = await ReadAsync<List<FindingDto>>(await PostJsonAsync(staff, $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/findings", new
        {
            findings = new[]
            {
                new { aspect = "硬件设施方面", source = "Assessment", description = "监控存储不足30天" },
                new { aspect = "服务质量方面", source = "Audit", description = "差评回访不及时" },
            },
        }));
        var actionId = findings[0].Actions.Single().Id;
        await ReadAsync<ActionDto>(await PutJsonAsync(staff, $"/api/rectification/actions/{actionId}/status", new { status = "Completed", completedOn = "2022-06-01" }));
        await ReadAsync<ActionDto>(await PutJsonAsync(staff, $"/api/rectification/actions/{actionId}/evidence", new { evidenceIds = new[] { evidenceId } }));
        await ReadAsync<ActionDto>(await PostJsonAsync(bureau, $"/api/rectification/actions/{actionId}/close", new { conclusion = "同意销号" }));

        var progress = await ReadAsync<ProgressDto>(await GetAsync(staff, $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/progress"));
        Assert.AreEqual("2个方面2个问题，已完成整改1个，完成率50%", progress.Summary);
        var rate = await ReadAsync<PreviousRateDto>(await GetAsync(staff, $"/api/rectification/centers/{center}/cycles/{app.Cycle2022}/previous-cycle-rate"));
        Assert.AreEqual(50m, rate.Rate);
        var stored = await app.WithDbAsync((db, _) => db.RectificationActions.AsNoTracking().SingleAsync(a => a.Id == actionId));
        CollectionAssert.AreEqual(new[] { evidenceId }, stored.EvidenceIds);
        Assert.IsTrue(stored.IsClosed);
    }
}
