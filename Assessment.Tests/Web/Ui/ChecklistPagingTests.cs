using System.Globalization;
using System.Text.RegularExpressions;
using Assessment.Web.Demo;
using Assessment.Web.Pages.Checklists;
using Assessment.Web.Persistence;
using Assessment.Web.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web.Ui;

/// <summary>
/// 我的考核 (/checklists) for the bureau lists every assessment of every year: in pages of 50, newest cycle first, with
/// page links (the seeded demo plus two later cycles with every center's self-assessment and inspection, on a SQLite file).
/// </summary>
[TestClass]
public sealed partial class ChecklistPagingTests
{
    private static ApiHost? host;

    private static ApiHost Host => host!;

    [ClassInitialize]
    public static async Task SeedAsync(TestContext context)
    {
        host = ApiHost.Sqlite();
        await Host.SeedDemoAsync();
        await using var scope = Host.Scope();
        var cycles = scope.ServiceProvider.GetRequiredService<CycleService>();
        var assessments = scope.ServiceProvider.GetRequiredService<AssessmentService>();
        var centers = await Host.WithDbAsync(db => db.Centers.Select(c => c.Id).ToListAsync());
        foreach (var year in new[] { 2023, 2024 })
        {
            var cycle = await cycles.CreateAsync(new NewCycle(year, $"{year}年度全省公共资源交易中心考核", "qh-demo-2022", new DateOnly(year + 1, 1, 5), new DateOnly(year + 1, 3, 31)));
            foreach (var center in centers)
            {
                await assessments.CreateAsync(cycle.Id, new NewAssessment(center, AssessmentKind.SelfAssessment));
                await assessments.CreateAsync(cycle.Id, new NewAssessment(center, AssessmentKind.Inspection));
            }
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

    [TestMethod]
    public async Task The_bureau_reads_every_assessment_in_pages_of_50_newest_cycle_first()
    {
        var expected = await Host.WithDbAsync(db => db.Assessments
            .Where(a => !db.Assessments.Any(b => b.CycleId == a.CycleId && b.CenterId == a.CenterId && b.Kind == a.Kind && b.Revision > a.Revision))
            .OrderByDescending(a => a.Cycle!.Year).ThenByDescending(a => a.CycleId).ThenBy(a => a.CenterId).ThenBy(a => a.Kind).ThenBy(a => a.Id)
            .Select(a => a.Id).ToListAsync());
        Assert.IsGreaterThan(IndexModel.PageSize, expected.Count, "the data fills more than one page");
        var pages = (expected.Count + IndexModel.PageSize - 1) / IndexModel.PageSize;

        using var bureau = await PageHtml.SignInAsync(Host, "admin", DemoAccounts.AdminPassword);
        var first = await bureau.GetPageAsync("/checklists");
        CollectionAssert.AreEqual(expected.Take(IndexModel.PageSize).ToList(), Ids(first), "page 1: the first 50, newest cycle first");
        StringAssert.Contains(first, "2024年度全省公共资源交易中心考核");
        Assert.IsTrue(first.IndexOf("2024年度", StringComparison.Ordinal) < first.IndexOf("2023年度", StringComparison.Ordinal), "newest cycle first");
        StringAssert.Contains(PageHtml.Text(first), $"共 {expected.Count} 项，第 1 / {pages} 页");
        StringAssert.Contains(first, "<a href=\"/checklists?p=2\" rel=\"next\">");
        Assert.DoesNotContain("rel=\"prev\"", first);

        var seen = new List<int>(Ids(first));
        for (var p = 2; p <= pages; p++)
        {
            var html = await bureau.GetPageAsync($"/checklists?p={p}");
            CollectionAssert.AreEqual(expected.Skip((p - 1) * IndexModel.PageSize).Take(IndexModel.PageSize).ToList(), Ids(html), $"page {p}");
            StringAssert.Contains(html, $"<a href=\"/checklists?p={p - 1}\" rel=\"prev\">");
            StringAssert.Contains(html, "<span aria-current=\"page\">" + p.ToString(CultureInfo.InvariantCulture) + "</span>");
            seen.AddRange(Ids(html));
        }

        CollectionAssert.AreEqual(expected, seen, "every assessment once, across the pages");
        var last = await bureau.GetPageAsync($"/checklists?p={pages}");
        StringAssert.Contains(last, "2021年度", "the oldest cycle is on the last page");
        Assert.DoesNotContain("rel=\"next\"", last);
        CollectionAssert.AreEqual(Ids(last), Ids(await bureau.GetPageAsync("/checklists?p=999")), "a page past the end shows the last");
    }

    [TestMethod]
    public async Task An_inspector_with_fewer_than_50_assessments_sees_them_all_without_page_links()
    {
        using var inspector = await PageHtml.SignInAsync(Host, "inspector.wang", DemoAccounts.InspectorWangPassword);
        var html = await inspector.GetPageAsync("/checklists");
        var wang = await Host.WithDbAsync(db => db.Users.Where(u => u.UserName == "inspector.wang").Select(u => u.Id).SingleAsync());
        var assigned = await Host.WithDbAsync(db => db.Assessments
            .Where(a => a.Inspectors.Any(i => i.Id == wang))
            .Where(a => !db.Assessments.Any(b => b.CycleId == a.CycleId && b.CenterId == a.CenterId && b.Kind == a.Kind && b.Revision > a.Revision))
            .Select(a => a.Id).ToListAsync());
        Assert.IsNotEmpty(assigned);
        CollectionAssert.AreEquivalent(assigned, Ids(html));
        Assert.DoesNotContain("class=\"pager\"", html);
    }

    private static List<int> Ids(string html) =>
        [.. CardPattern().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex("<li class=\"card\" data-assessment=\"(\\d+)\"")]
    private static partial Regex CardPattern();
}
