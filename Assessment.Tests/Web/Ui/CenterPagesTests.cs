using System.Net;
using System.Text.Json;
using Assessment.Scoring.Cycles;
using Assessment.Tests.Browser;
using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Tests.Web.Ui;

/// <summary>The center's own page (<c>/center</c>) on the seeded demo: 海北州's staff and what they may not see.</summary>
[TestClass]
public sealed class CenterPagesTests
{
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
    public async Task Haibei_staff_see_95_50_rank_1_demonstration_status_and_every_item_where_they_lost_points()
    {
        using var client = await App.SignInAsync(DemoAccounts.Haibei, DemoAccounts.HaibeiPassword);
        var html = await client.GetPageAsync("/center");

        StringAssert.Contains(html, "<h1>海北州公共资源交易中心</h1>");
        StringAssert.Contains(html, "2021年度考核结果");
        StringAssert.Contains(html, "<strong class=\"figure\" data-total>95.50</strong>");
        StringAssert.Contains(html, "<strong class=\"figure\" data-rank>第1名</strong>");
        StringAssert.Contains(html, "共8个中心");
        StringAssert.Contains(html, "★ 示范");

        // The stored result and the frozen scorecard are what the page shows: grade, and every lost item with the engine's
        // explanation and the inspector's note.
        var (result, lost, notes) = await App.WithDbAsync(async db =>
        {
            var r = await db.CycleResults.Include(x => x.Dimensions).SingleAsync(x => x.Center!.Code == "QH-HB" && x.Cycle!.Year == 2021);
            var card = await db.Scorecards.Include(s => s.Items).SingleAsync(s => s.AssessmentId == r.AssessmentId);
            var answers = await db.Answers.Where(a => a.AssessmentId == r.AssessmentId).ToDictionaryAsync(a => a.ItemId);
            return (r, card.Items.Where(i => i.Points < i.MaxPoints).ToList(), answers);
        });
        Assert.AreEqual("95.50", PublishedFigures.Format(result.Total));
        StringAssert.Contains(html, $"data-grade>{result.Grade}</strong>");
        Assert.IsNotEmpty(lost, "海北州 lost points somewhere in 2021");
        StringAssert.Contains(html, $"失分项（{lost.Count}项）");
        foreach (var item in lost)
        {
            StringAssert.Contains(html, $"data-item=\"{item.ItemId}\"", item.ItemId);
            StringAssert.Contains(html, System.Net.WebUtility.HtmlEncode(item.Explanation), item.ItemId);
            if (notes.TryGetValue(item.ItemId, out var answer) && !string.IsNullOrWhiteSpace(answer.Note))
            {
                StringAssert.Contains(html, System.Net.WebUtility.HtmlEncode(answer.Note), item.ItemId);
            }
        }

        // The dimension table and the radar beside it show the same stored scores.
        foreach (var d in result.Dimensions)
        {
            StringAssert.Contains(html, $"<th scope=\"row\">{d.Name}</th>", d.Name);
        }

        var json = System.Text.RegularExpressions.Regex.Match(html, "<script type=\"application/json\" id=\"radar-data-\\d+\">(.*?)</script>").Groups[1].Value;
        using var chart = JsonDocument.Parse(json);
        var own = chart.RootElement.GetProperty("series")[0];
        Assert.AreEqual("本中心", own.GetProperty("name").GetString());
        CollectionAssert.AreEqual(
            result.Dimensions.OrderBy(d => d.Id).Select(d => PublishedFigures.Round(d.Score!.Value)).ToArray(),
            own.GetProperty("values").EnumerateArray().Select(v => v.GetDecimal()).ToArray());
        StringAssert.Contains(html, "role=\"img\" aria-label=\"2021年度各维度得分雷达图");
        StringAssert.Contains(html, "/lib/echarts/echarts.min.js");
        StringAssert.Contains(html, "/js/center.js");

        // Downloads: the existing endpoints, for their own center; the ledger's progress with its link.
        var (centerId, cycleId) = (await App.CenterIdAsync("QH-HB"), await App.CycleIdAsync(2021));
        StringAssert.Contains(html, $"href=\"/api/cycles/{cycleId}/reports/feedback/{centerId}\"");
        StringAssert.Contains(html, $"href=\"/api/cycles/{cycleId}/reports/rectification/{centerId}\"");
        StringAssert.Contains(html, "<strong>完成率100%</strong>", "海北州 completed its whole 2021 ledger");
        StringAssert.Contains(html, $"href=\"/ledger/{centerId}/{cycleId}\"");
        using var letter = await client.GetAsync($"/api/cycles/{cycleId}/reports/feedback/{centerId}");
        Assert.AreEqual(HttpStatusCode.OK, letter.StatusCode, "the feedback letter link works for the center");
    }

