using System.Globalization;
using System.Text.Json;
using Assessment.Reports;
using Assessment.Scoring.Cycles;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Assessment.Web.Reports;
using Assessment.Web.Security;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Pages.Center;

/// <summary>
/// A center's own page: the current self-assessment, and for each published cycle the result, the dimension
/// profile against the province, the items where points were lost, the documents and the ledger's progress.
/// The center is the signed-in user's (claim), never a parameter, so no URL can show another center.
/// </summary>
[Authorize(Policy = Policies.CenterStaff)]
public sealed class IndexModel(AssessmentDbContext db, ReportModels reports, LedgerService ledgers, TimeProvider clock) : PageModel
{
    public string CenterName { get; private set; } = "";

    public int CenterId { get; private set; }

    public SelfAssessmentView? Current { get; private set; }

    public IReadOnlyList<CycleView> Cycles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.CenterOf() is not { } centerId)
        {
            return Forbid();
        }

        var center = await db.Centers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == centerId, cancellationToken);
        if (center is null)
        {
            return Forbid();
        }

        CenterId = center.Id;
        CenterName = center.Name;
        Current = await CurrentSelfAssessmentAsync(center.Id, cancellationToken);

        var published = await db.Cycles.AsNoTracking().Where(c => c.Status == CycleStatus.Published)
            .Where(c => db.CycleResults.Any(r => r.CycleId == c.Id && r.CenterId == center.Id))
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.Id)
            .ToListAsync(cancellationToken);
        var views = new List<CycleView>();
        foreach (var cycle in published)
        {
            views.Add(await CycleAsync(cycle, center, cancellationToken));
        }

        Cycles = views;
        return Page();
    }

    private async Task<SelfAssessmentView?> CurrentSelfAssessmentAsync(int centerId, CancellationToken cancellationToken)
    {
        var current = await db.Assessments.AsNoTracking().Include(a => a.Cycle)
            .Where(a => a.CenterId == centerId && a.Kind == AssessmentKind.SelfAssessment && a.Cycle!.Status != CycleStatus.Published && a.Cycle.Status != CycleStatus.Draft)
            .OrderByDescending(a => a.Cycle!.Year).ThenByDescending(a => a.Revision)
            .FirstOrDefaultAsync(cancellationToken);
        return current is null ? null : new SelfAssessmentView(current.Id, current.Cycle!.Year, current.Cycle.Title, current.Status, current.ModifiedAt);
    }

    private async Task<CycleView> CycleAsync(AssessmentCycle cycle, Persistence.Center center, CancellationToken cancellationToken)
    {
        var letter = await reports.FeedbackLetterAsync(cycle, center, cancellationToken);
        var results = await db.CycleResults.AsNoTracking().Where(r => r.CycleId == cycle.Id)
            .Select(r => new { r.CenterId, r.Rank, r.DemonstrationReasons }).ToListAsync(cancellationToken);
        var own = results.Single(r => r.CenterId == center.Id);
        var tied = results.Count(r => r.Rank == own.Rank) > 1;
        var ledger = await ledgers.FindLedgerAsync(center.Id, cycle.Id, cancellationToken);
        var today = LedgerService.Today(clock);
        var dimensions = letter.Dimensions
            .Select(d => new DimensionRow(d.Name, d.Weight, PublishedFigures.Round(d.Score), PublishedFigures.Round(d.ProvinceMean)))
            .ToList();
        var chart = new RadarData(
            $"{cycle.Year}年度维度得分：本中心与全省平均",
            [.. dimensions.Select(d => new RadarIndicator(d.Name, d.Weight))],
            [
                new RadarSeries("本中心", [.. dimensions.Select(d => d.Score)]),
                new RadarSeries("全省平均", [.. dimensions.Select(d => d.ProvinceMean)]),
                new RadarSeries("满分", [.. dimensions.Select(d => d.Weight)]),
            ]);
        return new CycleView(
            cycle.Id,
            cycle.Year,
            cycle.Title,
            PublishedFigures.Round(letter.Total),
            PublishedFigures.Round(letter.ProvinceMean),
            letter.Rank,
            tied,
            letter.CenterCount,
            letter.Grade,
            letter.IsDemonstration,
            own.DemonstrationReasons,
            dimensions,
            letter.LostPoints,
            JsonSerializer.Serialize(chart, ChartJson),
            Summary(cycle.Year, dimensions),
            ledger is null ? null : LedgerProgress.Of(ledger, today));
    }

    /// <summary>What the radar shows, in words, for its aria-label.</summary>
    private static string Summary(int year, IReadOnlyList<DimensionRow> dimensions) =>
        $"{year}年度各维度得分雷达图（本中心/全省平均/满分）：" + string.Join("；", dimensions.Select(d =>
            $"{d.Name} {Format(d.Score)}/{Format(d.ProvinceMean)}/{Format(d.Weight)}"));

    public static string Format(decimal value) => PublishedFigures.Format(value);

    public static string StatusText(AssessmentStatus status) => status switch
    {
        AssessmentStatus.Draft => "草稿（填写中）",
        AssessmentStatus.Submitted => "已提交",
        _ => "已定稿",
    };

    public static string DateText(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions ChartJson = new(JsonSerializerDefaults.Web);

    public sealed record SelfAssessmentView(int Id, int Year, string CycleTitle, AssessmentStatus Status, DateTimeOffset ModifiedAt);

    public sealed record DimensionRow(string Name, decimal Weight, decimal Score, decimal ProvinceMean);

    public sealed record CycleView(
        int CycleId, int Year, string Title, decimal Total, decimal ProvinceMean, int Rank, bool Tied, int CenterCount, string Grade,
        bool IsDemonstration, IReadOnlyList<string> DemonstrationReasons, IReadOnlyList<DimensionRow> Dimensions,
        IReadOnlyList<LostPointItem> LostPoints, string ChartJson, string ChartSummary, LedgerProgress? Ledger);

    public sealed record RadarIndicator(string Name, decimal Max);

    public sealed record RadarSeries(string Name, IReadOnlyList<decimal> Values);

    public sealed record RadarData(string Title, IReadOnlyList<RadarIndicator> Indicators, IReadOnlyList<RadarSeries> Series);
}
