using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using Assessment.Reports;
using Assessment.Scoring.Scoring;
using Assessment.Tests.Reports;
using Assessment.Web.Demo;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Assessment.Web.Reports;
using Microsoft.EntityFrameworkCore;
using static Assessment.Tests.Web.ApiRequests;

namespace Assessment.Tests.Web;

/// <summary>
/// The documents generated from the system of record: the real application on a temporary SQLite file seeded
/// with <c>seed demo</c> (2021 published through the workflow), the <c>report</c> commands and the downloads.
/// </summary>
[TestClass]
public sealed class ReportDownloadTests
{
    private static ApiHost? host;
    private static string outFolder = "";

    private static ApiHost Host => host!;

    [ClassInitialize]
    public static async Task SeedAsync(TestContext context)
    {
        host = ApiHost.Sqlite();
        outFolder = Directory.CreateTempSubdirectory("assessment-reports-out-").FullName;
        StringAssert.Contains(await Host.SeedDemoAsync(), "2021年度考核结果已发布");
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        Directory.Delete(outFolder, recursive: true);
    }

    [TestMethod]
    public async Task The_2021_circular_from_the_command_line_names_the_demonstration_centers_and_prints_the_stored_results()
    {
        var (exit, output, bytes) = await RunAsync("report", "circular", "--cycle", "2021", "--out", Out("circular.docx"));
        Assert.AreEqual(0, exit, output);
        Assert.IsEmpty(Docx.Validate(bytes), string.Join(Environment.NewLine, Docx.Validate(bytes)));
        using var document = new Docx(bytes);

        var results = document.Section("四、考核结果")[0];
        StringAssert.Contains(results, "评定海北州公共资源交易中心、格尔木市公共资源交易中心为2021年度“示范公共资源交易中心”");
        StringAssert.Contains(document.Paragraphs.Select(Docx.TextOf).First(t => t.Contains('〔', StringComparison.Ordinal)), "青政务〔2022〕3号");
        StringAssert.Contains(string.Join("", document.Section("二、亮点做法")), "山东省滨州市", "the demo stores the real circular's highlights");

        var stored = await Host.WithDbAsync(db => db.CycleResults.Include(r => r.Center).Include(r => r.Dimensions)
            .Where(r => r.Cycle!.Year == 2021).OrderBy(r => r.Rank).ThenBy(r => r.CenterId).ToListAsync());
        var rows = Docx.Rows(document.Tables[0]).Skip(1).Take(stored.Count).ToArray();
        Assert.HasCount(8, stored);
        for (var i = 0; i < stored.Count; i++)
        {
            var r = stored[i];
            var expected = new List<string> { r.Rank.ToString(CultureInfo.InvariantCulture), ReportModels.ShortName(r.Center!.Name) };
            expected.AddRange(DemoHost.Criteria.Find("qh-demo-2021")!.Dimensions.Select(d => Score(r.Dimensions.Single(x => x.Code == d.Code).Score!.Value)));
            expected.AddRange([Score(r.Total), r.Grade, r.IsDemonstration ? "是" : ""]);
            CollectionAssert.AreEqual(expected, rows[i], $"row of {r.Center.Name}");
        }

        // The engine, run again over the stored answers, agrees with every row.
        var analysis = await Host.WithDbAsync(async db =>
        {
            var (_, assessments) = await DemoCycleReader.LoadAsync(db, 2021);
            return DemoCycleReader.Analyze(DemoHost.Criteria.Find("qh-demo-2021")!, assessments);
        });
        foreach (var ranking in analysis.Rankings)
        {
            var row = rows.Single(x => x[1] == DemoCycleReader.Short(ranking.Name));
            Assert.AreEqual(ranking.Rank.ToString(CultureInfo.InvariantCulture), row[0], ranking.Name);
            Assert.AreEqual(Score(ranking.Total), row[^3], ranking.Name);
            Assert.AreEqual(ranking.Grade, row[^2], ranking.Name);
        }

        CollectionAssert.AreEquivalent(new[] { "海北州", "格尔木市" }, analysis.Demonstration.Selected.Select(d => DemoCycleReader.Short(d.Name)).ToArray());
    }

