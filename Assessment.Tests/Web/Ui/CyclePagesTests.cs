using System.Globalization;
using System.Net;
using Assessment.Web.Demo;
using Assessment.Web.Persistence;
using Assessment.Web.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Assessment.Tests.Web.DemoAccounts;

namespace Assessment.Tests.Web.Ui;

/// <summary>
/// The bureau manages cycles from the pages (on the seeded demo, a SQLite file, through the real pipeline): creates one
/// with the form, opens it, starts its review and schedules inspections and self-assessments, all through the services the
/// API uses; refusals are shown and change nothing; other roles are refused.
/// </summary>
[TestClass]
public sealed class CyclePagesTests
{
    private const string NewPage = "/bureau/cycles/new";

    private static ApiHost? host;
    private static int cycle2021;

    private static ApiHost Host => host!;

    [ClassInitialize]
    public static async Task SeedAsync(TestContext context)
    {
        host = ApiHost.Sqlite();
        await Host.SeedDemoAsync();
        cycle2021 = await Host.CycleIdAsync(2021);
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
    public async Task The_bureau_creates_a_cycle_from_the_form_and_it_is_stored_with_the_values_entered_and_audited()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var list = await bureau.GetPageAsync("/bureau/cycles");
        StringAssert.Contains(list, $"href=\"{NewPage}\"");
        Assert.DoesNotContain("/api/cycles/", list, "the list no longer sends the bureau to the API");

        var year = await Host.WithDbAsync(db => db.Cycles.MaxAsync(c => c.Year)) + 1;
        var html = await bureau.GetPageAsync(NewPage);
        var fields = PageHtml.FormFields(html, "data-form=\"new-cycle\"");
        Assert.AreEqual(year.ToString(CultureInfo.InvariantCulture), fields.Value("Year"), "the year after the latest cycle");
        Assert.AreEqual($"{year}年度全省公共资源交易中心考核", fields.Value("Title"));
        StringAssert.Contains(html, "<option value=\"qh-demo-2021\"");
        StringAssert.Contains(html, "<option value=\"qh-demo-2022\"");

        const string title = "2023年度全省公共资源交易中心考核（表单）";
        using var response = await bureau.PostFieldsAsync(NewPage, fields
            .With("Title", title)
            .With("CriteriaVersionId", "qh-demo-2022")
            .With("ScheduleStart", "2024-01-08")
            .With("ScheduleEnd", "2024-03-29"));
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, await response.Content.ReadAsStringAsync());

