using System.Globalization;

namespace Assessment.Reports;

/// <summary>
/// A center's rectification report (整改情况报告) generated from its ledger (整改台账), in the style of
/// the published reports: overall situation with "N个方面M个问题，已完成整改K个，完成率xx.xx%", then each
/// problem with its measures, responsibility, deadline and status, the lasting rules adopted, next steps.
/// </summary>
public sealed record RectificationReportModel
{
    /// <summary>Who signs, e.g. 海北州公共资源交易中心.</summary>
    public required string Issuer { get; init; }

    /// <summary>A red mark at the top; null (the usual case for a center's report) prints none.</summary>
    public string? IssuerMark { get; init; }

    public DocumentNumber? Number { get; init; }

    /// <summary>"\n" marks a preferred line break.</summary>
    public required string Title { get; init; }

    /// <summary>主送机关, e.g. 青海省政务服务监督管理局.</summary>
    public required string Addressee { get; init; }

    /// <summary>The center's short or full name as the report uses it.</summary>
    public required string Center { get; init; }

    /// <summary>The assessment year whose findings are rectified.</summary>
    public required int Year { get; init; }

    /// <summary>The opening paragraph (根据……，现将整改情况报告如下：).</summary>
    public required string Opening { get; init; }

    /// <summary>Where the problems came from, used in "考核反馈的N个方面M个问题" (e.g. 考核反馈).</summary>
    public string Source { get; init; } = "考核反馈";

    /// <summary>一、整改工作总体情况: （一）（二）… how the work was organized.</summary>
    public required IReadOnlyList<TitledParagraph> Organization { get; init; }

    /// <summary>The ledger: aspects, each with its problems.</summary>
    public required IReadOnlyList<RectificationAspect> Aspects { get; init; }

    /// <summary>Rules adopted for the long run (长效机制), e.g. 《评标区管理制度》.</summary>
    public required IReadOnlyList<string> LastingRules { get; init; }

    /// <summary>下一步工作: （一）（二）….</summary>
    public required IReadOnlyList<TitledParagraph> NextSteps { get; init; }

    /// <summary>The ledger attachment's title; null attaches no ledger table.</summary>
    public string? LedgerTitle { get; init; } = "整改台账";

    public required DateOnly SignatureDate { get; init; }

    public int AspectCount => Aspects.Count;

    public int ProblemCount => Aspects.Sum(a => a.Problems.Count);

    public int CompletedCount => CountWhere(RectificationStatus.Completed);

    public int InProgressCount => CountWhere(RectificationStatus.InProgress);

    public int NotStartedCount => CountWhere(RectificationStatus.NotStarted);

    /// <summary>Completed problems in percent of all problems, rounded to two decimals; 100 when there is none.</summary>
    public decimal CompletionRate => ProblemCount == 0
        ? 100m
        : Math.Round(100m * CompletedCount / ProblemCount, 2, MidpointRounding.AwayFromZero);

    /// <summary>"N个方面M个问题，已完成整改K个，完成率xx.xx%" (a whole rate prints without decimals: 100%).</summary>
    public string Summary =>
        $"{AspectCount}个方面{ProblemCount}个问题，已完成整改{CompletedCount}个，完成率{FormatRate(CompletionRate)}";

    /// <summary>Two decimals, except a whole percentage which prints as such (95.24%, 100%).</summary>
    public static string FormatRate(decimal percent) =>
        (decimal.Truncate(percent) == percent
            ? percent.ToString("0", CultureInfo.InvariantCulture)
            : percent.ToString("0.00", CultureInfo.InvariantCulture)) + "%";

    private int CountWhere(RectificationStatus status) =>
        Aspects.Sum(a => a.Problems.Count(p => p.Status == status));
}

/// <summary>An aspect (方面) of the findings, e.g. 硬件设施方面.</summary>
public sealed record RectificationAspect(string Name, IReadOnlyList<RectificationProblem> Problems);

/// <summary>One ledger line: a problem, what is done about it, who answers for it, by when, and where it stands.</summary>
public sealed record RectificationProblem
{
    public required string Problem { get; init; }

    public required IReadOnlyList<string> Measures { get; init; }

    /// <summary>责任领导.</summary>
    public required string ResponsibleLeader { get; init; }

    /// <summary>责任部门 (股室).</summary>
    public required string ResponsibleDepartment { get; init; }

    /// <summary>责任人.</summary>
    public required string ResponsiblePerson { get; init; }

    /// <summary>完成时限.</summary>
    public required DateOnly Deadline { get; init; }

    public required RectificationStatus Status { get; init; }

    /// <summary>When the problem was closed (销号); only for completed problems.</summary>
    public DateOnly? CompletedOn { get; init; }

    /// <summary>The dimension the problem belongs to, when known.</summary>
    public string? Dimension { get; init; }
}

public enum RectificationStatus
{
    /// <summary>未启动</summary>
    NotStarted,

    /// <summary>正在整改 (including partly done)</summary>
    InProgress,

    /// <summary>已完成</summary>
    Completed,
}