    [TestMethod]
    public async Task The_feedback_letter_of_Haidong_lists_every_item_where_it_lost_points_with_the_engines_explanation()
    {
        var (exit, output, bytes) = await RunAsync("report", "feedback", "--cycle", "2021", "--center", "QH-HD", "--out", Out("haidong.docx"));
        Assert.AreEqual(0, exit, output);
        Assert.IsEmpty(Docx.Validate(bytes));
        using var document = new Docx(bytes);
        var text = Docx.TextOf(document.Body);
        StringAssert.Contains(text, "海东市公共资源交易中心：");

        var lost = await Host.WithDbAsync(async db =>
        {
            var (_, assessments) = await DemoCycleReader.LoadAsync(db, 2021);
            var inspection = assessments.Single(a => a.Center!.Code == "QH-HD" && a.Kind == AssessmentKind.Inspection);
            return DemoCycleReader.Rescore(DemoHost.Criteria.Find("qh-demo-2021")!, inspection).Items.Where(i => i.PointsLost > 0).ToList();
        });
        Assert.IsNotEmpty(lost, "海东市 loses points in the demo (its hardware)");
        foreach (var item in lost)
        {
            StringAssert.Contains(text, item.Explanation, item.ItemId);
            StringAssert.Contains(text, item.Item.Title, item.ItemId);
        }

        StringAssert.Contains(text, $"{lost.Count}个考核项失分");
    }

    [TestMethod]
    public async Task The_commands_refuse_bad_arguments_an_unpublished_cycle_and_an_unknown_center()
    {
        var (bad, usage, _) = await RunAsync("report", "circular", "--out", Out("x.docx"));
        Assert.AreEqual(2, bad);
        StringAssert.Contains(usage, "report feedback --cycle YEAR --center CODE");
        Assert.AreEqual(2, (await RunAsync("report", "feedback", "--cycle", "2021", "--out", Out("x.docx"))).Exit, "feedback needs a center");

        var (unpublished, message, _) = await RunAsync("report", "circular", "--cycle", "2022", "--out", Out("c2022.docx"));
        Assert.AreEqual(1, unpublished);
        StringAssert.Contains(message, "2022年度考核周期");
        StringAssert.Contains(message, "尚未发布");
        Assert.IsFalse(File.Exists(Out("c2022.docx")));

        var (unknown, unknownMessage, _) = await RunAsync("report", "feedback", "--cycle", "2021", "--center", "QH-NONE", "--out", Out("none.docx"));
        Assert.AreEqual(1, unknown);
        StringAssert.Contains(unknownMessage, "QH-NONE");
    }

