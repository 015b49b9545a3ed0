using System.Globalization;
using Assessment.Reports;
using Assessment.Scoring.Criteria;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Assessment.Web.Workflow;
using Microsoft.EntityFrameworkCore;
using CenterResult = Assessment.Reports.CenterResult;
using PersistedFinding = Assessment.Web.Persistence.Finding;

namespace Assessment.Web.Reports;

/// <summary>
/// Builds the report models of <see cref="Assessment.Reports"/> from the system of record: the stored results of a
/// published cycle (<see cref="CycleResult"/>), the scorecards frozen at finalization, the answers, the rectification
/// ledgers and the cycle's <see cref="PublicationSettings"/>. No number is computed here that the engine stored.
/// </summary>
/// <remarks>Refusals are <see cref="WorkflowException"/>s: 404 no such cycle or center, 409 cycle not published.</remarks>
public sealed class ReportModels(AssessmentDbContext db, CriteriaRegistry registry)
{
    public const string CenterSuffix = "公共资源交易中心";

    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>The published cycle of <paramref name="year"/> (the latest when several).</summary>
    public async Task<AssessmentCycle> PublishedCycleOfYearAsync(int year, CancellationToken cancellationToken = default)
    {
        var cycle = await db.Cycles.AsNoTracking().Where(c => c.Year == year)
            .OrderByDescending(c => c.Status == CycleStatus.Published).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw WorkflowException.NotFound($"没有{year}年度的考核周期。");
        return EnsurePublished(cycle);
    }

