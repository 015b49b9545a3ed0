using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Assessment.Tests.Browser;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web.Ui;

/// <summary>
/// The ledger pages on the seeded demo with the app's clock at <see cref="DemoPages.Now"/> (2022-12-27 China time):
/// the overview, a center's ledger with its overdue and due-soon items, the center's edit form, the bureau's
/// verification and the Excel import.
/// </summary>
[TestClass]
public sealed class LedgerPagesTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DemoPages.Now.DateTime);

    private static BrowserApp? app;

    private static BrowserApp App => app!;

    [ClassInitialize]
    public static void Start(TestContext context) => app = DemoPages.Start();

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task The_overview_shows_the_province_rate_each_centers_rate_and_the_overdue_and_due_soon_items()
    {
        using var client = await App.SignInAsync(DemoAccounts.Admin, DemoAccounts.AdminPassword);
        var cycle = await App.CycleIdAsync(2021);
        var html = await client.GetPageAsync("/ledger");
        var ledgers = await App.WithDbAsync(db => db.RectificationLedgers.AsNoTracking().Where(l => l.CycleId == cycle)
            .Include(l => l.Center).Include(l => l.Findings).ThenInclude(f => f.Actions).ToListAsync());
        Assert.HasCount(8, ledgers);

        var total = LedgerProgress.Sum(ledgers.Select(l => LedgerProgress.Of(l, Today)));
        StringAssert.Contains(html, $"data-province-rate>全省{total.CompletionRateText}</p>");
        foreach (var ledger in ledgers)
        {
            var p = LedgerProgress.Of(ledger, Today);
            StringAssert.Contains(html, $"{p.Completed}/{p.SpecificProblems}</td>", ledger.Center!.Name);
            StringAssert.Contains(html, $"{p.CompletionRate.ToString("0.00", CultureInfo.InvariantCulture)}%", ledger.Center.Name);
        }

        // The demo's rates per center, as the README gives them.
        StringAssert.Contains(html, "29.41%");
        StringAssert.Contains(html, "23.81%");

        // Overdue: 海南州 and 玉树州 have items not started past 2022-06-30 (and 海东市 one sent back); due soon: the items
        // in progress with a 2022-12-31 deadline.
        var overdue = ledgers.SelectMany(l => l.Findings.SelectMany(f => f.Actions).Where(a => a.IsOverdue(Today)).Select(a => (l.Center!.Code, a))).ToList();
        var dueSoon = ledgers.SelectMany(l => l.Findings.SelectMany(f => f.Actions).Where(a => a.IsDueSoon(Today, 7)).Select(a => (l.Center!.Code, a))).ToList();
        CollectionAssert.IsSubsetOf(new[] { "QH-HAN", "QH-YS" }, overdue.Select(o => o.Code).Distinct().ToList());
        Assert.IsNotEmpty(dueSoon);
        StringAssert.Contains(html, $"⚠ {overdue.Count} 项已逾期，{dueSoon.Count} 项7日内到期");
        foreach (var (_, action) in overdue.Concat(dueSoon))
        {
            StringAssert.Contains(html, $"#action-{action.Id}\"");
        }

        var hainan = ledgers.Single(l => l.Center!.Code == "QH-HAN");
        StringAssert.Contains(html, $"<tr class=\"overdue\" data-center=\"{hainan.CenterId}\">");
        StringAssert.Contains(html, $"/odata/RectificationActions?$filter=CycleId eq {cycle}");
    }

    [TestMethod]
    public async Task Hainans_ledger_lists_its_items_with_the_overdue_flags_and_the_reminder_at_the_top()
    {
        using var client = await App.SignInAsync(DemoAccounts.Analyst, DemoAccounts.AnalystPassword);
        var (center, cycle) = (await App.CenterIdAsync("QH-HAN"), await App.CycleIdAsync(2021));
        var html = await client.GetPageAsync($"/ledger/{center}/{cycle}");
        var ledger = await App.LedgerAsync(center, cycle);
        var progress = LedgerProgress.Of(ledger, Today);

        StringAssert.Contains(html, $"data-rate>{progress.CompletionRateText}</p>");
        Assert.AreEqual("完成率29.41%", progress.CompletionRateText);
        var actions = ledger.Findings.SelectMany(f => f.Actions).ToList();
        var overdue = actions.Where(a => a.IsOverdue(Today)).ToList();
        var dueSoon = actions.Where(a => a.IsDueSoon(Today, 7)).ToList();
        Assert.IsNotEmpty(overdue);
        Assert.IsNotEmpty(dueSoon);
        StringAssert.Contains(html, $"⚠ {overdue.Count} 项已逾期，{dueSoon.Count} 项7日内到期");
        foreach (var aspect in ledger.Aspects)
        {
            StringAssert.Contains(html, aspect.Title);
        }

        foreach (var action in actions)
        {
            var card = Card(html, action.Id);
            Assert.AreEqual(action.IsOverdue(Today), card.Contains("data-overdue>", StringComparison.Ordinal), $"action {action.Id} overdue flag");
            Assert.AreEqual(action.IsDueSoon(Today, 7), card.Contains("data-due-soon>", StringComparison.Ordinal), $"action {action.Id} due-soon flag");
            StringAssert.Contains(card, $"data-status>{ActionDto.StatusName(action.Status)}</span>");
            StringAssert.Contains(card, action.Measures!);
        }

        // An analyst reads: no forms to edit or verify, the export link to the feed.
        Assert.DoesNotContain("name=\"conclusion\"", html);
        Assert.DoesNotContain("/actions/", html);
        StringAssert.Contains(html, $"/odata/RectificationActions?$filter=CenterId eq {center} and CycleId eq {cycle}");
    }

    [TestMethod]
    public async Task Center_staff_opening_the_overview_are_sent_to_their_own_ledger()
    {
        using var client = await App.SignInAsync(DemoAccounts.Xining, DemoAccounts.XiningPassword);
        using var response = await client.GetAsync("/ledger");
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.AreEqual($"/ledger/{await App.CenterIdAsync("QH-XN")}/{await App.CycleIdAsync(2021)}", response.Headers.Location!.OriginalString);
    }

    [TestMethod]
    public async Task An_action_edited_by_center_staff_through_the_form_is_saved_and_audited()
    {
        using var client = await App.SignInAsync(DemoAccounts.Xining, DemoAccounts.XiningPassword);
        var (center, cycle) = (await App.CenterIdAsync("QH-XN"), await App.CycleIdAsync(2021));
        var action = (await App.LedgerAsync(center, cycle)).Findings.OrderBy(f => f.Order).SelectMany(f => f.Actions)
            .First(a => a.Status == ActionStatus.InProgress && a.Id != Reserved.InProgressAction);
        var evidence = await CenterEvidenceAsync(center);
        var path = $"/ledger/{center}/{cycle}/actions/{action.Id}";

        using var response = await client.PostFormAsync(path,
        [
            new("Form.Version", action.Version.ToString(CultureInfo.InvariantCulture)),
            new("Form.Measures", "升级音视频监控设备，12月20日通过验收"),
            new("Form.LastingRules", "《设备运行维护制度》"),
            new("Form.Status", "Completed"),
            new("Form.CompletedOn", "2022-12-20"),
            new("Form.ProgressNote", ""),
            new("Form.EvidenceIds", evidence.ToString(CultureInfo.InvariantCulture)),
        ]);
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.AreEqual($"/ledger/{center}/{cycle}?done=saved&item={action.Id}#action-{action.Id}", response.Headers.Location!.OriginalString);

        var saved = (await App.LedgerAsync(center, cycle)).Findings.SelectMany(f => f.Actions).Single(a => a.Id == action.Id);
        Assert.AreEqual(ActionStatus.Completed, saved.Status);
        Assert.AreEqual(new DateOnly(2022, 12, 20), saved.CompletedOn);
        Assert.AreEqual("升级音视频监控设备，12月20日通过验收", saved.Measures);
        Assert.AreEqual("《设备运行维护制度》", saved.LastingRules);
        CollectionAssert.AreEqual(new[] { evidence }, saved.EvidenceIds);

        var (userId, audits) = await App.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == DemoAccounts.Xining);
            var entries = await db.AuditLog.Where(e => e.EntityType == nameof(RectificationAction) && e.EntityId == action.Id.ToString(CultureInfo.InvariantCulture)
                && e.ActorId == user.Id).ToListAsync();
            return (user.Id, entries);
        });
        Assert.IsTrue(audits.Any(e => e.After!.Contains("Completed", StringComparison.Ordinal)), "the status change is audited under the center user");
        Assert.IsTrue(audits.Any(e => e.After!.Contains("12月20日通过验收", StringComparison.Ordinal)), "the measures change is audited");
        Assert.IsFalse(string.IsNullOrEmpty(userId));

        var page = await client.GetPageAsync($"/ledger/{center}/{cycle}?done=saved&item={action.Id}");
        StringAssert.Contains(page, $"整改事项{action.Id}已保存。");
        StringAssert.Contains(Card(page, action.Id), "data-completed-on>2022-12-20</dd>");
    }

    [TestMethod]
    public async Task A_completion_date_after_today_is_refused_naming_the_field_and_nothing_of_the_form_is_saved()
    {
        using var client = await App.SignInAsync(DemoAccounts.Xining, DemoAccounts.XiningPassword);
        var (center, cycle) = (await App.CenterIdAsync("QH-XN"), await App.CycleIdAsync(2021));
        var action = (await App.LedgerAsync(center, cycle)).Findings.SelectMany(f => f.Actions).Single(a => a.Id == Reserved.InProgressAction);
        var path = $"/ledger/{center}/{cycle}/actions/{action.Id}";

        using var response = await client.PostFormAsync(path,
        [
            new("Form.Version", action.Version.ToString(CultureInfo.InvariantCulture)),
            new("Form.Measures", "这条修改不应被保存"),
            new("Form.Status", "Completed"),
            new("Form.CompletedOn", Today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ]);
        var html = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, response.StatusCode, html);
        StringAssert.Contains(html, $"<li data-field=\"Form.CompletedOn\">整改事项{action.Id}的完成时间不能晚于今天。</li>");
        StringAssert.Contains(html, "这条修改不应被保存", "what the user typed is kept in the form");

        var after = (await App.LedgerAsync(center, cycle)).Findings.SelectMany(f => f.Actions).Single(a => a.Id == action.Id);
        Assert.AreEqual(action.Measures, after.Measures, "the measures were not saved either");
        Assert.AreEqual(action.Status, after.Status);
        Assert.AreEqual(action.Version, after.Version);
    }

    [TestMethod]
    public async Task The_bureau_closes_an_item_with_evidence_and_a_close_without_evidence_is_refused_with_the_services_message()
    {
        using var bureau = await App.SignInAsync(DemoAccounts.Admin, DemoAccounts.AdminPassword);
        var (center, cycle) = (await App.CenterIdAsync("QH-XN"), await App.CycleIdAsync(2021));
        var ledger = await App.LedgerAsync(center, cycle);
        var waiting = ledger.Findings.SelectMany(f => f.Actions).First(a => a.Status == ActionStatus.Completed && !a.IsClosed && a.EvidenceIds.Count > 0);
        var path = $"/ledger/{center}/{cycle}";

        using (var closed = await bureau.PostFormAsync(path, [new("conclusion", "经核查佐证材料，整改到位，同意销号。")], $"{path}?handler=Close&actionId={waiting.Id}"))
        {
            Assert.AreEqual(HttpStatusCode.Redirect, closed.StatusCode, await closed.Content.ReadAsStringAsync());
        }

        var after = (await App.LedgerAsync(center, cycle)).Findings.SelectMany(f => f.Actions).Single(a => a.Id == waiting.Id);
        Assert.IsTrue(after.IsClosed);
        Assert.AreEqual("经核查佐证材料，整改到位，同意销号。", after.ClosingConclusion);
        StringAssert.Contains(Card(await bureau.GetPageAsync(path), waiting.Id), "data-closed>✓ 已销号</span>");

        // An item of 黄南州 its staff marked completed without any evidence: the bureau may not close it.
        var huangnan = await App.CenterIdAsync("QH-HUN");
        path = $"/ledger/{huangnan}/{cycle}";
        var bare = (await App.LedgerAsync(huangnan, cycle)).Findings.SelectMany(f => f.Actions).First(a => a.Status == ActionStatus.InProgress);
        await using (var scope = App.Scope())
        {
            var service = scope.ServiceProvider.GetRequiredService<LedgerService>();
            var (action, _) = await service.LoadActionAsync(bare.Id);
            await service.SetStatusAsync(action, new StatusRequest(ActionStatus.Completed, new DateOnly(2022, 12, 1)), null);
        }

        var before = (await App.LedgerAsync(huangnan, cycle)).Findings.SelectMany(f => f.Actions).Single(a => a.Id == bare.Id);
        using var refused = await bureau.PostFormAsync(path, [new("conclusion", "同意销号。")], $"{path}?handler=Close&actionId={bare.Id}");
        var html = await refused.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, refused.StatusCode, html);
        StringAssert.Contains(Card(html, bare.Id), $"data-error>整改事项{bare.Id}没有佐证材料，不能销号。</p>");
        var unchanged = (await App.LedgerAsync(huangnan, cycle)).Findings.SelectMany(f => f.Actions).Single(a => a.Id == bare.Id);
        Assert.IsFalse(unchanged.IsClosed);
        Assert.AreEqual(before.Version, unchanged.Version);
        Assert.HasCount(before.Verifications.Count, unchanged.Verifications);

        // Center staff cannot verify, even by posting the form on their own ledger.
        using var staff = await App.SignInAsync(DemoAccounts.Xining, DemoAccounts.XiningPassword);
        var own = $"/ledger/{center}/{cycle}";
        using var forged = await staff.PostFormAsync(own, [new("conclusion", "自己销号")], $"{own}?handler=Close&actionId={waiting.Id}");
        Assert.AreEqual(HttpStatusCode.Redirect, forged.StatusCode);
        StringAssert.StartsWith(forged.Headers.Location!.PathAndQuery, "/account/denied");
    }

    [TestMethod]
    public async Task The_import_preview_names_the_row_and_column_of_each_error_and_nothing_is_saved_until_confirmed()
    {
        using var client = await App.SignInAsync(DemoAccounts.Xining, DemoAccounts.XiningPassword);
        var (center, cycle) = (await App.CenterIdAsync("QH-XN"), await App.CycleIdAsync(2021));
        var path = $"/ledger/{center}/{cycle}/import";
        var before = await ActionCountAsync(center, cycle);

        using var bad = await UploadAsync(client, path, RectificationImportTests.Workbook([.. RectificationImportTests.Good, .. RectificationImportTests.Bad]));
        var html = await bad.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, bad.StatusCode, html);
        StringAssert.Contains(html, "工作簿有3处错误，未保存任何内容。");
        StringAssert.Contains(html, "data-row=\"7\" data-column=\"完成时限\">第7行“完成时限”列：");
        StringAssert.Contains(html, "2022-13-45");
        StringAssert.Contains(html, "data-row=\"8\" data-column=\"整改状态\">第8行“整改状态”列：");
        StringAssert.Contains(html, "data-row=\"9\" data-column=\"整改措施\">第9行“整改措施”列：");
        Assert.DoesNotContain("name=\"token\"", html, "no confirmation for a workbook with errors");
        Assert.AreEqual(before, await ActionCountAsync(center, cycle));

        using var good = await UploadAsync(client, path, RectificationImportTests.Workbook(RectificationImportTests.Good));
        html = await good.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, good.StatusCode, html);
        StringAssert.Contains(html, "没有错误。确认后将这4行追加到台账");
        Assert.AreEqual(before, await ActionCountAsync(center, cycle), "the preview saves nothing");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"token\" value=\"([0-9a-f]+)\"").Groups[1].Value;
        Assert.AreNotEqual("", token);

        using var confirm = await client.PostAsync($"{path}?handler=Confirm", new FormUrlEncodedContent(
            [new("token", token), new("__RequestVerificationToken", PageForms.AntiforgeryToken(html))]));
        Assert.AreEqual(HttpStatusCode.Redirect, confirm.StatusCode, await confirm.Content.ReadAsStringAsync());
        Assert.AreEqual($"/ledger/{center}/{cycle}?done=imported&item=4", confirm.Headers.Location!.OriginalString);
        Assert.AreEqual(before + 4, await ActionCountAsync(center, cycle));
        StringAssert.Contains(await client.GetPageAsync(confirm.Headers.Location.OriginalString), "已导入4个具体问题。");
    }

    [TestMethod]
    public async Task A_file_that_is_not_a_workbook_is_refused_on_the_import_page_with_the_reason_and_nothing_saved()
    {
        using var client = await App.SignInAsync(DemoAccounts.Xining, DemoAccounts.XiningPassword);
        var (center, cycle) = (await App.CenterIdAsync("QH-XN"), await App.CycleIdAsync(2021));
        var before = await ActionCountAsync(center, cycle);

        using var refused = await UploadAsync(client, $"/ledger/{center}/{cycle}/import", "序号,问题\n1,台账不完善\n"u8.ToArray());
        var html = await refused.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.UnsupportedMediaType, refused.StatusCode, html);
        StringAssert.Contains(html, "<form", "the import page itself, not an error page");
        Assert.DoesNotContain("服务器内部错误", html);
        Assert.AreEqual(before, await ActionCountAsync(center, cycle));
    }

    /// <summary>The card of one action on the ledger page.</summary>
    private static string Card(string html, int actionId)
    {
        var start = html.IndexOf($"id=\"action-{actionId}\"", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, $"the page shows action {actionId}");
        var next = html.IndexOf("id=\"action-", start + 10, StringComparison.Ordinal);
        return html[start..(next > 0 ? next : html.Length)];
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string path, byte[] workbook)
    {
        var token = PageForms.AntiforgeryToken(await client.GetPageAsync(path));
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue(LedgerWorkbook.ContentType);
        form.Add(file, "workbook", "台账.xlsx");
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync($"{path}?handler=Preview", form);
    }

    private static Task<int> ActionCountAsync(int center, int cycle) =>
        App.WithDbAsync(db => db.RectificationActions.CountAsync(a => db.Findings.Any(f => f.Id == a.FindingId && db.RectificationLedgers.Any(l => l.Id == f.LedgerId && l.CenterId == center && l.CycleId == cycle))));

    private static Task<int> CenterEvidenceAsync(int center) =>
        App.WithDbAsync(db => db.EvidenceFiles.Where(e => db.Assessments.Any(a => a.Id == e.AssessmentId && a.CenterId == center)).Select(e => e.Id).FirstAsync());

    /// <summary>Items one test relies on and the others leave alone (tests of the class share one app).</summary>
    private static class Reserved
    {
        private static readonly Lazy<int> InProgress = new(() =>
        {
            var (center, cycle) = (App.CenterIdAsync("QH-XN").Result, App.CycleIdAsync(2021).Result);
            return App.LedgerAsync(center, cycle).Result.Findings.OrderBy(f => f.Order).SelectMany(f => f.Actions.OrderBy(a => a.Order))
                .Last(a => a.Status == ActionStatus.InProgress).Id;
        });

        public static int InProgressAction => InProgress.Value;
    }
}