    [TestMethod]
    public async Task The_rectification_report_states_the_ledgers_completion_and_its_center_downloads_it()
    {
        // The demo's 2021 ledger of 海东市: all but one item closed, that one sent back by the bureau.
        var progress = await Host.WithDbAsync(async db =>
        {
            var ledger = await db.RectificationLedgers
                .Include(l => l.Findings).ThenInclude(f => f.Actions)
                .SingleAsync(l => l.Cycle!.Year == 2021 && l.Center!.Code == "QH-HD");
            return LedgerProgress.Of(ledger, new DateOnly(2022, 10, 1));
        });
        Assert.IsGreaterThan(0, progress.SpecificProblems);
        Assert.IsLessThan(progress.SpecificProblems, progress.Completed, "the demo's 海东市 ledger is not complete");

        var (exit, output, bytes) = await RunAsync("report", "rectification", "--center", "QH-HD", "--cycle", "2021", "--out", Out("rect.docx"));
        Assert.AreEqual(0, exit, output);
        Assert.IsEmpty(Docx.Validate(bytes));
        using (var document = new Docx(bytes))
        {
            var sentence = $"{progress.Aspects}个方面{progress.SpecificProblems}个问题，已完成整改{progress.Completed}个，{progress.CompletionRateText}";
            StringAssert.Contains(Docx.TextOf(document.Body), sentence);
        }

        var haidong = await CenterIdAsync("QH-HD");
        var haibei = await CenterIdAsync("QH-HB");
        var cycleId = await CycleIdAsync(2021);
        using var staff = await SignInAsync("haibei", DemoAccounts.HaibeiPassword);
        using var own = await staff.GetAsync($"/api/cycles/{cycleId}/reports/rectification/{haibei}");
        Assert.AreEqual(HttpStatusCode.OK, own.StatusCode, await own.Content.ReadAsStringAsync());
        using (var report = new Docx(await own.Content.ReadAsByteArrayAsync()))
        {
            StringAssert.Contains(Docx.TextOf(report.Body), "完成率100%", "海北州 closed every item");
        }

        using var refused = await staff.GetAsync($"/api/cycles/{cycleId}/reports/rectification/{haidong}");
        Assert.AreEqual(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [TestMethod]
    public async Task The_bureau_downloads_the_circular_and_any_letter_and_center_staff_only_their_own_letter()
    {
        var cycleId = await CycleIdAsync(2021);
        var haibei = await CenterIdAsync("QH-HB");
        var xining = await CenterIdAsync("QH-XN");
        using var bureau = await SignInAsync("admin", DemoAccounts.AdminPassword);
        using var circular = await bureau.GetAsync($"/api/cycles/{cycleId}/reports/circular");
        Assert.AreEqual(HttpStatusCode.OK, circular.StatusCode, await circular.Content.ReadAsStringAsync());
        Assert.AreEqual(ReportsApi.DocxType, circular.Content.Headers.ContentType?.MediaType);
        Assert.IsEmpty(Docx.Validate(await circular.Content.ReadAsByteArrayAsync()));
        using var anyLetter = await bureau.GetAsync($"/api/cycles/{cycleId}/reports/feedback/{xining}");
        Assert.AreEqual(HttpStatusCode.OK, anyLetter.StatusCode);

        using var staff = await SignInAsync("haibei", DemoAccounts.HaibeiPassword);
        using var own = await staff.GetAsync($"/api/cycles/{cycleId}/reports/feedback/{haibei}");
        Assert.AreEqual(HttpStatusCode.OK, own.StatusCode, await own.Content.ReadAsStringAsync());
        using (var letter = new Docx(await own.Content.ReadAsByteArrayAsync()))
        {
            StringAssert.Contains(Docx.TextOf(letter.Body), "海北州公共资源交易中心：");
        }

        using var another = await staff.GetAsync($"/api/cycles/{cycleId}/reports/feedback/{xining}");
        Assert.AreEqual(HttpStatusCode.Forbidden, another.StatusCode);
        Assert.AreEqual("application/problem+json", another.Content.Headers.ContentType?.MediaType);
        using var theCircular = await staff.GetAsync($"/api/cycles/{cycleId}/reports/circular");
        Assert.AreEqual(HttpStatusCode.Forbidden, theCircular.StatusCode);

        var open2022 = await CycleIdAsync(2022);
        using var unpublished = await staff.GetAsync($"/api/cycles/{open2022}/reports/feedback/{haibei}");
        Assert.AreEqual(HttpStatusCode.Conflict, unpublished.StatusCode, "no letter before publication");
    }

    [TestMethod]
    public async Task The_zip_of_all_feedback_letters_reports_progress_and_holds_one_letter_per_center()
    {
        var cycleId = await CycleIdAsync(2021);
        using var bureau = await SignInAsync("admin", DemoAccounts.AdminPassword);
        using var start = await bureau.PostAsync($"/api/cycles/{cycleId}/reports/feedback-zip", null);
        var job = await start.ExpectAsync(HttpStatusCode.Accepted);
        var jobUrl = $"/api/report-jobs/{job.GetProperty("id").GetGuid()}";
        Assert.AreEqual(jobUrl, start.Headers.Location?.OriginalString);

        var deadline = DateTime.UtcNow.AddMinutes(2);
        System.Text.Json.JsonElement state;
        do
        {
            await Task.Delay(200);
            using var poll = await bureau.GetAsync(jobUrl);
            state = await poll.ExpectAsync(HttpStatusCode.OK);
        }
        while (state.GetProperty("status").GetString() is "Queued" or "Running" && DateTime.UtcNow < deadline);

        Assert.AreEqual("Completed", state.GetProperty("status").GetString(), state.ToString());
        Assert.AreEqual(8, state.GetProperty("total").GetInt32());
        Assert.AreEqual(8, state.GetProperty("done").GetInt32());

        using var file = await bureau.GetAsync(state.GetProperty("fileUrl").GetString());
        Assert.AreEqual(HttpStatusCode.OK, file.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await file.Content.ReadAsByteArrayAsync()));
        Assert.HasCount(8, zip.Entries);
        var centers = await Host.WithDbAsync(db => db.Centers.Select(c => c.Name).ToListAsync());
        foreach (var name in centers)
        {
            var entry = zip.Entries.Single(e => e.Name.Contains(name, StringComparison.Ordinal));
            using var stream = new MemoryStream();
            await using (var opened = entry.Open())
            {
                await opened.CopyToAsync(stream);
            }

            using var letter = new Docx(stream.ToArray());
            StringAssert.Contains(Docx.TextOf(letter.Body), name + "：");
        }

        using var staff = await SignInAsync("haibei", DemoAccounts.HaibeiPassword);
        using var refused = await staff.GetAsync(jobUrl);
        Assert.AreEqual(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [TestMethod]
    public async Task Publication_settings_start_from_the_defaults_are_saved_whole_and_audited_and_bad_fields_are_named()
    {
        var cycleId = await CycleIdAsync(2022);
        using var bureau = await SignInAsync("admin", DemoAccounts.AdminPassword);
        using var read = await bureau.GetAsync($"/api/cycles/{cycleId}/publication");
        var defaults = await read.ExpectAsync(HttpStatusCode.OK);
        Assert.IsFalse(defaults.GetProperty("stored").GetBoolean());
        Assert.AreEqual("青海省政务服务监督管理局", defaults.GetProperty("issuerName").GetString());
        StringAssert.Contains(defaults.GetProperty("title").GetString(), "2022年度");

        var body = System.Text.Json.Nodes.JsonNode.Parse(defaults.GetRawText())!.AsObject();
        body["number"] = 0;
        body["addressees"] = new System.Text.Json.Nodes.JsonArray();
        body["issuerName"] = "  ";
        body["problems"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["dimension"] = "不存在的维度", ["heading"] = "标题", ["text"] = "正文" });
        using var noIfMatch = await bureau.SendAsync(Json(HttpMethod.Put, $"/api/cycles/{cycleId}/publication", body));
        Assert.AreEqual(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        using var invalid = await bureau.SendAsync(Json(HttpMethod.Put, $"/api/cycles/{cycleId}/publication", body, ifMatch: 0));
        var problem = await invalid.ExpectAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "number", "addressees", "issuerName", "problems[0]" })
        {
            Assert.IsTrue(errors.TryGetProperty(field, out _), $"{field} named in {errors}");
        }

        Assert.AreEqual(0, await Host.WithDbAsync(db => db.PublicationSettings.CountAsync(s => s.CycleId == cycleId)), "nothing saved");

        body["number"] = 7;
        body["addressees"] = new System.Text.Json.Nodes.JsonArray("各市州政务服务监管局");
        body["issuerName"] = "青海省政务服务监督管理局";
        body["problems"] = new System.Text.Json.Nodes.JsonArray();
        body["highlights"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["lead"] = "在服务上下功夫。", ["text"] = "海北州公共资源交易中心……" });
        using var saved = await bureau.SendAsync(Json(HttpMethod.Put, $"/api/cycles/{cycleId}/publication", body, ifMatch: 0));
        var stored = await saved.ExpectAsync(HttpStatusCode.OK);
        Assert.IsTrue(stored.GetProperty("stored").GetBoolean());
        Assert.AreEqual(7, stored.GetProperty("number").GetInt32());
        Assert.AreEqual("在服务上下功夫。", stored.GetProperty("highlights")[0].GetProperty("lead").GetString());

        using var stale = await bureau.SendAsync(Json(HttpMethod.Put, $"/api/cycles/{cycleId}/publication", body, ifMatch: 0));
        Assert.AreEqual(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.IsTrue(await Host.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.EntityType == nameof(PublicationSettings))), "the change is audited");

        using var staff = await SignInAsync("haibei", DemoAccounts.HaibeiPassword);
        using var refused = await staff.GetAsync($"/api/cycles/{cycleId}/publication");
        Assert.AreEqual(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static string Score(decimal value) =>
        Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Out(string name) => Path.Combine(outFolder, name);

    private static async Task<(int Exit, string Output, byte[] Document)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await ReportCommands.RunAsync(args, Host.Services, output);
        var file = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
        return (exit, output.ToString(), exit == 0 && file is not null ? await File.ReadAllBytesAsync(file) : []);
    }

    private static Task<int> CycleIdAsync(int year) => Host.WithDbAsync(db => db.Cycles.Where(c => c.Year == year).Select(c => c.Id).SingleAsync());

    private static Task<int> CenterIdAsync(string code) => Host.WithDbAsync(db => db.Centers.Where(c => c.Code == code).Select(c => c.Id).SingleAsync());

    private static async Task<HttpClient> SignInAsync(string userName, string password)
    {
        var client = Host.Anonymous();
        using var response = await client.PostAsJsonAsync("/api/account/login", new { userName, password });
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return client;
    }
}