    public async Task<AssessmentCycle> PublishedCycleAsync(int cycleId, CancellationToken cancellationToken = default) =>
        EnsurePublished(await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, cancellationToken)
            ?? throw WorkflowException.NotFound($"考核周期 {cycleId} 不存在。"));

    /// <summary>The center with code <paramref name="code"/>; 404 when unknown.</summary>
    public async Task<Center> CenterByCodeAsync(string code, CancellationToken cancellationToken = default) =>
        await db.Centers.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, cancellationToken)
            ?? throw WorkflowException.NotFound($"没有代码为“{code}”的公共资源交易中心。");

    /// <summary>The cycle's stored settings, or the defaults when the bureau has not saved any.</summary>
    public async Task<PublicationSettings> SettingsAsync(AssessmentCycle cycle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return await db.PublicationSettings.AsNoTracking().FirstOrDefaultAsync(s => s.CycleId == cycle.Id, cancellationToken)
            ?? PublicationDefaults.For(cycle);
    }

    /// <summary>The circular of a published cycle.</summary>
    public async Task<CircularModel> CircularAsync(AssessmentCycle cycle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        EnsurePublished(cycle);
        var criteria = Criteria(cycle);
        var settings = await SettingsAsync(cycle, cancellationToken);
        var stored = await ResultsAsync(cycle.Id, cancellationToken);
        var previous = await PreviousTotalsAsync(cycle, cancellationToken);
        var rows = stored.Select(r => new CenterResult(
                ShortName(r.Center!.Name),
                criteria.Dimensions.Select(d => r.Dimensions.FirstOrDefault(x => x.Code == d.Code)?.Score ?? 0m).ToArray(),
                r.Total,
                r.Rank,
                r.Grade,
                r.IsDemonstration)
        {
            PreviousTotal = previous?.Totals.TryGetValue(r.CenterId, out var p) == true ? p : null,
        }).ToArray();

        var issues = await IssuesByCenterAsync(cycle, criteria, stored, cancellationToken);
        var signature = SignatureDate(cycle, settings);
        return new CircularModel
        {
            IssuerName = settings.IssuerName,
            IssuerMark = settings.IssuerMark,
            Number = Number(cycle, settings),
            Title = settings.Title,
            Addressees = settings.Addressees,
            Year = cycle.Year,
            CenterNameSuffix = CenterSuffix,
            Opening = new CircularOpening
            {
                Basis = settings.Basis,
                Start = cycle.ScheduleStart,
                End = cycle.ScheduleEnd,
                Organizer = settings.Organizer,
                AssessmentName = settings.AssessmentName,
                ShortName = settings.ShortName,
                Methods = await MethodsAsync(criteria, stored, cancellationToken),
            },
            Dimensions = criteria.Dimensions,
            Results = rows,
            Statistics = CircularStatistics.FromResults(rows, criteria.Grades.OrderByDescending(g => g.MinTotal).Select(g => g.Name).ToArray()),
            DemonstrationThreshold = criteria.Demonstration.MinTotal,
            PreviousYear = previous?.Year,
            SituationIntro = settings.SituationIntro,
            Situation = settings.Situation.Select(p => new TitledParagraph(p.Lead, p.Text)).ToArray(),
            Highlights = settings.Highlights.Select(p => new TitledParagraph(p.Lead, p.Text)).ToArray(),
            ProblemsIntro = settings.ProblemsIntro,
            Problems = settings.Problems.Count > 0
                ? settings.Problems.Select(p => new ProblemGroup(p.Dimension, p.Heading, p.Text) { TypicalGaps = p.TypicalGaps ?? [] }).ToArray()
                : ProblemsFrom(criteria, issues),
            ResultsIntro = settings.ResultsIntro,
            Requirements = new CircularRequirements
            {
                Paragraphs = settings.Requirements,
                RectifyWithinDays = settings.RectifyWithinDays,
                ReportTo = settings.ReportTo,
            },
            Issues = issues,
            AttachmentTitles = CircularAttachmentTitles.ForYear(cycle.Year),
            SignatureDate = signature,
            Disclosure = settings.Disclosure,
            Imprint = new Imprint
            {
                CopyTo = settings.CopyTo,
                Distribution = settings.Distribution,
                PrintingOffice = settings.PrintingOffice,
                PrintDate = settings.PrintDate ?? signature,
            },
        };
    }

    /// <summary>A center's feedback letter on a published cycle; 404 when the center has no result in it.</summary>
    public async Task<FeedbackLetterModel> FeedbackLetterAsync(AssessmentCycle cycle, Center center, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(center);
        EnsurePublished(cycle);
        var criteria = Criteria(cycle);
        var settings = await SettingsAsync(cycle, cancellationToken);
        var stored = await ResultsAsync(cycle.Id, cancellationToken);
        var own = stored.FirstOrDefault(r => r.CenterId == center.Id)
            ?? throw WorkflowException.NotFound($"{center.Name}没有{cycle.Year}年度的考核结果。");
        var lost = await LostPointsAsync(criteria, own, cancellationToken);
        var findings = await FindingsAsync(cycle.Id, center.Id, cancellationToken);
        var signature = SignatureDate(cycle, settings);
        return new FeedbackLetterModel
        {
            IssuerName = settings.IssuerName,
            IssuerMark = settings.IssuerName,
            Title = $"{settings.IssuerName}\n关于{cycle.Year}年度考核情况的反馈意见",
            Center = center.Name,
            Year = cycle.Year,
            Opening = $"根据{settings.Basis}安排，{Date(cycle.ScheduleStart)}至{Date(cycle.ScheduleEnd)}，{settings.Organizer}对你中心开展了{settings.AssessmentName}考评。现将有关情况反馈如下：",
            Total = own.Total,
            ProvinceMean = stored.Average(r => r.Total),
            Rank = own.Rank,
            CenterCount = stored.Count,
            Grade = own.Grade,
            IsDemonstration = own.IsDemonstration,
            Dimensions = criteria.Dimensions.Select(d => new DimensionComparison(
                d.Name,
                d.Weight,
                own.Dimensions.FirstOrDefault(x => x.Code == d.Code)?.Score ?? 0m,
                stored.Average(r => r.Dimensions.FirstOrDefault(x => x.Code == d.Code)?.Score ?? 0m))).ToArray(),
            LostPoints = lost,
            Findings = findings.Count > 0 ? findings.Select(f => f.Description).ToArray() : lost.Select(IssueText).ToArray(),
            RectificationDeadline = signature.AddDays(settings.RectifyWithinDays),
            ReportTo = settings.ReportTo,
            SignatureDate = signature,
        };
    }

    /// <summary>A center's rectification report from its ledger of the cycle; 404 when it has none.</summary>
    public async Task<RectificationReportModel> RectificationReportAsync(AssessmentCycle cycle, Center center, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(center);
        var settings = await SettingsAsync(cycle, cancellationToken);
        var ledger = await db.RectificationLedgers.AsNoTracking()
            .Where(l => l.CycleId == cycle.Id && l.CenterId == center.Id)
            .Include(l => l.Aspects)
            .Include(l => l.Findings).ThenInclude(f => f.Actions)
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw WorkflowException.NotFound($"{center.Name}没有{cycle.Year}年度的整改台账。");
        var criteria = registry.Find(cycle.CriteriaVersionId);
        var signature = SignatureDate(cycle, settings);
        var aspects = ledger.Aspects.OrderBy(a => a.Order)
            .Select(a => new RectificationAspect(a.Title, ledger.Findings.Where(f => f.AspectId == a.Id).OrderBy(f => f.Order)
                .SelectMany(f => f.Actions.OrderBy(x => x.Order).Select(x => Problem(criteria, f, x, signature.AddDays(settings.RectifyWithinDays))))
                .ToArray()))
            .Where(a => a.Problems.Count > 0)
            .ToArray();
        var actions = ledger.Findings.SelectMany(f => f.Actions).ToList();
        var latest = actions.Select(a => a.CompletedOn).Where(d => d is not null).Max();
        return new RectificationReportModel
        {
            Issuer = center.Name,
            Title = $"{center.Name}\n关于{cycle.Year}年度考核反馈问题整改情况的报告",
            Addressee = settings.IssuerName,
            Center = center.Name,
            Year = cycle.Year,
            Opening = $"根据{settings.IssuerName}{cycle.Year}年度考核反馈意见，我中心对照问题清单逐项制定整改措施、明确责任、限期整改。现将整改情况报告如下：",
            Organization =
            [
                new("提高政治站位，加强组织领导。", "中心召开专题会议，研究部署考核反馈问题整改工作，成立整改工作领导小组，主要负责同志亲自抓、负总责。"),
                new("建立整改台账，压实整改责任。", "对照反馈问题逐项建立整改台账，明确责任领导、责任部门、责任人和完成时限，实行清单化管理、销号式整改。"),
            ],
            Aspects = aspects,
            LastingRules = actions.Select(a => a.LastingRules?.Trim().Trim('《', '》')).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!).Distinct(StringComparer.Ordinal).ToArray(),
            NextSteps =
            [
                new("持续推进未完成事项。", "对尚未完成整改的问题，紧盯时间节点，加大推进力度，确保按期整改到位。"),
                new("巩固拓展整改成果。", "举一反三，建立健全长效机制，防止同类问题反弹回潮，持续提升公共资源交易服务水平。"),
            ],
            SignatureDate = latest ?? signature,
        };
    }

    private static RectificationProblem Problem(CriteriaVersion? criteria, PersistedFinding finding, RectificationAction action, DateOnly defaultDeadline) => new()
    {
        Problem = action.SpecificProblem ?? finding.Description,
        Measures = (action.Measures ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        ResponsibleLeader = action.ResponsibleLeader ?? "",
        ResponsibleDepartment = action.ResponsibleDepartment ?? "",
        ResponsiblePerson = action.ResponsiblePerson ?? "",
        Deadline = action.Deadline ?? defaultDeadline,
        Status = action.Status switch
        {
            ActionStatus.Completed => RectificationStatus.Completed,
            ActionStatus.InProgress => RectificationStatus.InProgress,
            _ => RectificationStatus.NotStarted,
        },
        CompletedOn = action.Status == ActionStatus.Completed ? action.CompletedOn : null,
        Dimension = finding.DimensionCode is { } code && criteria?.Dimensions.FirstOrDefault(d => d.Code == code) is { } d ? d.Name : null,
    };

    /// <summary>Short name as the circular uses it in running text: 海北州公共资源交易中心 → 海北州.</summary>
    public static string ShortName(string name) =>
        name.EndsWith(CenterSuffix, StringComparison.Ordinal) && name.Length > CenterSuffix.Length ? name[..^CenterSuffix.Length] : name;

    private static AssessmentCycle EnsurePublished(AssessmentCycle cycle) =>
        cycle.Status == CycleStatus.Published
            ? cycle
            : throw WorkflowException.Conflict($"{cycle.Year}年度考核周期（{cycle.Title}）尚未发布，不能生成通报和反馈意见。");

    private CriteriaVersion Criteria(AssessmentCycle cycle) =>
        registry.Find(cycle.CriteriaVersionId) ?? throw WorkflowException.Conflict($"考核周期使用的考核标准版本“{cycle.CriteriaVersionId}”未加载。");

    private static DocumentNumber Number(AssessmentCycle cycle, PublicationSettings settings) =>
        new(settings.NumberPrefix, settings.NumberYear ?? cycle.Year + 1, settings.Number);

    private static DateOnly SignatureDate(AssessmentCycle cycle, PublicationSettings settings) =>
        settings.SignatureDate
        ?? (cycle.PublishedAt is { } at ? DateOnly.FromDateTime(at.ToOffset(ChinaStandardTime).DateTime) : cycle.ScheduleEnd);

    private static string Date(DateOnly d) => string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日");

    /// <summary>
    /// The inspection methods the inspectors recorded in the published inspections, in the order of the circular
    /// (听汇报、查资料、看现场、开座谈会 …); the criteria's methods when none was recorded.
    /// </summary>
    private async Task<InspectionMethod[]> MethodsAsync(CriteriaVersion criteria, List<CycleResult> stored, CancellationToken cancellationToken)
    {
        var assessmentIds = stored.Where(r => r.AssessmentId is not null).Select(r => r.AssessmentId!.Value).ToList();
        var recorded = await db.Answers.AsNoTracking()
            .Where(a => assessmentIds.Contains(a.AssessmentId) && a.Method != null)
            .Select(a => a.Method!.Value).Distinct().ToListAsync(cancellationToken);
        return (recorded.Count > 0 ? recorded : criteria.Items.SelectMany(i => i.Methods)).Distinct().Order().ToArray();
    }

    private Task<List<CycleResult>> ResultsAsync(int cycleId, CancellationToken cancellationToken) =>
        db.CycleResults.AsNoTracking()
            .Where(r => r.CycleId == cycleId)
            .Include(r => r.Center)
            .Include(r => r.Dimensions)
            .OrderBy(r => r.Rank).ThenBy(r => r.CenterId)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

    private sealed record PreviousTotals(int Year, Dictionary<int, decimal> Totals);

    private async Task<PreviousTotals?> PreviousTotalsAsync(AssessmentCycle cycle, CancellationToken cancellationToken)
    {
        var previous = await db.Cycles.AsNoTracking()
            .Where(c => c.Status == CycleStatus.Published && c.Year < cycle.Year)
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (previous is null)
        {
            return null;
        }

        var totals = await db.CycleResults.AsNoTracking().Where(r => r.CycleId == previous.Id).ToDictionaryAsync(r => r.CenterId, r => r.Total, cancellationToken);
        return totals.Count == 0 ? null : new PreviousTotals(previous.Year, totals);
    }

    private Task<List<PersistedFinding>> FindingsAsync(int cycleId, int centerId, CancellationToken cancellationToken) =>
        db.Findings.AsNoTracking()
            .Where(f => db.RectificationLedgers.Any(l => l.Id == f.LedgerId && l.CycleId == cycleId && l.CenterId == centerId))
            .OrderBy(f => f.Order)
            .ToListAsync(cancellationToken);

    /// <summary>附件3: each center's ledger findings of the cycle; a center without a ledger: the items where it lost points.</summary>
    private async Task<IReadOnlyList<CenterIssues>> IssuesByCenterAsync(
        AssessmentCycle cycle, CriteriaVersion criteria, List<CycleResult> stored, CancellationToken cancellationToken)
    {
        var ledgerFindings = (await db.Findings.AsNoTracking()
                .Join(db.RectificationLedgers.Where(l => l.CycleId == cycle.Id), f => f.LedgerId, l => l.Id, (f, l) => new { l.CenterId, Finding = f })
                .ToListAsync(cancellationToken))
            .GroupBy(x => x.CenterId)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Finding).OrderBy(f => f.Order).ToList());
        var issues = new List<CenterIssues>();
        foreach (var result in stored)
        {
            IReadOnlyList<CenterIssue> items;
            if (ledgerFindings.TryGetValue(result.CenterId, out var findings) && findings.Count > 0)
            {
                items = findings.Select(f => new CenterIssue(DimensionName(criteria, f.DimensionCode), f.Description)).ToArray();
            }
            else
            {
                items = (await LostPointsAsync(criteria, result, cancellationToken))
                    .Select(l => new CenterIssue(l.Dimension, IssueText(l))).ToArray();
            }

            issues.Add(new CenterIssues(ShortName(result.Center!.Name), items));
        }

        return issues;
    }

    private static string DimensionName(CriteriaVersion criteria, string? code) =>
        code is not null && criteria.Dimensions.FirstOrDefault(d => d.Code == code) is { } d ? d.Name : "其他";

    /// <summary>三、存在问题及不足 when the bureau wrote none: one group per dimension with issues, the most frequent first.</summary>
    private static ProblemGroup[] ProblemsFrom(CriteriaVersion criteria, IReadOnlyList<CenterIssues> issues) =>
        criteria.Dimensions
            .Select(d => (Dimension: d, Items: issues.SelectMany(c => c.Items.Where(i => i.Dimension == d.Name).Select(i => (c.Center, i.Text))).ToList()))
            .Where(x => x.Items.Count > 0)
            .OrderByDescending(x => x.Items.Count)
            .Select(x => new ProblemGroup(
                x.Dimension.Name,
                $"{x.Dimension.Name}还需加强",
                $"{x.Items.Select(i => i.Center).Distinct().Count()}个中心在{x.Dimension.Name}方面存在失分或问题，共{x.Items.Count}项。")
            {
                TypicalGaps = x.Items.Select(i => Gap(i.Text)).Distinct(StringComparer.Ordinal).Take(5).ToArray(),
            })
            .ToArray();

    /// <summary>A lost-point item as a problem: the item and what the inspector noted, or the engine's explanation when nothing was noted.</summary>
    private static string IssueText(LostPointItem item)
    {
        var what = string.IsNullOrWhiteSpace(item.Note) ? item.Reason : item.Note.Trim().TrimEnd('。') + "。";
        return $"{item.Title}：{what}";
    }

    private static string Gap(string text)
    {
        var end = text.IndexOfAny(['：', '。']);
        return end > 0 ? text[..end] : text;
    }

    /// <summary>The items of the center's frozen scorecard that lost points, with the engine's explanation and the inspector's answer.</summary>
    private async Task<IReadOnlyList<LostPointItem>> LostPointsAsync(CriteriaVersion criteria, CycleResult result, CancellationToken cancellationToken)
    {
        if (result.AssessmentId is not { } assessmentId)
        {
            return [];
        }

        var card = await db.Scorecards.AsNoTracking().Include(s => s.Items).FirstOrDefaultAsync(s => s.AssessmentId == assessmentId, cancellationToken);
        if (card is null)
        {
            return [];
        }

        var answers = await db.Answers.AsNoTracking().Where(a => a.AssessmentId == assessmentId).ToDictionaryAsync(a => a.ItemId, StringComparer.Ordinal, cancellationToken);
        var evidenceIds = answers.Values.SelectMany(a => a.EvidenceIds).Distinct().ToList();
        var evidence = await db.EvidenceFiles.AsNoTracking().Where(e => evidenceIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.OriginalFileName, cancellationToken);
        return card.Items
            .Where(i => i.Points is { } points && points < i.MaxPoints)
            .OrderBy(i => criteria.IndexOf(i.ItemId) is var k and >= 0 ? k : int.MaxValue)
            .Select(i =>
            {
                answers.TryGetValue(i.ItemId, out var answer);
                return new LostPointItem(i.ItemId, DimensionName(criteria, i.DimensionCode), criteria.FindItem(i.ItemId)?.Title ?? i.ItemId, i.MaxPoints, i.Points!.Value, i.Explanation)
                {
                    Method = answer?.Method,
                    Evidence = answer?.EvidenceIds.Select(id => evidence.TryGetValue(id, out var name) ? name : $"佐证材料{id}").ToArray() ?? [],
                    Note = answer?.Note,
                };
            })
            .ToArray();
    }
}
