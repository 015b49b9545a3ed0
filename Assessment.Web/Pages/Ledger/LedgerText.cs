using System.Globalization;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;

namespace Assessment.Web.Pages.Ledger;

/// <summary>How the ledger pages write dates, statuses and reminders (the same words as the API's <see cref="ActionDto"/>).</summary>
public static class LedgerText
{
    public static string Date(DateOnly? date) => date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";

    public static string Deadline(DateOnly? date) => date is { } d ? Date(d) : "长期坚持";

    public static string Rate(decimal rate) => rate.ToString("0.00", CultureInfo.InvariantCulture) + "%";

    public static string Status(ActionStatus status) => ActionDto.StatusName(status);

    public static string Source(FindingSource source) => source switch
    {
        FindingSource.Assessment => "本次考核",
        FindingSource.InspectionTour => "巡察",
        FindingSource.Audit => "审计",
        _ => "其他",
    };

    public static string Severity(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Serious => "较重",
        FindingSeverity.Grave => "严重",
        _ => "一般",
    };

    /// <summary>"3 项已逾期，2 项7日内到期" (either part alone when the other is zero; null when both are).</summary>
    public static string? Reminder(int overdue, int dueSoon, int days)
    {
        var parts = new List<string>();
        if (overdue > 0)
        {
            parts.Add($"{overdue} 项已逾期");
        }

        if (dueSoon > 0)
        {
            parts.Add($"{dueSoon} 项{days}日内到期");
        }

        return parts.Count == 0 ? null : string.Join("，", parts);
    }

    /// <summary>What the action is about: the specific problem, or the problem itself when it is not split.</summary>
    public static string Title(RectificationAction action, Finding finding) => action.SpecificProblem ?? finding.Description;

    /// <summary>The OData URL with the ledger's specific problems (the feed's RectificationActions set).</summary>
    public static string Export(int centerId, int cycleId) =>
        $"/odata/RectificationActions?$filter=CenterId eq {centerId.ToString(CultureInfo.InvariantCulture)} and CycleId eq {cycleId.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>One open item in a reminder list.</summary>
public sealed record ReminderItem(int CenterId, string CenterName, int CycleId, int ActionId, string Title, DateOnly Deadline, ActionStatus Status, string? Department)
{
    public string Link => $"/ledger/{CenterId}/{CycleId}#action-{ActionId}";

    public static IEnumerable<ReminderItem> Overdue(RectificationLedger ledger, string centerName, DateOnly today) =>
        Items(ledger, centerName).Where(x => x.Action.IsOverdue(today)).Select(x => x.Item);

    public static IEnumerable<ReminderItem> DueSoon(RectificationLedger ledger, string centerName, DateOnly today, int days) =>
        Items(ledger, centerName).Where(x => x.Action.IsDueSoon(today, days)).Select(x => x.Item);

    private static IEnumerable<(RectificationAction Action, ReminderItem Item)> Items(RectificationLedger ledger, string centerName) =>
        ledger.Findings.OrderBy(f => f.Order).SelectMany(f => f.Actions.OrderBy(a => a.Order).Where(a => a.Deadline is not null).Select(a => (a,
            new ReminderItem(ledger.CenterId, centerName, ledger.CycleId, a.Id, LedgerText.Title(a, f), a.Deadline!.Value, a.Status, a.ResponsibleDepartment))));
}
