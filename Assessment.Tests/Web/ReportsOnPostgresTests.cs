using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Assessment.Tests.Reports;
using Assessment.Web.Demo;
using Assessment.Web.Reports;
using Microsoft.EntityFrameworkCore;
using static Assessment.Tests.Web.ApiRequests;

namespace Assessment.Tests.Web;

/// <summary>The reports on PostgreSQL: the demo seeded there, the circular from the stored results, the settings round trip.</summary>
[TestClass]
public sealed class ReportsOnPostgresTests
{
    private static PostgresServer server = null!;
    private static ApiHost? host;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        server = await PostgresServer.ConnectAsync();
        if (server.IsReachable)
        {
            host = await ApiHost.PostgresAsync(server);
            await host!.SeedDemoAsync();
        }
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    private static ApiHost Host
    {
        get
        {
            server.Require();
            return host!;
        }
    }

    [TestMethod]
    public async Task The_circular_on_PostgreSQL_prints_the_stored_totals_and_the_demonstration_centers()
    {
        var file = Path.Combine(Path.GetTempPath(), $"circular-pg-{Guid.NewGuid():N}.docx");
        try
        {
            var output = new StringWriter();
            Assert.AreEqual(0, await ReportCommands.RunAsync(["report", "circular", "--cycle", "2021", "--out", file], Host.Services, output), output.ToString());
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.IsEmpty(Docx.Validate(bytes));
            using var document = new Docx(bytes);
            StringAssert.Contains(document.Section("四、考核结果")[0], "评定海北州公共资源交易中心、格尔木市公共资源交易中心为2021年度");
            var totals = await Host.WithDbAsync(db => db.CycleResults.Where(r => r.Cycle!.Year == 2021).OrderBy(r => r.Rank).ThenBy(r => r.CenterId).Select(r => r.Total).ToListAsync());
            var printed = Docx.Rows(document.Tables[0]).Skip(1).Take(totals.Count).Select(r => r[^3]).ToList();
            CollectionAssert.AreEqual(totals.Select(t => Math.Round(t, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture)).ToList(), printed);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public async Task Publication_settings_round_trip_on_PostgreSQL()
    {
        var cycleId = await Host.CycleIdAsync(2022);
        using var bureau = Host.Anonymous();
        using (var login = await bureau.PostAsJsonAsync("/api/account/login", new { userName = "admin", password = DemoAccounts.AdminPassword }))
        {
            Assert.AreEqual(HttpStatusCode.OK, login.StatusCode);
        }

        using var read = await bureau.GetAsync($"/api/cycles/{cycleId}/publication");
        var body = JsonNode.Parse((await read.ExpectAsync(HttpStatusCode.OK)).GetRawText())!.AsObject();
        body["copyTo"] = new JsonArray("省政府办公厅", "省发展改革委");
        body["problems"] = new JsonArray(new JsonObject { ["dimension"] = "硬件设施", ["heading"] = "基础设施还需完善", ["text"] = "设备不全。", ["typicalGaps"] = new JsonArray("无消防器材") });
        using var saved = await bureau.SendAsync(Json(HttpMethod.Put, $"/api/cycles/{cycleId}/publication", body, ifMatch: 0));
        await saved.ExpectAsync(HttpStatusCode.OK);

        using var again = await bureau.GetAsync($"/api/cycles/{cycleId}/publication");
        var stored = await again.ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(2, stored.GetProperty("copyTo").GetArrayLength());
        Assert.AreEqual("无消防器材", stored.GetProperty("problems")[0].GetProperty("typicalGaps")[0].GetString());
        Assert.AreEqual(1L, again.ETag());
    }

    [TestMethod]
    public async Task Without_bureau_written_problems_the_circular_groups_the_ledger_findings_by_dimension()
    {
        var cycleId = await Host.CycleIdAsync(2021);
        using var bureau = Host.Anonymous();
        using (var login = await bureau.PostAsJsonAsync("/api/account/login", new { userName = "admin", password = DemoAccounts.AdminPassword }))
        {
            Assert.AreEqual(HttpStatusCode.OK, login.StatusCode);
        }

        using var read = await bureau.GetAsync($"/api/cycles/{cycleId}/publication");
        var version = read.ETag();
        var body = JsonNode.Parse((await read.ExpectAsync(HttpStatusCode.OK)).GetRawText())!.AsObject();
        body["problems"] = new JsonArray();

        // 2021 is published: its settings change only by a correction with a reason.
        body["correctionReason"] = "存在问题改为按整改台账归纳。";
        using (var saved = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/cycles/{cycleId}/publication/corrections", body, ifMatch: version)))
        {
            await saved.ExpectAsync(HttpStatusCode.Created);
        }

        Assert.AreEqual(1, await Host.WithDbAsync(db => db.PublicationCorrections.CountAsync(c => c.CycleId == cycleId && c.Reason == "存在问题改为按整改台账归纳。")));

        using var circular = await bureau.GetAsync($"/api/cycles/{cycleId}/reports/circular");
        Assert.AreEqual(HttpStatusCode.OK, circular.StatusCode);
        using var document = new Docx(await circular.Content.ReadAsByteArrayAsync());
        var problems = document.Section("三、存在问题及不足");
        var hardware = await Host.WithDbAsync(db => db.Findings.CountAsync(f => f.DimensionCode == "C" && db.RectificationLedgers.Any(l => l.Id == f.LedgerId && l.CycleId == cycleId)));
        Assert.IsGreaterThan(0, hardware);
        Assert.IsTrue(problems.Any(p => p.Contains("硬件设施还需加强", StringComparison.Ordinal) && p.Contains($"共{hardware}项", StringComparison.Ordinal)), string.Join("\n", problems));
    }
}
