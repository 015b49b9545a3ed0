using System.Net;
using System.Text.RegularExpressions;

namespace Assessment.Tests.Web.Ui;

/// <summary>
/// The feed's help page (<c>/feed</c>): the address to paste, the Excel and Power BI steps, the sets, and the
/// user's API keys — created (shown once), used by the feed, revoked.
/// </summary>
[TestClass]
public sealed partial class FeedPageTests
{
    private static ODataFeedHost host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => host = await ODataFeedHost.StartSqliteAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await host.DisposeAsync();

    [TestMethod]
    public async Task The_help_page_gives_the_feed_address_the_steps_for_Excel_and_Power_BI_and_every_set()
    {
        using var browser = host.Https();
        await browser.SignInThroughPageAsync(ODataFeedData.Analyst, ODataFeedData.Password);
        var html = await browser.GetPageAsync("/feed");

        StringAssert.Contains(html, "value=\"https://localhost/odata\"");
        StringAssert.Contains(html, "自 OData 数据馈送");
        StringAssert.Contains(html, "OData 源");
        StringAssert.Contains(html, "api_key");
        foreach (var set in new[] { "Centers", "Cycles", "CriteriaItems", "Assessments", "ItemScores", "DimensionScores", "Rankings", "Findings", "RectificationActions" })
        {
            StringAssert.Contains(html, $"<code>{set}</code>", set);
            StringAssert.Contains(html, $"href=\"https://localhost/odata/{set}?$top=10\"", set);
        }

        Assert.DoesNotContain("不是 HTTPS", html, "no warning over HTTPS");
    }

    [TestMethod]
    public async Task Over_plain_http_the_page_warns_that_the_feed_will_refuse_credentials()
    {
        using var browser = host.Http();
        await browser.SignInThroughPageAsync(ODataFeedData.Analyst, ODataFeedData.Password);
        StringAssert.Contains(await browser.GetPageAsync("/feed"), "当前连接不是 HTTPS");
    }

    [TestMethod]
    public async Task A_key_created_on_the_page_is_shown_once_opens_the_feed_and_stops_when_revoked()
    {
        using var browser = host.Https();
        await browser.SignInThroughPageAsync(ODataFeedData.Analyst, ODataFeedData.Password);
        using var created = await browser.PostFormAsync("/feed", [new("KeyName", "Power BI 月报")], action: "/feed?handler=Create");
        var html = await created.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, created.StatusCode);
        Assert.IsTrue(created.Headers.CacheControl?.NoStore, "a page showing a secret is not cached");
        var key = NewKey().Match(html).Groups[1].Value;
        StringAssert.StartsWith(key, "ak_");
        StringAssert.Contains(html, "已创建密钥“Power BI 月报”");

        using var feed = host.Https();
        using var rows = await feed.GetAsync(new Uri($"/odata/Centers?api_key={key}", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, rows.StatusCode, "the key opens the feed");

        var list = await browser.GetPageAsync("/feed");
        Assert.DoesNotContain(key, list, "the key's text is never shown again");
        StringAssert.Contains(list, key[..10] + "…");
        var id = RevokeAction().Match(list).Groups[1].Value;
        using var revoked = await browser.PostFormAsync("/feed", [], action: $"/feed?id={id}&handler=Revoke");
        Assert.AreEqual(HttpStatusCode.Redirect, revoked.StatusCode);
        StringAssert.Contains(await browser.GetPageAsync("/feed"), "已吊销");

        using var refused = await feed.GetAsync(new Uri($"/odata/Centers?api_key={key}", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.Unauthorized, refused.StatusCode, "a revoked key opens nothing");
    }

    [TestMethod]
    public async Task The_page_refuses_an_eleventh_active_key_and_says_what_to_do()
    {
        using var browser = host.Https();
        await browser.SignInThroughPageAsync(ODataFeedData.Inspector, ODataFeedData.Password);
        for (var i = 0; i < Assessment.Web.OData.ApiKeyService.MaxActiveKeys; i++)
        {
            using var created = await browser.PostFormAsync("/feed", [new("KeyName", $"月报 {i + 1}")], action: "/feed?handler=Create");
            Assert.AreEqual(HttpStatusCode.OK, created.StatusCode, $"key {i + 1}");
        }

        using var refused = await browser.PostFormAsync("/feed", [new("KeyName", "第十一个")], action: "/feed?handler=Create");
        var html = await refused.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.Conflict, refused.StatusCode);
        StringAssert.Contains(html, "每个账号最多保留 10 个有效密钥：请先吊销不再使用的密钥。");
        Assert.IsFalse(NewKey().IsMatch(html), "no key's text on the page");
        Assert.DoesNotContain("第十一个", await browser.GetPageAsync("/feed"), "nothing was created");
    }

    [TestMethod]
    public async Task A_key_needs_a_name_and_nothing_is_created_without_one()
    {
        using var browser = host.Https();
        await browser.SignInThroughPageAsync(ODataFeedData.Staff, ODataFeedData.Password);
        using var refused = await browser.PostFormAsync("/feed", [new("KeyName", "   ")], action: "/feed?handler=Create");
        var html = await refused.Content.ReadAsStringAsync();
        StringAssert.Contains(html, "请填写密钥名称");
        Assert.IsFalse(NewKey().IsMatch(html));
        StringAssert.Contains(html, "您还没有 API 密钥。");
    }

    [TestMethod]
    public async Task Nobody_can_revoke_another_users_key()
    {
        using var owner = host.Https();
        await owner.SignInThroughPageAsync(ODataFeedData.Admin, ODataFeedData.Password);
        using var created = await owner.PostFormAsync("/feed", [new("KeyName", "管理员的密钥")], action: "/feed?handler=Create");
        var id = RevokeAction().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value;

        using var other = host.Https();
        await other.SignInThroughPageAsync(ODataFeedData.Analyst, ODataFeedData.Password);
        using var refused = await other.PostFormAsync("/feed", [], action: $"/feed?id={id}&handler=Revoke");
        Assert.AreEqual(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("已吊销", await owner.GetPageAsync("/feed"));
    }

    [TestMethod]
    public async Task The_help_page_reads_in_English_when_chosen()
    {
        using var browser = host.Https();
        await browser.SignInThroughPageAsync(ODataFeedData.Analyst, ODataFeedData.Password);
        var html = await browser.GetPageAsync("/feed?culture=en");
        StringAssert.Contains(html, "Connect from Excel");
        StringAssert.Contains(html, "From OData Feed");
    }

    [GeneratedRegex("id=\"new-key\" type=\"text\" readonly value=\"([^\"]+)\"")]
    private static partial Regex NewKey();

    [GeneratedRegex("action=\"/feed\\?id=(\\d+)&amp;handler=Revoke\"")]
    private static partial Regex RevokeAction();
}
