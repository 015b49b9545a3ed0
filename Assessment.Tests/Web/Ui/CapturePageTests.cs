using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Assessment.Scoring.Criteria;
using static Assessment.Tests.Web.ApiRequests;

namespace Assessment.Tests.Web.Ui;

/// <summary>The capture pages (/checklists, /checklists/{id}) through the real pipeline on a SQLite file.</summary>
[TestClass]
public sealed partial class CapturePageTests
{
    private static ApiHost? host;
    private static ApiWorld? world;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        host = ApiHost.Sqlite();
        world = await ApiWorld.CreateAsync(host);
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
    public async Task Each_user_lists_only_the_checklists_they_may_open()
    {
        var w = world!;
        var expected = new Dictionary<string, int[]>
        {
            [w.Bureau] = [w.SelfA, w.SelfB, w.InspectionA, w.InspectionB],
            [w.Inspector] = [w.InspectionA, w.InspectionB],
            [w.OtherInspector] = [],
            [w.StaffA] = [w.SelfA],
            [w.StaffB] = [w.SelfB],
        };
        foreach (var (user, ids) in expected)
        {
            using var client = await host!.SignInAsync(user);
            var html = await client.GetPageAsync("/checklists");
            var listed = RowPattern().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            // The bureau sees every assessment in the database (other test classes' worlds too): check ours.
            CollectionAssert.AreEquivalent(ids, user == w.Bureau ? listed.Intersect(ids).ToList() : listed, user);
            foreach (var id in ids)
            {
                StringAssert.Contains(html, $"href=\"/checklists/{id}\"", user);
            }

            if (ids.Length == 0)
            {
                StringAssert.Contains(html, "目前没有分配给您的考核。");
            }
        }
    }

    [TestMethod]
    public async Task A_row_shows_cycle_center_kind_status_and_the_engines_progress()
    {
        var w = world!;
        using var inspector = await host!.SignInAsync(w.Inspector);
        var version = (await Checklist(inspector, w.InspectionB)).GetProperty("version").GetInt64();
        using var saved = await inspector.SendAsync(Json(HttpMethod.Patch, $"/api/assessments/{w.InspectionB}/answers",
            ApiWorld.Body(ApiWorld.Answers(w.Criteria, 0).Take(3)), version));
        await saved.ExpectAsync(HttpStatusCode.OK);

        var html = await inspector.GetPageAsync("/checklists");
        var row = RowOf(html, w.InspectionB);
        StringAssert.Contains(row, "2021年度考核");
        StringAssert.Contains(row, "格尔木市公共资源交易中心");
        StringAssert.Contains(row, "<span class=\"tag\">考核</span>");
        StringAssert.Contains(row, "填报中");
        StringAssert.Contains(row, $"<b>3/{w.Criteria.Items.Count}</b>");
        Assert.MatchesRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d", row, "last saved");
    }

