using Assessment.Tests.Web;
using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Tests.Browser;

/// <summary>
/// The bureau creates a cycle, opens it and schedules an inspection in real Chromium, at a desk and on a phone: the
/// forms work without script errors, nothing scrolls sideways on a phone; screenshots for a person to look at.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class CycleManagementBrowserTests : BrowserTest
{
    private const string NoSidewaysScroll = "return document.documentElement.scrollWidth > window.innerWidth + 1;";

    [TestMethod]
    public async Task The_bureau_creates_opens_and_schedules_a_cycle_on_a_phone_and_at_a_desk()
    {
        var phone = OpenBrowser(BrowserProfile.Phone);
        phone.SignIn("admin", DemoAccounts.AdminPassword);
        phone.Goto("/bureau/cycles");
        phone.WaitFor("a[href='/bureau/cycles/new']").Click();
        phone.WaitFor("form[data-form='new-cycle']");
        Assert.IsFalse(phone.Run<bool>(NoSidewaysScroll), "the form fits a phone");
        phone.Screenshot("new-cycle");

        // An end before the start: the field's error, nothing saved.
        phone.Run("document.getElementById('scheduleStart').value = '2024-03-01'; document.getElementById('scheduleEnd').value = '2024-02-01';");
        phone.Find("form[data-form='new-cycle'] button[type=submit]").Click();
        StringAssert.Contains(phone.WaitFor("#scheduleEnd-error").Text, "结束日期不能早于开始日期。");
        Assert.IsFalse(phone.Run<bool>(NoSidewaysScroll));
        phone.Screenshot("new-cycle-errors");

        phone.Run("document.getElementById('scheduleEnd').value = '2024-03-29';");
        phone.Find("form[data-form='new-cycle'] button[type=submit]").Click();
        phone.WaitFor("form[data-form='transition']");
        var cycle = await App.WithDbAsync(db => db.Cycles.OrderByDescending(c => c.Id).FirstAsync());
        Assert.AreEqual(CycleStatus.Draft, cycle.Status);
        Assert.AreEqual(new DateOnly(2024, 3, 1), cycle.ScheduleStart);
        Assert.IsFalse(phone.Run<bool>(NoSidewaysScroll), "the dashboard of a draft fits a phone");
        phone.Screenshot("draft-dashboard");

        phone.Find("#confirm-transition").Click();
        phone.Find("form[data-form='transition'] button[type=submit]").Click();
        phone.WaitFor("form[data-form='transition'][action*='handler=Review']"); // the open cycle's page offers 开始审核
        Assert.AreEqual(CycleStatus.Open, await App.WithDbAsync(db => db.Cycles.Where(c => c.Id == cycle.Id).Select(c => c.Status).SingleAsync()));
        phone.Run("document.getElementById('schedule').scrollIntoView();");
        phone.Screenshot("schedule");
        phone.AssertNoJavaScriptErrors();

        var desk = OpenBrowser(BrowserProfile.Desk);
        desk.SignIn("admin", DemoAccounts.AdminPassword);
        desk.Goto($"/bureau/cycles/{cycle.Id}");
        desk.WaitFor("form[data-form='schedule']");
        desk.Run("const s = document.getElementById('schedule-center'); s.selectedIndex = 1;");
        desk.Find("#inspector-inspector\\.wang").Click();
        desk.Find("form[data-form='schedule'] button[type=submit]").Click();
        desk.WaitUntil("document.querySelector('p.notice.good[role=status]')?.textContent.includes('已安排') === true");
        Assert.AreEqual(1, await App.WithDbAsync(db => db.Assessments.CountAsync(a => a.CycleId == cycle.Id && a.Kind == AssessmentKind.Inspection)));
        desk.Screenshot("scheduled");
        desk.AssertNoJavaScriptErrors();
    }
}
