using Assessment.Tests.Web;
using Assessment.Web.Persistence;
using Assessment.Web.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Browser;

/// <summary>
/// The bureau's dashboard and the results page in real Chromium: the ranking and the three charts beside their tables
/// (drawn, with a size), no script errors, at desk and phone widths; screenshots for a person to look at.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class BureauDashboardBrowserTests : BrowserTest
{
    private const string ChartsDrawn = """
        return ['totals', 'radar', 'yoy'].map(kind => {
          const el = document.querySelector(`[data-chart="${kind}"]`);
          const drawn = el && el.querySelector('svg, canvas');
          const box = drawn ? drawn.getBoundingClientRect() : { width: 0, height: 0 };
          return `${kind}:${Math.round(box.width)}x${Math.round(box.height)}`;
        }).join(' ');
        """;

    [TestMethod]
    public async Task The_bureau_dashboard_shows_the_ranking_and_its_three_charts_at_a_desk_and_on_a_phone()
    {
        // The bureau finalizes every 2022 inspection: the dashboard previews the ranking, with 2021 for year over year.
        var cycleId = await FinalizeAll2022InspectionsAsync();

        var desk = OpenBrowser(BrowserProfile.Desk);
        desk.SignIn("admin", DemoAccounts.AdminPassword);
        desk.Goto($"/bureau/cycles/{cycleId}");
        desk.WaitFor("table.ranking tbody tr");
        desk.WaitUntil("document.querySelectorAll('[data-chart] svg').length === 3");
        var sizes = desk.Run<string>(ChartsDrawn);
        foreach (var part in sizes.Split(' '))
        {
            var size = part[(part.IndexOf(':', StringComparison.Ordinal) + 1)..].Split('x').Select(int.Parse).ToArray();
            Assert.IsTrue(size[0] > 200 && size[1] > 200, $"chart drawn with a size: {sizes}");
        }

        Assert.AreEqual(8, desk.FindAll("table.ranking tbody tr").Count);
        StringAssert.Contains(desk.Find(".preview-label").Text, "预览，未发布");
        var barLabels = desk.Run<string>("return document.querySelector('[data-chart=\"totals\"] svg').textContent;");
        StringAssert.Contains(barLabels, "示范线", "the demonstration line is drawn with its label");
        desk.Screenshot("dashboard-2022");
        desk.Run("document.getElementById('ranking-heading').scrollIntoView();");
        desk.Screenshot("dashboard-2022-ranking");

        // Choosing another center redraws the radar and its table without reloading.
        var before = desk.Find("[data-profile-name]").Text;
        desk.Run("const s = document.querySelector('[data-radar-select]'); s.selectedIndex = s.options.length - 1; s.dispatchEvent(new Event('change'));");
        Assert.AreNotEqual(before, desk.Find("[data-profile-name]").Text);
        desk.Run("document.getElementById('profile').scrollIntoView();");
        desk.Screenshot("dashboard-2022-profile");
        desk.AssertNoJavaScriptErrors();

        // The pages behind the dashboard's links, for a person to look at.
        desk.Find("table.matrix tbody tr a[href^='/bureau/assessments/']").Click();
        desk.WaitFor("table.checklist");
        desk.Screenshot("review");
        desk.Goto($"/bureau/cycles/{cycleId}/centers/{await App.WithDbAsync(db => db.Centers.Where(c => c.Code == "QH-HB").Select(c => c.Id).SingleAsync())}");
        desk.WaitFor("table.items");
        desk.Screenshot("center-comparison");
        desk.Goto($"/bureau/cycles/{cycleId}/publication");
        desk.WaitFor("form.settings");
        desk.Screenshot("publication-settings");
        desk.AssertNoJavaScriptErrors();

        var phone = OpenBrowser(BrowserProfile.Phone);
        phone.SignIn("admin", DemoAccounts.AdminPassword);
        phone.Goto($"/bureau/cycles/{cycleId}");
        phone.WaitUntil("document.querySelectorAll('[data-chart] svg').length === 3");
        var overflow = phone.Run<bool>("return document.documentElement.scrollWidth > window.innerWidth + 1;");
        Assert.IsFalse(overflow, "the page does not scroll sideways on a phone (wide tables scroll inside .table-wrap)");
        phone.Screenshot("dashboard-2022");
        phone.Run("document.getElementById('ranking-heading').scrollIntoView();");
        phone.Screenshot("dashboard-2022-ranking");
        phone.AssertNoJavaScriptErrors();
    }

    [TestMethod]
    public void The_results_page_draws_the_published_ranking_for_an_analyst()
    {
        var desk = OpenBrowser(BrowserProfile.Desk);
        desk.SignIn("analyst", DemoAccounts.AnalystPassword);
        desk.Goto("/results");
        desk.WaitFor("a[href^='/results/']").Click();
        desk.WaitUntil("document.querySelectorAll('[data-chart] svg').length === 2");
        Assert.AreEqual("1", desk.Find("table.ranking tbody tr td.rank").Text);
        StringAssert.Contains(desk.Find("table.ranking tbody tr th").Text, "海北州");
        desk.Screenshot("results-2021");
        desk.Run("document.getElementById('exports-heading').scrollIntoView();");
        desk.Screenshot("results-2021-exports");

        var phone = OpenBrowser(BrowserProfile.Phone);
        phone.SignIn("analyst", DemoAccounts.AnalystPassword);
        phone.Goto(desk.Url.PathAndQuery);
        phone.WaitUntil("document.querySelectorAll('[data-chart] svg').length === 2");
        phone.Screenshot("results-2021");
        desk.AssertNoJavaScriptErrors();
        phone.AssertNoJavaScriptErrors();
    }

    private async Task<int> FinalizeAll2022InspectionsAsync()
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        var cycle = await db.Cycles.SingleAsync(c => c.Year == 2022);
        var ids = await db.Assessments.Where(a => a.CycleId == cycle.Id && a.Kind == AssessmentKind.Inspection).OrderBy(a => a.CenterId).Select(a => a.Id).ToListAsync();
        var criteria = scope.ServiceProvider.GetRequiredService<Assessment.Web.Criteria.CriteriaRegistry>().Find(cycle.CriteriaVersionId)!;
        var defects = 0;
        foreach (var id in ids)
        {
            await using var inner = App.Scope();
            var workflow = inner.ServiceProvider.GetRequiredService<AssessmentService>();
            var answers = ApiWorld.Answers(criteria, defects++ % 2)
                .Select(a => new AnswerInput { ItemId = a.ItemId, Met = a.Met, Level = a.Level, Number = a.Number, Note = a.Note, Method = a.Method })
                .ToArray();
            await workflow.SaveAnswersAsync(id, null, new SaveAnswersRequest(answers));
            await workflow.SubmitAsync(id, null);
            await workflow.FinalizeAsync(id, null);
        }

        return cycle.Id;
    }
}