    [TestMethod]
    public async Task The_checklist_page_renders_every_item_with_its_control_and_the_points_of_the_api()
    {
        var w = world!;
        using var inspector = await host!.SignInAsync(w.Inspector);
        var version = (await Checklist(inspector, w.InspectionA)).GetProperty("version").GetInt64();
        // Part of the checklist answered, with deductions (points lost, explanations that say why).
        using var saved = await inspector.SendAsync(Json(HttpMethod.Patch, $"/api/assessments/{w.InspectionA}/answers",
            ApiWorld.Body(ApiWorld.Answers(w.Criteria, 1).Where((_, i) => i % 2 == 0)), version));
        await saved.ExpectAsync(HttpStatusCode.OK);
        var api = await Checklist(inspector, w.InspectionA);

        var html = await inspector.GetPageAsync($"/checklists/{w.InspectionA}");
        Assert.AreEqual(w.Criteria.Items.Count, ItemPattern().Count(html), "one article per item of the criteria version");
        foreach (var item in w.Criteria.Items)
        {
            var article = ArticleOf(html, item.Id);
            StringAssert.Contains(article, WebUtility.HtmlEncode(item.Title), item.Id);
            StringAssert.Contains(article, $"<label for=\"note_{item.Id}\">说明</label>", item.Id);
            StringAssert.Contains(article, $"<label for=\"m_{item.Id}\">本项采用的考核方式</label>", item.Id);
            StringAssert.Contains(article, $"考核方式：{string.Join("、", item.Methods.Select(InspectionMethodNames.ToChinese))}", item.Id);
            StringAssert.Contains(article, "capture=\"environment\"", $"{item.Id}: an inspector takes photos with the camera");
            Assert.AreEqual(item.NotApplicableAllowed, article.Contains($"name=\"na_{item.Id}\"", StringComparison.Ordinal), $"{item.Id}: 不适用 only where allowed");
            switch (item.Rule)
            {
                case YesNoRule:
                    StringAssert.Contains(article, "<legend>结论</legend>", item.Id);
                    StringAssert.Contains(article, $"name=\"v_{item.Id}\" value=\"yes\"", item.Id);
                    StringAssert.Contains(article, "是（符合）", item.Id);
                    break;
                case LevelsRule levels:
                    StringAssert.Contains(article, "<legend>等级</legend>", item.Id);
                    foreach (var level in levels.Levels)
                    {
                        StringAssert.Contains(article, $"value=\"{level.Code}\"", item.Id);
                        StringAssert.Contains(article, WebUtility.HtmlEncode(level.Label), item.Id);
                    }

                    break;
                case DeductionRule:
                    StringAssert.Contains(article, $"<label for=\"v_{item.Id}\">发现问题数", item.Id);
                    StringAssert.Contains(article, $"type=\"number\" id=\"v_{item.Id}\"", item.Id);
                    break;
                case TargetRule target:
                    StringAssert.Contains(article, $"<label for=\"v_{item.Id}\">{(target.Measure == TargetMeasure.Rate ? "比率" : "次数")}", item.Id);
                    StringAssert.Contains(article, $"type=\"number\" id=\"v_{item.Id}\"", item.Id);
                    break;
            }
        }

        // Points and explanations are the API's live scorecard, item by item; progress and total too.
        foreach (var item in api.GetProperty("dimensions").EnumerateArray().SelectMany(d => d.GetProperty("items").EnumerateArray()))
        {
            var id = item.GetProperty("id").GetString()!;
            var score = item.GetProperty("score");
            var article = ArticleOf(html, id);
            var points = score.GetProperty("points").ValueKind == System.Text.Json.JsonValueKind.Null
                ? "—"
                : score.GetProperty("points").GetDecimal().ToString("0.##", CultureInfo.InvariantCulture);
            StringAssert.Contains(article, $"<b data-points>{points}</b>", id);
            StringAssert.Contains(article, $"<span data-explain>{WebUtility.HtmlEncode(score.GetProperty("explanation").GetString())}</span>", id);
        }

        var progress = api.GetProperty("progress");
        StringAssert.Contains(html, $"<b id=\"cl-answered\">{progress.GetProperty("answered").GetInt32()}</b>/{progress.GetProperty("total").GetInt32()}");
        Assert.AreEqual((w.Criteria.Items.Count + 1) / 2, progress.GetProperty("answered").GetInt32());
        foreach (var dimension in api.GetProperty("dimensions").EnumerateArray())
        {
            var count = dimension.GetProperty("items").GetArrayLength();
            var answered = count - dimension.GetProperty("unanswered").GetInt32();
            StringAssert.Contains(html, $"<span data-dim-progress=\"{dimension.GetProperty("code").GetString()}\">{answered}/{count}</span>");
        }

        StringAssert.Contains(html, $"data-version=\"{api.GetProperty("version").GetInt64()}\"");
        StringAssert.Contains(html, "<b id=\"cl-total\">—</b>", "no total before every item is answered");
        StringAssert.Contains(html, "/js/checklist.js?v=");
    }

