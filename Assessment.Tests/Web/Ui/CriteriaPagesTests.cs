using System.Net;
using Assessment.Scoring.Criteria;
using Assessment.Web.Criteria;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web.Ui;

/// <summary>The criteria browser: the shipped versions, one version in full, and the diff between them.</summary>
[TestClass]
public sealed class CriteriaPagesTests
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

    private static CriteriaRegistry Registry => host!.Services.GetRequiredService<CriteriaRegistry>();

    [TestMethod]
    public async Task The_list_shows_both_shipped_versions_with_their_hash_item_count_weights_and_lock()
    {
        using var client = await host!.SignInAsync(world!.StaffB);
        var html = await client.GetPageAsync("/criteria");
        Assert.HasCount(2, Registry.Versions);
        foreach (var version in Registry.Versions)
        {
            StringAssert.Contains(html, $"<a href=\"/criteria/{version.Id}\">{version.Id}</a>");
            StringAssert.Contains(html, $"title=\"{version.ContentHash}\"");
            StringAssert.Contains(html, $"data-item-count>{version.Items.Count}项</dd>");
            foreach (var d in version.Dimensions)
            {
                StringAssert.Contains(html, $"<li>{d.Code} {d.Name} {CriteriaWords(d.Weight)}</li>");
            }

            Assert.IsTrue(Registry.IsLocked(version.Id), version.Id);
        }

        Assert.AreEqual(2, html.Split("✓ 已发布（已锁定）").Length - 1);
    }

    [TestMethod]
    public async Task A_version_page_shows_every_item_by_dimension_with_its_rule_and_the_demonstration_rule()
    {
        using var client = await host!.SignInAsync(world!.Analyst);
        var version = Registry.Find("qh-demo-2022")!;
        var html = await client.GetPageAsync("/criteria/qh-demo-2022");
        StringAssert.Contains(html, version.ContentHash);
        foreach (var item in version.Items)
        {
            StringAssert.Contains(html, $"<h3>{item.Id} {WebUtility.HtmlEncode(item.Title)}</h3>", item.Id);
        }

        var c9 = version.FindItem("C9")!;
        var rule = (DeductionRule)c9.Rule;
        StringAssert.Contains(html, $"每发现一处问题扣{rule.PerDefect:0.##}分");
        foreach (var defect in rule.DefectList)
        {
            StringAssert.Contains(html, $"<li>{WebUtility.HtmlEncode(defect)}</li>");
        }

        foreach (var veto in version.Vetoes)
        {
            StringAssert.Contains(html, $"<strong>{veto.Id}</strong>");
        }

        StringAssert.Contains(html, $"总分不低于{version.Demonstration.MinTotal:0.##}分");
        StringAssert.Contains(html, $"名额不超过{version.Demonstration.Quota}个");

        using var missing = await client.GetAsync("/criteria/no-such-version");
        Assert.AreEqual(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [TestMethod]
    public async Task The_diff_of_the_shipped_versions_shows_every_change_including_the_C7_split()
    {
        using var client = await host!.SignInAsync(world!.Inspector);
        var html = await client.GetPageAsync("/criteria/diff?from=qh-demo-2021&to=qh-demo-2022");
        var diff = CriteriaDiff.Compare(Registry.Find("qh-demo-2021")!, Registry.Find("qh-demo-2022")!);
        Assert.IsFalse(diff.IsEmpty);
        foreach (var change in diff.Changes)
        {
            StringAssert.Contains(html, WebUtility.HtmlEncode(change.Text), change.Text);
        }

        // C7 keeps its id with fewer points and a narrower list; the fire and emergency equipment became C9.
        StringAssert.Contains(html, "调整分值 C7：3分 → 1分");
        StringAssert.Contains(html, "data-change=\"ItemAdded\" data-subject=\"C9\"");
        StringAssert.Contains(html, "新增考核项 C9");
        StringAssert.Contains(html, $"共{diff.Changes.Count}处变化");

        using var unknown = await client.GetAsync("/criteria/diff?from=qh-demo-2021&to=nothing");
        Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);
        StringAssert.Contains(await unknown.Content.ReadAsStringAsync(), "没有考核标准版本“nothing”。");
    }

    private static string CriteriaWords(decimal points) => $"{points:0.##}分";
}
