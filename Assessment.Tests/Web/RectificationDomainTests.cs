using Assessment.Web.Persistence;
using Assessment.Web.Rectification;

namespace Assessment.Tests.Web;

/// <summary>The action's rules and the workbook's cell formats, without a database.</summary>
[TestClass]
public sealed class RectificationDomainTests
{
    private static readonly DateTimeOffset At = new(2022, 6, 20, 9, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void Completing_requires_a_date_and_leaving_completed_clears_it()
    {
        var action = new RectificationAction { Id = 7 };

        var error = Assert.ThrowsExactly<LedgerRuleException>(() => action.SetStatus(ActionStatus.Completed, null, null));
        Assert.AreEqual("completedOn", error.Field);
        Assert.AreEqual(ActionStatus.NotStarted, action.Status);

        action.SetStatus(ActionStatus.Completed, new DateOnly(2022, 6, 1), "ignored");
        Assert.IsNull(action.ProgressNote);
        action.SetStatus(ActionStatus.InProgress, new DateOnly(2022, 6, 1), "二期待资金到位");
        Assert.IsNull(action.CompletedOn);
        Assert.AreEqual("二期待资金到位", action.ProgressNote);
    }

    [TestMethod]
    public void A_closed_action_cannot_change_until_the_bureau_sends_it_back()
    {
        var action = new RectificationAction { Id = 7, EvidenceIds = [3] };
        action.SetStatus(ActionStatus.Completed, new DateOnly(2022, 6, 1), null);
        action.Close("同意销号", "bureau", At);

        Assert.AreEqual(409, Assert.ThrowsExactly<LedgerRuleException>(() => action.SetStatus(ActionStatus.InProgress, null, null)).Status);
        Assert.AreEqual(409, Assert.ThrowsExactly<LedgerRuleException>(() => action.Close("再次销号", "bureau", At)).Status);

        action.SendBack("佐证不足", "bureau", At.AddDays(1));
        Assert.IsFalse(action.IsClosed);
        Assert.AreEqual(ActionStatus.InProgress, action.Status);
        CollectionAssert.AreEqual(new[] { VerificationDecision.Closed, VerificationDecision.SentBack }, action.Verifications.Select(v => v.Decision).ToArray());
    }

    [TestMethod]
    public void Overdue_and_due_soon_depend_on_the_deadline_and_completion()
    {
        var today = new DateOnly(2022, 6, 20);
        var late = new RectificationAction { Deadline = new DateOnly(2022, 6, 19) };
        var soon = new RectificationAction { Deadline = new DateOnly(2022, 6, 27) };
        var ongoing = new RectificationAction { Deadline = null };
        var done = new RectificationAction { Deadline = new DateOnly(2022, 6, 1) };
        done.SetStatus(ActionStatus.Completed, new DateOnly(2022, 6, 1), null);

        Assert.IsTrue(late.IsOverdue(today));
        Assert.IsFalse(soon.IsOverdue(today));
        Assert.IsTrue(soon.IsDueSoon(today, 7));
        Assert.IsFalse(soon.IsDueSoon(today, 6));
        Assert.IsFalse(ongoing.IsOverdue(today) || ongoing.IsDueSoon(today, 7));
        Assert.IsFalse(done.IsOverdue(today));
    }

    [TestMethod]
    [DataRow("2023-06-30", 2023, 6, 30)]
    [DataRow("2023/6/3", 2023, 6, 3)]
    [DataRow("2023.06.30", 2023, 6, 30)]
    [DataRow("2023年6月30日", 2023, 6, 30)]
    [DataRow("45107", 2023, 6, 30)]
    public void Dates_are_read_as_centers_write_them(string text, int year, int month, int day) =>
        Assert.AreEqual(new DateOnly(year, month, day), LedgerWorkbook.ParseDate(text));

    [TestMethod]
    [DataRow("2023-02-30")]
    [DataRow("6月底")]
    [DataRow("2023-13-01")]
    public void Impossible_dates_are_not_read(string text) => Assert.IsNull(LedgerWorkbook.ParseDate(text));

    [TestMethod]
    public void Statuses_are_read_with_their_progress_notes()
    {
        Assert.AreEqual((ActionStatus.Completed, (string?)null), LedgerWorkbook.ParseStatus("已完成"));
        Assert.AreEqual((ActionStatus.InProgress, "一期已完工"), LedgerWorkbook.ParseStatus("正在整改（一期已完工）"));
        Assert.AreEqual((ActionStatus.InProgress, "部分完成"), LedgerWorkbook.ParseStatus("部分完成"));
        Assert.AreEqual((ActionStatus.NotStarted, (string?)null), LedgerWorkbook.ParseStatus("未启动"));
        Assert.IsNull(LedgerWorkbook.ParseStatus("搁置"));
    }
}