    [TestMethod]
    public async Task A_complete_checklist_shows_the_total_of_the_api_with_two_decimals()
    {
        var w = world!;
        using var staff = await host!.SignInAsync(w.StaffB);
        var version = (await Checklist(staff, w.SelfB)).GetProperty("version").GetInt64();
        using var saved = await staff.SendAsync(Json(HttpMethod.Patch, $"/api/assessments/{w.SelfB}/answers", ApiWorld.Body(ApiWorld.Answers(w.Criteria, 1)), version));
        var api = await saved.ExpectAsync(HttpStatusCode.OK);
        var total = api.GetProperty("score").GetProperty("publishedTotal").GetDecimal();

        var html = await staff.GetPageAsync($"/checklists/{w.SelfB}");
        StringAssert.Contains(html, $"<b id=\"cl-total\">{total.ToString("F2", CultureInfo.InvariantCulture)}</b>");
        StringAssert.Contains(ArticleOf(html, w.Criteria.Items[0].Id), "accept=\"image/jpeg,image/png,application/pdf\"", "center staff upload evidence files, PDF included");
        Assert.DoesNotContain("capture=\"environment\"", html);
    }

    [TestMethod]
    public async Task Nobody_opens_a_checklist_they_may_not_read()
    {
        var w = world!;
        var refusals = new (string User, int Assessment)[]
        {
            (w.OtherInspector, w.InspectionA),
            (w.Inspector, w.SelfA),
            (w.StaffA, w.SelfB),
            (w.StaffB, w.SelfA),
            (w.StaffA, w.InspectionA),
            (w.Analyst, w.InspectionA),
        };
        foreach (var (user, assessment) in refusals)
        {
            using var client = await host!.SignInAsync(user);
            using var response = await client.GetAsync($"/checklists/{assessment}");
            Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, $"{user} → {assessment}");
            StringAssert.StartsWith(response.Headers.Location!.AbsolutePath, "/account/denied", $"{user} → {assessment}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("data-item=", body, "no checklist content in the refusal");
        }
    }

    [TestMethod]
    public async Task Without_javascript_the_form_saves_the_changed_items_and_a_stale_form_shows_the_other_answer()
    {
        var w = world!;
        using var staff = await host!.SignInAsync(w.StaffA);
        var page = $"/checklists/{w.SelfA}";
        var html = await staff.GetPageAsync(page);
        var version = long.Parse(VersionPattern().Match(html).Groups[1].Value, CultureInfo.InvariantCulture);
        var yesNo = w.Criteria.Items.First(i => i.Rule is YesNoRule);
        var deduction = w.Criteria.Items.First(i => i.Rule is DeductionRule);
        using var saved = await staff.PostFormAsync(page,
        [
            new("version", version.ToString(CultureInfo.InvariantCulture)),
            new($"v_{yesNo.Id}", "no"),
            new($"note_{yesNo.Id}", "制度未上墙"),
            new($"v_{deduction.Id}", "1"),
        ], $"{page}?handler=Save");
        Assert.AreEqual(HttpStatusCode.Redirect, saved.StatusCode, await saved.Content.ReadAsStringAsync());
        var answers = await host.WithDbAsync(db => Task.FromResult(db.Answers.Where(a => a.AssessmentId == w.SelfA).ToList()));
        Assert.IsFalse(answers.Single(a => a.ItemId == yesNo.Id).Met);
        Assert.AreEqual("制度未上墙", answers.Single(a => a.ItemId == yesNo.Id).Note);
        Assert.AreEqual(1m, answers.Single(a => a.ItemId == deduction.Id).Number);
        var after = await host.WithDbAsync(db => Task.FromResult(db.Assessments.Single(a => a.Id == w.SelfA).Version));
        Assert.AreEqual(version + 1, after, "one save, one version");
        StringAssert.Contains(await staff.GetPageAsync(page), "已保存 2 项。");

        // The same (now stale) form again with another value: refused with 412, nothing saved, both answers shown.
        using var stale = await staff.PostFormAsync(page,
        [
            new("version", version.ToString(CultureInfo.InvariantCulture)),
            new($"v_{yesNo.Id}", "yes"),
            new($"note_{yesNo.Id}", "制度未上墙"),
            new($"v_{deduction.Id}", "1"),
        ], $"{page}?handler=Save");
        var refused = await stale.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        StringAssert.Contains(refused, "已被他人修改");
        StringAssert.Contains(refused, "服务器上的答案为 否（说明：制度未上墙）");
        StringAssert.Contains(ArticleOf(refused, yesNo.Id), $"name=\"v_{yesNo.Id}\" value=\"yes\" checked=\"checked\"", "the user's value is kept in the form");
        Assert.AreEqual(after, await host.WithDbAsync(db => Task.FromResult(db.Assessments.Single(a => a.Id == w.SelfA).Version)));
    }