        var cycle = await Host.WithDbAsync(db => db.Cycles.SingleAsync(c => c.Title == title));
        Assert.AreEqual($"/bureau/cycles/{cycle.Id}", response.Headers.Location!.OriginalString);
        Assert.AreEqual(year, cycle.Year);
        Assert.AreEqual("qh-demo-2022", cycle.CriteriaVersionId);
        Assert.AreEqual(new DateOnly(2024, 1, 8), cycle.ScheduleStart);
        Assert.AreEqual(new DateOnly(2024, 3, 29), cycle.ScheduleEnd);
        Assert.AreEqual(CycleStatus.Draft, cycle.Status);
        var id = cycle.Id.ToString(CultureInfo.InvariantCulture);
        Assert.IsTrue(await Host.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.EntityType == nameof(AssessmentCycle) && e.EntityId == id && e.ActorName == Admin)), "the creation is audited with the bureau's name");

        var dashboard = await bureau.GetPageAsync($"/bureau/cycles/{cycle.Id}");
        StringAssert.Contains(dashboard, title);
        StringAssert.Contains(dashboard, "已新建考核周期");
        StringAssert.Contains(PageHtml.Text(dashboard), "草稿");
        StringAssert.Contains(dashboard, "开启填报");
        StringAssert.Contains(await bureau.GetPageAsync("/bureau/cycles"), $"<a href=\"/bureau/cycles/{cycle.Id}\">{title}</a>");
    }

    [TestMethod]
    public async Task A_year_out_of_range_and_an_end_before_the_start_are_shown_per_field_and_nothing_is_saved()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var before = await CycleCountAsync();
        var fields = PageHtml.FormFields(await bureau.GetPageAsync(NewPage), "data-form=\"new-cycle\"");
        using var response = await bureau.PostFieldsAsync(NewPage, fields
            .With("Year", "1999")
            .With("Title", "1999年度考核（无效）")
            .With("ScheduleStart", "2024-03-01")
            .With("ScheduleEnd", "2024-02-01"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains(html, "<span class=\"error\" id=\"year-error\">年度应在 2000–2100 之间。</span>");
        StringAssert.Contains(html, "<span class=\"error\" id=\"scheduleEnd-error\">结束日期不能早于开始日期。</span>");
        StringAssert.Contains(html, "考核周期未保存。");
        Assert.DoesNotContain("id=\"scheduleStart-error\"", html, "a valid field is not flagged");
        var shown = PageHtml.FormFields(html, "data-form=\"new-cycle\"");
        Assert.AreEqual("1999", shown.Value("Year"), "what the user typed is kept");
        Assert.AreEqual("2024-02-01", shown.Value("ScheduleEnd"));
        Assert.AreEqual(before, await CycleCountAsync(), "nothing saved");

        using var text = await bureau.PostFieldsAsync(NewPage, fields.With("Year", "二〇二三").With("ScheduleStart", "").With("ScheduleEnd", "2024-02-01"));
        var textHtml = await text.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.BadRequest, text.StatusCode);
        StringAssert.Contains(textHtml, "年度应在 2000–2100 之间。");
        StringAssert.Contains(textHtml, "<span class=\"error\" id=\"scheduleStart-error\">请填写开始日期（2000–2101 年）。</span>");
        Assert.AreEqual(before, await CycleCountAsync(), "nothing saved");
    }

    [TestMethod]
    public async Task An_unknown_criteria_version_is_refused_on_its_field_and_nothing_is_saved()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var before = await CycleCountAsync();
        var fields = PageHtml.FormFields(await bureau.GetPageAsync(NewPage), "data-form=\"new-cycle\"");
        using var response = await bureau.PostFieldsAsync(NewPage, fields
            .With("CriteriaVersionId", "qh-demo-1999")
            .With("ScheduleStart", "2024-01-08")
            .With("ScheduleEnd", "2024-03-29"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains(html, "<span class=\"error\" id=\"criteriaVersionId-error\">考核标准版本“qh-demo-1999”不存在。</span>");
        Assert.AreEqual(before, await CycleCountAsync(), "nothing saved");
    }

    [TestMethod]
    public async Task Opening_and_starting_the_review_need_the_confirmation_and_move_the_status()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var id = await CreateThroughFormAsync(bureau, "2024年度全省公共资源交易中心考核（状态）");
        var path = $"/bureau/cycles/{id}";

        var unconfirmed = PageHtml.FormFields(await bureau.GetPageAsync(path), "data-form=\"transition\"");
        using var refused = await bureau.PostFieldsAsync($"{path}?handler=Open", unconfirmed);
        Assert.AreEqual(HttpStatusCode.BadRequest, refused.StatusCode);
        StringAssert.Contains(await refused.Content.ReadAsStringAsync(), "请勾选确认后再开启填报");
        Assert.AreEqual(CycleStatus.Draft, await StatusAsync(id), "nothing changed without the confirmation");

        using var opened = await bureau.PostFieldsAsync($"{path}?handler=Open", unconfirmed.With("ConfirmTransition", "true"));
        Assert.AreEqual(HttpStatusCode.Redirect, opened.StatusCode, await opened.Content.ReadAsStringAsync());
        Assert.AreEqual(CycleStatus.Open, await StatusAsync(id));
        var open = await bureau.GetPageAsync(path);
        StringAssert.Contains(open, "已开启填报。");
        StringAssert.Contains(open, "handler=Review");
        StringAssert.Contains(PageHtml.Text(open), "开始审核");

        var review = PageHtml.FormFields(open, "data-form=\"transition\"").With("ConfirmTransition", "true");
        using var reviewed = await bureau.PostFieldsAsync($"{path}?handler=Review", review);
        Assert.AreEqual(HttpStatusCode.Redirect, reviewed.StatusCode, await reviewed.Content.ReadAsStringAsync());
        Assert.AreEqual(CycleStatus.UnderReview, await StatusAsync(id));
        var underReview = await bureau.GetPageAsync(path);
        StringAssert.Contains(underReview, "已开始审核。");
        Assert.DoesNotContain("data-form=\"transition\"", underReview, "no transition is offered under review (publishing is)");
        Assert.DoesNotContain("data-form=\"schedule\"", underReview);
    }

    [TestMethod]
    public async Task A_stale_page_or_a_wrong_state_is_refused_with_a_message_and_changes_nothing()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var id = await CreateThroughFormAsync(bureau, "2025年度全省公共资源交易中心考核（并发）");
        var path = $"/bureau/cycles/{id}";
        var stale = PageHtml.FormFields(await bureau.GetPageAsync(path), "data-form=\"transition\"").With("ConfirmTransition", "true");

        // Someone else changes the cycle meanwhile (a new version, still a draft).
        await Host.WithDbAsync(async db =>
        {
            var cycle = await db.Cycles.SingleAsync(c => c.Id == id);
            cycle.ScheduleEnd = cycle.ScheduleEnd.AddDays(7);
            return await db.SaveChangesAsync();
        });
        var version = await VersionAsync(id);

        using var refused = await bureau.PostFieldsAsync($"{path}?handler=Open", stale);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        StringAssert.Contains(html, "开启填报未成功：");
        StringAssert.Contains(html, "已被他人修改");
        StringAssert.Contains(html, "考核周期未作任何更改。");
        Assert.AreEqual(CycleStatus.Draft, await StatusAsync(id));
        Assert.AreEqual(version, await VersionAsync(id));

        // Starting the review of a draft is not a transition the workflow allows.
        var fresh = PageHtml.FormFields(html, "data-form=\"transition\"").With("ConfirmTransition", "true");
        using var wrongState = await bureau.PostFieldsAsync($"{path}?handler=Review", fresh);
        var wrongHtml = await wrongState.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.Conflict, wrongState.StatusCode);
        StringAssert.Contains(wrongHtml, "当前状态为“草稿”，不能改为“审核中”。");
        Assert.AreEqual(CycleStatus.Draft, await StatusAsync(id));
        Assert.AreEqual(version, await VersionAsync(id));

        // The form shown with the refusal carries the current version: opening from it works.
        using var opened = await bureau.PostFieldsAsync($"{path}?handler=Open", fresh);
        Assert.AreEqual(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.AreEqual(CycleStatus.Open, await StatusAsync(id));
    }

    [TestMethod]
    public async Task An_inspection_scheduled_with_inspectors_appears_on_their_list_and_refusals_save_nothing()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        const string title = "2026年度全省公共资源交易中心考核（安排）";
        var id = await CreateThroughFormAsync(bureau, title);
        var path = $"/bureau/cycles/{id}";
        using (var opened = await bureau.PostFieldsAsync($"{path}?handler=Open", PageHtml.FormFields(await bureau.GetPageAsync(path), "data-form=\"transition\"").With("ConfirmTransition", "true")))
        {
            Assert.AreEqual(HttpStatusCode.Redirect, opened.StatusCode);
        }

        var (center, centerName) = await Host.WithDbAsync(async db => await db.Centers.Where(c => c.Code == "QH-HB").Select(c => ValueTuple.Create(c.Id, c.Name)).SingleAsync());
        var wang = await Host.WithDbAsync(db => db.Users.Where(u => u.UserName == "inspector.wang").Select(u => u.Id).SingleAsync());
        using (var beforeWang = await PageHtml.SignInAsync(Host, "inspector.wang", DemoAccounts.InspectorWangPassword))
        {
            Assert.DoesNotContain(title, await beforeWang.GetPageAsync("/checklists"));
        }

        var html = await bureau.GetPageAsync(path);
        StringAssert.Contains(html, $"<option value=\"{center}\">{centerName}（未安排：考核、自评）</option>");
        StringAssert.Contains(html, $"value=\"{wang}\"");
        var form = PageHtml.FormFields(html, "data-form=\"schedule\"").With("ScheduleCenterId", center.ToString(CultureInfo.InvariantCulture));

        // A self-assessment takes no inspectors: refused on the workflow's rule, nothing saved.
        using (var self = await bureau.PostFieldsAsync($"{path}?handler=Schedule", form.With("ScheduleKind", "SelfAssessment").With("InspectorIds", wang)))
        {
            Assert.AreEqual(HttpStatusCode.BadRequest, self.StatusCode);
            StringAssert.Contains(await self.Content.ReadAsStringAsync(), "自评不分配考核组成员。");
        }

        Assert.AreEqual(0, await AssessmentCountAsync(id));

        using (var created = await bureau.PostFieldsAsync($"{path}?handler=Schedule", form.With("ScheduleKind", "Inspection").With("InspectorIds", wang)))
        {
            Assert.AreEqual(HttpStatusCode.Redirect, created.StatusCode, await created.Content.ReadAsStringAsync());
        }

        var inspection = await Host.WithDbAsync(db => db.Assessments.Include(a => a.Inspectors).SingleAsync(a => a.CycleId == id));
        Assert.AreEqual(center, inspection.CenterId);
        Assert.AreEqual(AssessmentKind.Inspection, inspection.Kind);
        CollectionAssert.AreEqual(new[] { wang }, inspection.Inspectors.Select(i => i.Id).ToArray());
        var after = await bureau.GetPageAsync(path);
        StringAssert.Contains(after, $"已安排{centerName}的考核，考核组：");
        StringAssert.Contains(after, $"<option value=\"{center}\">{centerName}（未安排：自评）</option>");

        using (var inspector = await PageHtml.SignInAsync(Host, "inspector.wang", DemoAccounts.InspectorWangPassword))
        {
            var mine = await inspector.GetPageAsync("/checklists");
            StringAssert.Contains(mine, title);
            StringAssert.Contains(mine, $"<a href=\"/checklists/{inspection.Id}\">{centerName}</a>");
        }

        using (var li = await PageHtml.SignInAsync(Host, "inspector.li", DemoAccounts.InspectorLiPassword))
        {
            Assert.DoesNotContain(title, await li.GetPageAsync("/checklists"), "an inspector not chosen does not see it");
        }

        // The same center's inspection again: the workflow's refusal, nothing saved.
        using (var duplicate = await bureau.PostFieldsAsync($"{path}?handler=Schedule", form.With("ScheduleKind", "Inspection")))
        {
            Assert.AreEqual(HttpStatusCode.Conflict, duplicate.StatusCode);
            var duplicateHtml = await duplicate.Content.ReadAsStringAsync();
            StringAssert.Contains(duplicateHtml, "已有考核。");
            StringAssert.Contains(duplicateHtml, "未保存任何考核。");
        }

        Assert.AreEqual(1, await AssessmentCountAsync(id));
    }

    [TestMethod]
    public async Task Scheduling_in_a_published_cycle_is_refused_and_saves_nothing()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var path = $"/bureau/cycles/{cycle2021}";
        var page = await bureau.GetPageAsync(path);
        Assert.DoesNotContain("data-form=\"schedule\"", page, "a published cycle offers no scheduling");
        var center = await Host.WithDbAsync(db => db.Centers.Select(c => c.Id).FirstAsync());
        var before = await AssessmentCountAsync(cycle2021);
        using var response = await bureau.PostFieldsAsync($"{path}?handler=Schedule",
            [new("ScheduleCenterId", center.ToString(CultureInfo.InvariantCulture)), new("ScheduleKind", "SelfAssessment"), new("__RequestVerificationToken", PageForms.AntiforgeryToken(page))]);
        Assert.AreEqual(HttpStatusCode.Conflict, response.StatusCode);
        Assert.AreEqual(before, await AssessmentCountAsync(cycle2021));
    }

    [TestMethod]
    public async Task Inspectors_center_staff_and_analysts_are_refused_every_new_page_and_handler()
    {
        var draft = await CreateDraftAsync("2027年度全省公共资源交易中心考核（权限）");
        var center = await Host.WithDbAsync(db => db.Centers.Select(c => c.Id).FirstAsync());
        var refused = new[] { ("haibei", DemoAccounts.HaibeiPassword), ("inspector.wang", DemoAccounts.InspectorWangPassword), ("analyst", DemoAccounts.AnalystPassword) };
        foreach (var (user, password) in refused)
        {
            using var client = await PageHtml.SignInAsync(Host, user, password);
            // A token of the user's own (from a page they may open), so only the authorization can refuse.
            var token = PageForms.AntiforgeryToken(await client.GetPageAsync("/criteria"));
            using (var get = await client.GetAsync(NewPage))
            {
                Assert.AreEqual(HttpStatusCode.Redirect, get.StatusCode, $"{user} GET {NewPage}");
                StringAssert.StartsWith(get.Headers.Location!.AbsolutePath, "/account/denied", user);
            }

            var posts = new (string Action, KeyValuePair<string, string>[] Fields)[]
            {
                (NewPage, [new("Year", "2028"), new("Title", "越权新建"), new("CriteriaVersionId", "qh-demo-2022"), new("ScheduleStart", "2029-01-01"), new("ScheduleEnd", "2029-02-01")]),
                ($"/bureau/cycles/{draft}?handler=Open", [new("ConfirmTransition", "true"), new("Version", (await VersionAsync(draft)).ToString(CultureInfo.InvariantCulture))]),
                ($"/bureau/cycles/{draft}?handler=Review", [new("ConfirmTransition", "true")]),
                ($"/bureau/cycles/{draft}?handler=Schedule", [new("ScheduleCenterId", center.ToString(CultureInfo.InvariantCulture)), new("ScheduleKind", "SelfAssessment")]),
            };
            foreach (var (action, fields) in posts)
            {
                using var post = await client.PostFieldsAsync(action, [.. fields, new("__RequestVerificationToken", token)]);
                Assert.AreEqual(HttpStatusCode.Redirect, post.StatusCode, $"{user} POST {action}");
                StringAssert.StartsWith(post.Headers.Location!.AbsolutePath, "/account/denied", $"{user} POST {action}");
            }

            using var denied = await client.GetAsync("/account/denied");
            Assert.AreEqual(HttpStatusCode.Forbidden, denied.StatusCode, "the refusal page answers 403");
        }

        Assert.AreEqual(CycleStatus.Draft, await StatusAsync(draft));
        Assert.AreEqual(0, await AssessmentCountAsync(draft));
        Assert.IsFalse(await Host.WithDbAsync(db => db.Cycles.AnyAsync(c => c.Title == "越权新建")));
    }

    private static async Task<int> CreateThroughFormAsync(HttpClient bureau, string title)
    {
        var fields = PageHtml.FormFields(await bureau.GetPageAsync(NewPage), "data-form=\"new-cycle\"");
        using var response = await bureau.PostFieldsAsync(NewPage, fields
            .With("Title", title)
            .With("CriteriaVersionId", "qh-demo-2022")
            .With("ScheduleStart", "2024-01-08")
            .With("ScheduleEnd", "2024-03-29"));
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, await response.Content.ReadAsStringAsync());
        return await Host.WithDbAsync(db => db.Cycles.Where(c => c.Title == title).Select(c => c.Id).SingleAsync());
    }

    private static async Task<int> CreateDraftAsync(string title)
    {
        await using var scope = Host.Scope();
        var cycle = await scope.ServiceProvider.GetRequiredService<CycleService>()
            .CreateAsync(new NewCycle(2027, title, "qh-demo-2022", new DateOnly(2028, 1, 3), new DateOnly(2028, 3, 31)));
        return cycle.Id;
    }

    private static Task<int> CycleCountAsync() => Host.WithDbAsync(db => db.Cycles.CountAsync());

    private static Task<int> AssessmentCountAsync(int cycleId) => Host.WithDbAsync(db => db.Assessments.CountAsync(a => a.CycleId == cycleId));

    private static Task<CycleStatus> StatusAsync(int cycleId) => Host.WithDbAsync(db => db.Cycles.Where(c => c.Id == cycleId).Select(c => c.Status).SingleAsync());

    private static Task<long> VersionAsync(int cycleId) => Host.WithDbAsync(db => db.Cycles.Where(c => c.Id == cycleId).Select(c => c.Version).SingleAsync());
}