    [TestMethod]
    public async Task The_current_self_assessment_is_linked_by_id_with_its_status()
    {
        using var client = await App.SignInAsync(DemoAccounts.Haibei, DemoAccounts.HaibeiPassword);
        var html = await client.GetPageAsync("/center");
        var self = await App.WithDbAsync(db => db.Assessments.SingleAsync(a => a.Center!.Code == "QH-HB" && a.Cycle!.Year == 2022 && a.Kind == AssessmentKind.SelfAssessment));
        Assert.AreEqual(AssessmentStatus.Submitted, self.Status, "the demo's 海北州 submitted its 2022 self-assessment");
        StringAssert.Contains(html, $"href=\"/checklists/{self.Id}\"");
        StringAssert.Contains(html, "已提交");
    }

    [TestMethod]
    public async Task Haibei_staff_cannot_open_any_page_of_Haidong()
    {
        using var client = await App.SignInAsync(DemoAccounts.Haibei, DemoAccounts.HaibeiPassword);
        var (haidong, cycle) = (await App.CenterIdAsync("QH-HD"), await App.CycleIdAsync(2021));
        var action = (await App.LedgerAsync(haidong, cycle)).Findings.SelectMany(f => f.Actions).First(a => !a.IsClosed);
        foreach (var path in new[] { $"/ledger/{haidong}/{cycle}", $"/ledger/{haidong}/{cycle}/actions/{action.Id}", $"/ledger/{haidong}/{cycle}/import" })
        {
            using var response = await client.GetAsync(path);
            Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, path);
            StringAssert.StartsWith(response.Headers.Location!.PathAndQuery, "/account/denied", path);
        }

        // A center id in the query string changes nothing: the page is the signed-in user's center.
        var html = await client.GetPageAsync($"/center?centerId={haidong}");
        StringAssert.Contains(html, "<h1>海北州公共资源交易中心</h1>");
        Assert.DoesNotContain("海东市公共资源交易中心", html);

        using var letter = await client.GetAsync($"/api/cycles/{cycle}/reports/feedback/{haidong}");
        Assert.AreEqual(HttpStatusCode.Forbidden, letter.StatusCode);

        // Nor can they change Haidong's item by posting the form directly.
        var token = PageForms.AntiforgeryToken(await client.GetPageAsync("/center"));
        using var post = await client.PostAsync($"/ledger/{haidong}/{cycle}/actions/{action.Id}", new FormUrlEncodedContent(
            [new("Form.Status", "Completed"), new("Form.CompletedOn", "2022-12-01"), new("Form.Version", action.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("__RequestVerificationToken", token)]));
        Assert.AreEqual(HttpStatusCode.Redirect, post.StatusCode);
        StringAssert.StartsWith(post.Headers.Location!.PathAndQuery, "/account/denied");
        var after = (await App.LedgerAsync(haidong, cycle)).Findings.SelectMany(f => f.Actions).Single(a => a.Id == action.Id);
        Assert.AreEqual(action.Status, after.Status);
        Assert.AreEqual(action.Version, after.Version);
    }

    [TestMethod]
    public async Task The_bureau_is_not_a_center_and_is_refused_the_center_page()
    {
        using var client = await App.SignInAsync(DemoAccounts.Admin, DemoAccounts.AdminPassword);
        using var response = await client.GetAsync("/center");
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        StringAssert.StartsWith(response.Headers.Location!.PathAndQuery, "/account/denied");
    }
}
