using Assessment.Tests.Web;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Tests.Browser;

/// <summary>The center's results page, the ledger and the criteria diff in a real Chromium, on a phone and at a desk.</summary>
[TestClass]
[DoNotParallelize]
public sealed class CenterPagesBrowserTests : BrowserTest
{
    [TestMethod]
    public void Center_staff_on_a_phone_see_their_results_with_the_radar_chart_and_cannot_open_another_centers_page()
    {
        var (haidong, cycle) = Ids("QH-HD");
        var phone = OpenBrowser(BrowserProfile.Phone);
        phone.SignIn("haibei", DemoAccounts.HaibeiPassword);
        phone.Goto("/center");
        phone.WaitFor("[data-radar] svg");
        Assert.AreEqual("95.50", phone.Find("[data-total]").Text);
        Assert.AreEqual("第1名", phone.Find("[data-rank]").Text);
        StringAssert.Contains(phone.Find("[data-demonstration]").Text, "示范");
        Assert.IsGreaterThan(0L, phone.Run<long>("return document.querySelectorAll('[data-radar] svg path').length;"), "the radar is drawn");
        StringAssert.Contains(phone.Run<string>("return document.querySelector('[data-radar] svg').textContent;"), "服务内容", "the radar names the dimensions");
        AssertNoSidewaysScroll(phone);
        phone.Screenshot("center-results");
        phone.Run("document.querySelector('[data-radar]').scrollIntoView({block: 'center'});");
        phone.Screenshot("center-radar");
        phone.Run("document.querySelector('.lost').scrollIntoView({block: 'start'});");
        phone.Screenshot("center-lost-items");

        phone.Goto($"/ledger/{haidong}/{cycle}");
        phone.WaitFor(d => new Uri(d.Url).AbsolutePath == "/account/denied" ? "denied" : null, "refusal of 海东市's ledger");
        StringAssert.Contains(phone.Find("main").Text, "无权访问");
        Assert.DoesNotContain("海东市", phone.Find("main").Text);

        var desk = OpenBrowser(BrowserProfile.Desk);
        desk.SignIn("haibei", DemoAccounts.HaibeiPassword);
        desk.Goto("/center");
        desk.WaitFor("[data-radar] svg");
        desk.Run("document.querySelector('.with-chart').scrollIntoView({block: 'start'});");
        desk.Screenshot("center-results");
    }

    [TestMethod]
    public void The_ledger_on_a_phone_shows_the_overdue_and_due_soon_reminders_at_the_top()
    {
        var (hainan, cycle) = Ids("QH-HAN");

        // The demo's deadlines are in 2022: make one open item of 海南州 fall due in three days (China time, the ledger's clock).
        var today = LedgerService.Today(TimeProvider.System);
        var dueSoon = App.WithDbAsync(async db =>
        {
            var action = await db.RectificationActions.Where(a => db.Findings.Any(f => f.Id == a.FindingId && db.RectificationLedgers.Any(l => l.Id == f.LedgerId && l.CenterId == hainan && l.CycleId == cycle)))
                .Where(a => a.Status == ActionStatus.InProgress).OrderBy(a => a.Id).FirstAsync();
            action.Deadline = today.AddDays(3);
            await db.SaveChangesAsync();
            return action.Id;
        }).Result;

        var phone = OpenBrowser(BrowserProfile.Phone);
        phone.SignIn("admin", DemoAccounts.AdminPassword);
        phone.Goto("/ledger");
        var overview = phone.WaitFor("[data-reminders]").Text;
        StringAssert.Contains(overview, "项已逾期");
        StringAssert.Contains(overview, "7日内到期");
        AssertNoSidewaysScroll(phone);
        phone.Screenshot("ledger-overview");

        phone.Goto($"/ledger/{hainan}/{cycle}");
        var reminders = phone.WaitFor("[data-reminders]");
        Assert.IsTrue(reminders.Displayed);
        StringAssert.Contains(reminders.Text, "项已逾期，1 项7日内到期");
        Assert.IsNotNull(phone.Find($"[data-due-soon-item='{dueSoon}']"));
        Assert.IsGreaterThan(0, phone.FindAll("[data-action] [data-overdue]").Count, "overdue items are flagged in the ledger");
        Assert.IsLessThan(740L, phone.Run<long>("return Math.round(document.querySelector('[data-reminders]').getBoundingClientRect().top);"), "the reminders are on the first screen");
        AssertNoSidewaysScroll(phone);
        phone.Screenshot("ledger-reminders");
        phone.Run($"document.getElementById('action-{dueSoon}').scrollIntoView({{block: 'start'}});");
        phone.Screenshot("ledger-due-soon-item");
    }

    [TestMethod]
    public void The_criteria_diff_at_a_desk_lists_the_changes_between_the_shipped_versions()
    {
        var desk = OpenBrowser(BrowserProfile.Desk);
        desk.SignIn("analyst", DemoAccounts.AnalystPassword);
        desk.Goto("/criteria/diff?from=qh-demo-2021&to=qh-demo-2022");
        var summary = desk.WaitFor("[data-diff-summary]").Text;
        StringAssert.Contains(summary, "处变化");
        StringAssert.Contains(desk.Find("main").Text, "调整分值 C7：3分 → 1分");
        desk.Screenshot("criteria-diff");
        desk.Goto("/criteria");
        desk.WaitFor("[data-version='qh-demo-2022']");
        desk.Screenshot("criteria-list");
    }

    private (int Center, int Cycle) Ids(string code) => App.WithDbAsync(async db =>
        (await db.Centers.Where(c => c.Code == code).Select(c => c.Id).SingleAsync(),
         await db.Cycles.Where(c => c.Year == 2021).Select(c => c.Id).SingleAsync())).Result;

    private static void AssertNoSidewaysScroll(Browser browser) =>
        Assert.IsLessThanOrEqualTo(1L, browser.Run<long>("return document.documentElement.scrollWidth - window.innerWidth;"), "the page fits the width (tables scroll inside .table-wrap)");
}
