using Assessment.Reports;
using Assessment.Web.Persistence;

namespace Assessment.Web.Rectification;

/// <summary>
/// Where a ledger stands, counted as the published reports count: aspects (方面), problems (问题) and the
/// specific problems (具体问题) they are split into; the completion rate is completed specific problems over
/// all of them, in percent with two decimals (20 of 21 → 95.24; 6 of 6 → 100). A ledger with no problem is
/// 100 % complete (the criteria: 上年度无反馈问题的按100%计).
/// </summary>
public sealed record LedgerProgress(
    int Aspects, int Problems, int SpecificProblems, int Completed, int InProgress, int NotStarted, int Closed, int Overdue)
{
    public decimal CompletionRate => Rate(Completed, SpecificProblems);

    /// <summary>Closed (销号) by the bureau, over all specific problems.</summary>
    public decimal ClosedRate => Rate(Closed, SpecificProblems);

    /// <summary>"完成率95.24%".</summary>
    public string CompletionRateText => "完成率" + RectificationReportModel.FormatRate(CompletionRate);

    /// <summary>
    /// "N个方面M个问题，已完成整改K个，完成率xx.xx%"; when problems were split, the specific problems are named:
    /// "4个方面10个问题（细化为21个具体问题），已完成整改20个，完成率95.24%".
    /// </summary>
    public string Summary => $"{Counts}，{CompletionRateText}";

    /// <summary>The summary without the rate, for where the rate is shown beside it: "4个方面10个问题（细化为21个具体问题），已完成整改20个".</summary>
    public string Counts =>
        $"{Aspects}个方面{Problems}个问题" + (SpecificProblems == Problems ? "" : $"（细化为{SpecificProblems}个具体问题）")
        + $"，已完成整改{Completed}个";

    public static decimal Rate(int done, int total) =>
        total == 0 ? 100m : Math.Round(100m * done / total, 2, MidpointRounding.AwayFromZero);

    public static LedgerProgress Of(RectificationLedger ledger, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var actions = ledger.Findings.SelectMany(f => f.Actions).ToList();
        return new LedgerProgress(
            Aspects: ledger.Findings.Select(f => f.AspectId).Distinct().Count(),
            Problems: ledger.Findings.Count,
            SpecificProblems: actions.Count,
            Completed: actions.Count(a => a.Status == ActionStatus.Completed),
            InProgress: actions.Count(a => a.Status == ActionStatus.InProgress),
            NotStarted: actions.Count(a => a.Status == ActionStatus.NotStarted),
            Closed: actions.Count(a => a.IsClosed),
            Overdue: actions.Count(a => a.IsOverdue(today)));
    }

    /// <summary>The sum of several ledgers (province-wide); aspects are added up per ledger.</summary>
    public static LedgerProgress Sum(IEnumerable<LedgerProgress> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var all = parts.ToList();
        return new LedgerProgress(
            all.Sum(p => p.Aspects), all.Sum(p => p.Problems), all.Sum(p => p.SpecificProblems), all.Sum(p => p.Completed),
            all.Sum(p => p.InProgress), all.Sum(p => p.NotStarted), all.Sum(p => p.Closed), all.Sum(p => p.Overdue));
    }
}