    [TestMethod]
    public async Task Submitting_an_incomplete_checklist_lists_the_missing_items_with_links_to_them()
    {
        var w = world!;
        using var inspector = await host!.SignInAsync(w.Inspector);
        var page = $"/checklists/{w.InspectionB}";
        var html = await inspector.GetPageAsync(page);
        var version = VersionPattern().Match(html).Groups[1].Value;
        using var response = await inspector.PostFormAsync(page, [new("version", version)], $"{page}?handler=Submit");
        var refused = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        StringAssert.Contains(refused, "尚未作答的考核项");
        var api = await Checklist(inspector, w.InspectionB);
        foreach (var id in api.GetProperty("progress").GetProperty("unanswered").EnumerateArray().Select(e => e.GetString()!))
        {
            StringAssert.Contains(refused, $"<a href=\"#item-{id}\">{id} ", id);
        }

        Assert.AreEqual("Draft", api.GetProperty("status").GetString());
    }

    [TestMethod]
    public async Task The_capture_pages_render_in_English_on_request()
    {
        using var inspector = await host!.SignInAsync(world!.Inspector);
        StringAssert.Contains(await inspector.GetPageAsync("/checklists?culture=en"), "My assessments");
        var html = await inspector.GetPageAsync($"/checklists/{world.InspectionA}?culture=en");
        StringAssert.Contains(html, "Defects found");
        StringAssert.Contains(html, "Method used for this item");
        StringAssert.Contains(html, WebUtility.HtmlEncode(world.Criteria.Items[0].Title), "criteria text is data: never translated");
    }

    [TestMethod]
    public async Task The_service_worker_is_served_from_the_site_root_without_signing_in()
    {
        using var client = host!.Anonymous();
        using var response = await client.GetAsync("/sw.js");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        StringAssert.Contains(response.Content.Headers.ContentType?.MediaType, "javascript");
        var script = await response.Content.ReadAsStringAsync();
        StringAssert.Contains(script, "/checklists");
    }

    private static async Task<System.Text.Json.JsonElement> Checklist(HttpClient client, int id)
    {
        using var response = await client.GetAsync($"/api/assessments/{id}/checklist");
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    private static string RowOf(string html, int id)
    {
        var start = html.IndexOf($"<li class=\"card\" data-assessment=\"{id}\">", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, $"row of {id}");
        return html[start..html.IndexOf("</li>", start, StringComparison.Ordinal)];
    }

    private static string ArticleOf(string html, string itemId)
    {
        var start = html.IndexOf($"<article class=\"cl-item\" id=\"item-{itemId}\"", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, $"article of {itemId}");
        return html[start..html.IndexOf("</article>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<li class=\"card\" data-assessment=\"(\\d+)\">")]
    private static partial Regex RowPattern();

    [GeneratedRegex("<article class=\"cl-item\" id=\"item-")]
    private static partial Regex ItemPattern();

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();
}
