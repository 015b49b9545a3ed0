using System.Globalization;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using Assessment.Tests.Reports;
using Assessment.Tests.Web.Ui;
using Assessment.Web.Demo;
using Assessment.Web.Persistence;
using Assessment.Web.Reports;
using Microsoft.EntityFrameworkCore;
using static Assessment.Tests.Web.ApiRequests;
using static Assessment.Tests.Web.DemoAccounts;

namespace Assessment.Tests.Web;

/// <summary>
/// A published circular is an issued document: its publication settings are locked once the cycle is published and
/// change only by a correction with a reason, which keeps the values it replaced. The real application on a temporary
/// SQLite file seeded with <c>seed demo</c> (2021 published, 2022 open). The tests read the current values first, so
/// they hold in any order.
/// </summary>
[TestClass]
public sealed class PublicationLockTests
{

    private static ApiHost? host;
    private static int cycle2021;
    private static int cycle2022;

    private static ApiHost Host => host!;

    [ClassInitialize]
    public static async Task SeedAsync(TestContext context)
    {
        host = ApiHost.Sqlite();
        await Host.SeedDemoAsync();
        cycle2021 = await Host.CycleIdAsync(2021);
        cycle2022 = await Host.CycleIdAsync(2022);
        Assert.AreEqual(CycleStatus.Published, await Host.WithDbAsync(db => db.Cycles.Where(c => c.Id == cycle2021).Select(c => c.Status).SingleAsync()));
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task An_ordinary_save_of_a_published_cycles_settings_returns_409_changes_nothing_and_the_circular_keeps_its_number()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var (settings, version) = await ReadAsync(bureau, cycle2021);
        var number = settings["number"]!.GetValue<int>();
        var before = await StoredAsync(cycle2021);
        var auditBefore = await Host.WithDbAsync(db => db.AuditLog.CountAsync());

        settings["number"] = number + 40;
        settings["signatureDate"] = "2022-06-30";
        using var refused = await bureau.SendAsync(Json(HttpMethod.Put, $"/api/cycles/{cycle2021}/publication", settings, ifMatch: version));
        var problem = await refused.ExpectAsync(HttpStatusCode.Conflict);
        Assert.AreEqual("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        StringAssert.Contains(problem.GetProperty("title").GetString(), "通报已发布");
        StringAssert.Contains(problem.GetProperty("title").GetString(), "已锁定");
        StringAssert.Contains(problem.GetProperty("title").GetString(), "更正理由");

        // A reason on the ordinary save does not unlock it either: a correction is its own request.
        settings["correctionReason"] = "想改";
        using var withReason = await bureau.SendAsync(Json(HttpMethod.Put, $"/api/cycles/{cycle2021}/publication", settings, ifMatch: version));
        Assert.AreEqual(HttpStatusCode.Conflict, withReason.StatusCode);

        var after = await StoredAsync(cycle2021);
        Assert.AreEqual(before.Version, after.Version, "nothing changed");
        Assert.AreEqual(number, after.Number);
        Assert.AreEqual(before.SignatureDate, after.SignatureDate);
        Assert.AreEqual(auditBefore, await Host.WithDbAsync(db => db.AuditLog.CountAsync()), "nothing audited: nothing happened");
        StringAssert.Contains(await CircularNumberAsync(bureau, cycle2021), $"〔{after.NumberYear ?? 2022}〕{number}号");
    }

    [TestMethod]
    public async Task A_correction_without_a_reason_is_refused_naming_the_field_and_changes_nothing()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var (settings, version) = await ReadAsync(bureau, cycle2021);
        var before = await StoredAsync(cycle2021);
        var corrections = await Host.WithDbAsync(db => db.PublicationCorrections.CountAsync());
        settings["number"] = before.Number + 1;
        foreach (var reason in new JsonNode?[] { null, JsonValue.Create("   ") })
        {
            settings["correctionReason"] = reason;
            using var refused = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/cycles/{cycle2021}/publication/corrections", settings, ifMatch: version));
            var problem = await refused.ExpectAsync(HttpStatusCode.BadRequest);
            Assert.IsTrue(problem.GetProperty("errors").TryGetProperty("correctionReason", out var message), problem.ToString());
            StringAssert.Contains(message[0].GetString(), "更正理由");
        }

        settings["correctionReason"] = "发文字号有误";
        using var noIfMatch = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/cycles/{cycle2021}/publication/corrections", settings));
        Assert.AreEqual(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        using var stale = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/cycles/{cycle2021}/publication/corrections", settings, ifMatch: version + 5));
        Assert.AreEqual(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        var after = await StoredAsync(cycle2021);
        Assert.AreEqual(before.Version, after.Version);
        Assert.AreEqual(before.Number, after.Number);
        Assert.AreEqual(corrections, await Host.WithDbAsync(db => db.PublicationCorrections.CountAsync()), "no correction recorded");
    }

    [TestMethod]
    public async Task A_correction_with_a_reason_stores_the_values_keeps_the_previous_ones_with_reason_and_user_and_the_circular_shows_the_new_number()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var (settings, version) = await ReadAsync(bureau, cycle2021);
        var before = await StoredAsync(cycle2021);
        StringAssert.Contains(await CircularNumberAsync(bureau, cycle2021), $"〕{before.Number}号");

        var corrected = before.Number + 10;
        settings["number"] = corrected;
        settings["signatureDate"] = "2022-02-08";
        settings["printDate"] = "2022-02-09";
        settings["correctionReason"] = "印发时发文字号登记有误，经局办公室核对更正。";
        using var response = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/cycles/{cycle2021}/publication/corrections", settings, ifMatch: version));
        var correction = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.AreEqual(version + 1, response.ETag());
        Assert.AreEqual(before.Number, correction.GetProperty("previous").GetProperty("number").GetInt32());
        Assert.AreEqual(corrected, correction.GetProperty("corrected").GetProperty("number").GetInt32());

        var after = await StoredAsync(cycle2021);
        Assert.AreEqual(corrected, after.Number);
        Assert.AreEqual(new DateOnly(2022, 2, 8), after.SignatureDate);
        Assert.AreEqual(version + 1, after.Version);

        // The history: the replaced values, the reason, who and when, through the API and in the database.
        using var history = await bureau.GetAsync($"/api/cycles/{cycle2021}/publication/corrections");
        var entries = await history.ExpectAsync(HttpStatusCode.OK);
        var last = entries.EnumerateArray().Last();
        Assert.AreEqual("印发时发文字号登记有误，经局办公室核对更正。", last.GetProperty("reason").GetString());
        Assert.AreEqual(Admin, last.GetProperty("correctedBy").GetString());
        Assert.AreEqual(before.Number, last.GetProperty("previous").GetProperty("number").GetInt32());
        Assert.AreEqual(
            before.SignatureDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            last.GetProperty("previous").TryGetProperty("signatureDate", out var date) && date.ValueKind == System.Text.Json.JsonValueKind.String ? date.GetString() : null);
        Assert.AreEqual(corrected, last.GetProperty("corrected").GetProperty("number").GetInt32());
        var stored = await Host.WithDbAsync(db => db.PublicationCorrections.AsNoTracking().OrderBy(c => c.Id).LastAsync(c => c.CycleId == cycle2021));
        Assert.AreEqual(Admin, stored.CorrectedByName);
        Assert.IsNotNull(stored.CorrectedById);
        Assert.AreEqual(before.Number, PublicationSettingsStore.ValuesOf(stored.Previous).Number);
        Assert.IsTrue(await Host.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.EntityType == nameof(PublicationCorrection) && e.EntityId == stored.Id.ToString(CultureInfo.InvariantCulture) && e.ActorName == Admin)), "the correction is audited");
        Assert.IsTrue(await Host.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.EntityType == nameof(PublicationSettings) && e.Action == AuditAction.Update && e.ActorName == Admin)), "the settings' change is audited");

        var number = await CircularNumberAsync(bureau, cycle2021);
        StringAssert.Contains(number, $"〕{corrected}号");
        Assert.DoesNotContain($"〕{before.Number}号", number);
    }

    [TestMethod]
    public async Task Before_publication_the_settings_save_as_before_and_a_correction_is_refused_with_409()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var (settings, version) = await ReadAsync(bureau, cycle2022);
        settings["correctionReason"] = "无需更正";
        using var correction = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/cycles/{cycle2022}/publication/corrections", settings, ifMatch: version));
        var problem = await correction.ExpectAsync(HttpStatusCode.Conflict);
        StringAssert.Contains(problem.GetProperty("title").GetString(), "尚未发布");

        using var withReason = await bureau.SendAsync(Json(HttpMethod.Put, $"/api/cycles/{cycle2022}/publication", settings, ifMatch: version));
        var refused = await withReason.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.IsTrue(refused.GetProperty("errors").TryGetProperty("correctionReason", out _), refused.ToString());

        settings.Remove("correctionReason");
        settings["number"] = 9;
        using var saved = await bureau.SendAsync(Json(HttpMethod.Put, $"/api/cycles/{cycle2022}/publication", settings, ifMatch: version));
        var stored = await saved.ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(9, stored.GetProperty("number").GetInt32());
        Assert.IsFalse(stored.TryGetProperty("correctionReason", out _), "the reason is no part of the settings");
        Assert.AreEqual(0, await Host.WithDbAsync(db => db.PublicationCorrections.CountAsync(c => c.CycleId == cycle2022)));
    }

    [TestMethod]
    public async Task The_page_of_a_published_cycle_shows_the_settings_read_only_and_corrects_them_only_with_a_reason()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var path = $"/bureau/cycles/{cycle2021}/publication";
        var page = await bureau.GetPageAsync(path);
        var before = await StoredAsync(cycle2021);
        StringAssert.Contains(page, "发文设置已锁定（只读）");
        StringAssert.Contains(page, $"〕{before.Number}号</dd>");
        Assert.DoesNotContain("保存发文设置", page, "no save button");
        Assert.DoesNotContain("<form method=\"post\" class=\"settings\" ", page, "no ordinary form");
        StringAssert.Contains(page, "name=\"Form.CorrectionReason\"");
        StringAssert.Contains(page, "提交更正");

        // An ordinary post (an old page kept open) is refused: 409, nothing changed.
        var fields = PageHtml.FormFields(page, "<form method=\"post\" class=\"settings correction\"");
        using var ordinary = await bureau.PostFieldsAsync(path, fields.With("Form.Number", "77"));
        Assert.AreEqual(HttpStatusCode.Conflict, ordinary.StatusCode);
        StringAssert.Contains(await ordinary.Content.ReadAsStringAsync(), "已锁定");

        var correct = $"{path}?handler=Correct";
        using var noReason = await bureau.PostFieldsAsync(correct, fields.With("Form.Number", "77").With("Form.CorrectionReason", " "));
        var refusedHtml = await noReason.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.BadRequest, noReason.StatusCode, refusedHtml);
        StringAssert.Contains(refusedHtml, "<span class=\"error\" id=\"correctionReason-error\">更正已发布的通报须填写更正理由。</span>");
        Assert.AreEqual(before.Number, (await StoredAsync(cycle2021)).Number, "nothing saved");

        using var done = await bureau.PostFieldsAsync(correct, fields.With("Form.Number", "77").With("Form.CorrectionReason", "页面更正：序号笔误"));
        Assert.AreEqual(HttpStatusCode.Redirect, done.StatusCode, await done.Content.ReadAsStringAsync());
        Assert.AreEqual(77, (await StoredAsync(cycle2021)).Number);
        var reloaded = await bureau.GetPageAsync(path);
        StringAssert.Contains(reloaded, "〕77号</dd>");
        var rows = PageHtml.TableRows(reloaded, "corrections");
        var row = rows.Single(r => r.Contains("页面更正：序号笔误"));
        CollectionAssert.Contains(row, Admin);
        CollectionAssert.Contains(row, $"青政务〔{before.NumberYear ?? 2022}〕{before.Number}号", string.Join(" | ", row));
    }

    private static async Task<(JsonObject Settings, long Version)> ReadAsync(HttpClient client, int cycleId)
    {
        using var read = await client.GetAsync($"/api/cycles/{cycleId}/publication");
        var body = await read.ExpectAsync(HttpStatusCode.OK);
        return (JsonNode.Parse(body.GetRawText())!.AsObject(), read.ETag());
    }

    private static Task<PublicationSettings> StoredAsync(int cycleId) =>
        Host.WithDbAsync(db => db.PublicationSettings.AsNoTracking().SingleAsync(s => s.CycleId == cycleId));

    /// <summary>The document number line (发文字号) of the circular downloaded now.</summary>
    private static async Task<string> CircularNumberAsync(HttpClient client, int cycleId)
    {
        using var response = await client.GetAsync($"/api/cycles/{cycleId}/reports/circular");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        using var document = new Docx(await response.Content.ReadAsByteArrayAsync());
        return document.Paragraphs.Select(Docx.TextOf).First(t => t.Contains('〔', StringComparison.Ordinal));
    }
}
