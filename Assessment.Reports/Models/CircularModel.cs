using Assessment.Scoring.Criteria;

namespace Assessment.Reports;

/// <summary>
/// Everything the annual circular (考核情况通报) prints, in the order of the bureau's 2021 circular
/// 青政务〔2022〕3号: header, title, addressees, opening, 一、基本情况, 二、亮点做法, 三、存在问题及不足,
/// 四、考核结果 with the requirements, the attachment list, signature, 信息公开属性, attachments, imprint.
/// Every number the document shows comes from here; the writer computes none of its own except
/// counts and comparisons of the rows it is given.
/// </summary>
public sealed record CircularModel
{
    /// <summary>发文机关署名, e.g. 青海省政务服务监督管理局.</summary>
    public required string IssuerName { get; init; }

    /// <summary>发文机关标志 printed in red, e.g. 青海省政务服务监督管理局文件.</summary>
    public required string IssuerMark { get; init; }

    public required DocumentNumber Number { get; init; }

    /// <summary>The title; "\n" marks where a line should break (GB/T: break between words, keep meaning whole).</summary>
    public required string Title { get; init; }

    /// <summary>主送机关, joined with "，" and ended with "：".</summary>
    public required IReadOnlyList<string> Addressees { get; init; }

    /// <summary>The assessed year (考核年度), e.g. 2021.</summary>
    public required int Year { get; init; }

    /// <summary>The title a demonstration center earns, e.g. 示范公共资源交易中心.</summary>
    public string DemonstrationTitle { get; init; } = "示范公共资源交易中心";

    /// <summary>Appended to a center's short name (海北州) to name it in full (海北州公共资源交易中心).</summary>
    public string CenterNameSuffix { get; init; } = "公共资源交易中心";

    public required CircularOpening Opening { get; init; }

    /// <summary>The dimensions in table order; <see cref="CenterResult.DimensionScores"/> follow this order.</summary>
    public required IReadOnlyList<Dimension> Dimensions { get; init; }

    /// <summary>One row per center, in the order printed (normally by rank).</summary>
    public required IReadOnlyList<CenterResult> Results { get; init; }

    /// <summary>Mean, highest, lowest and counts per grade of <see cref="Results"/>; see <see cref="CircularStatistics.FromResults"/>.</summary>
    public required CircularStatistics Statistics { get; init; }

    /// <summary>The total a center needs for demonstration status (drawn as a line on the totals chart).</summary>
    public required decimal DemonstrationThreshold { get; init; }

    /// <summary>The year of <see cref="CenterResult.PreviousTotal"/>; null when there is no earlier cycle.</summary>
    public int? PreviousYear { get; init; }

    /// <summary>一、基本情况: the bureau's opening paragraph(s) before the figures.</summary>
    public required IReadOnlyList<string> SituationIntro { get; init; }

    /// <summary>一、基本情况: （一）（二）… good practice paragraphs.</summary>
    public required IReadOnlyList<TitledParagraph> Situation { get; init; }

    /// <summary>二、亮点做法: （一）（二）… paragraphs naming centers.</summary>
    public required IReadOnlyList<TitledParagraph> Highlights { get; init; }

    /// <summary>三、存在问题及不足: the paragraph before "一是……二是……".</summary>
    public required string ProblemsIntro { get; init; }

    /// <summary>三、存在问题及不足: problems grouped by dimension, printed "一是……。二是……。".</summary>
    public required IReadOnlyList<ProblemGroup> Problems { get; init; }

    /// <summary>四、考核结果: the sentence before "评定……为……", e.g. 考核组秉持公开、公平、公正的原则，严格按照考评标准精确打分、汇总.</summary>
    public required string ResultsIntro { get; init; }

    public required CircularRequirements Requirements { get; init; }

    /// <summary>Issues found per center (附件3).</summary>
    public required IReadOnlyList<CenterIssues> Issues { get; init; }

    public required CircularAttachmentTitles AttachmentTitles { get; init; }

    /// <summary>成文日期.</summary>
    public required DateOnly SignatureDate { get; init; }

    /// <summary>信息公开属性, e.g. 主动公开.</summary>
    public required string Disclosure { get; init; }

    public required Imprint Imprint { get; init; }

    /// <summary>Number of centers assessed (the rows).</summary>
    public int CenterCount => Results.Count;

    /// <summary>The demonstration centers, in row order.</summary>
    public IReadOnlyList<CenterResult> DemonstrationCenters => Results.Where(r => r.IsDemonstration).ToArray();

    /// <summary>A center's full name, e.g. 海北州公共资源交易中心.</summary>
    public string FullName(string center) => center + CenterNameSuffix;
}

/// <summary>The facts of the opening paragraph.</summary>
public sealed record CircularOpening
{
    /// <summary>The basis document with its number, e.g. 《关于印发……考评实施方案的通知》（青政务函〔2021〕21号）.</summary>
    public required string Basis { get; init; }

    public required DateOnly Start { get; init; }

    public required DateOnly End { get; init; }

    /// <summary>Who carried out the assessment, e.g. 省政务服务监督管理局.</summary>
    public required string Organizer { get; init; }

    /// <summary>The assessment's name, e.g. 2021年度“青海省创建示范公共资源交易中心”.</summary>
    public required string AssessmentName { get; init; }

    /// <summary>The short name introduced by （以下简称“……”）; null for none.</summary>
    public string? ShortName { get; init; }

    /// <summary>听汇报、查资料、看现场、开座谈会 …</summary>
    public required IReadOnlyList<InspectionMethod> Methods { get; init; }

    /// <summary>Where the centers are, e.g. 全省.</summary>
    public string Scope { get; init; } = "全省";
}

/// <summary>One center's line in the score and ranking table.</summary>
/// <param name="Center">Short name, e.g. 海北州.</param>
/// <param name="DimensionScores">Points per dimension, in <see cref="CircularModel.Dimensions"/> order, unrounded.</param>
/// <param name="Total">Out of 100, unrounded.</param>
/// <param name="Rank">1-based; equal totals share a rank (1, 2, 2, 4).</param>
public sealed record CenterResult(
    string Center,
    IReadOnlyList<decimal> DimensionScores,
    decimal Total,
    int Rank,
    string Grade,
    bool IsDemonstration)
{
    /// <summary>The center's total in <see cref="CircularModel.PreviousYear"/>, when it was assessed then.</summary>
    public decimal? PreviousTotal { get; init; }
}

/// <param name="Dimension">The dimension the group belongs to (服务内容 …).</param>
/// <param name="Heading">Printed after "一是": e.g. 基础设施还需完善.</param>
/// <param name="Text">The bureau's description.</param>
public sealed record ProblemGroup(string Dimension, string Heading, string Text)
{
    /// <summary>Typical gaps, printed as "如个别中心存在A、B等现象。"; empty for none.</summary>
    public IReadOnlyList<string> TypicalGaps { get; init; } = [];
}

/// <summary>What the bureau asks for after the results.</summary>
public sealed record CircularRequirements
{
    /// <summary>The bureau's exhortation (希望各……), printed first.</summary>
    public required IReadOnlyList<string> Paragraphs { get; init; }

    /// <summary>Days from issue within which centers rectify and report.</summary>
    public required int RectifyWithinDays { get; init; }

    /// <summary>Who receives the rectification ledgers, e.g. 省政务服务监督管理局.</summary>
    public required string ReportTo { get; init; }
}

public sealed record CenterIssues(string Center, IReadOnlyList<CenterIssue> Items);

public sealed record CenterIssue(string Dimension, string Text);

/// <summary>The three attachments' titles.</summary>
public sealed record CircularAttachmentTitles(string Scores, string DemonstrationList, string Issues)
{
    public static CircularAttachmentTitles ForYear(int year) => new(
        $"{year}年度各公共资源交易中心考核得分及排名情况",
        $"{year}年度示范公共资源交易中心名单",
        $"{year}年度各公共资源交易中心考核发现问题清单");
}

/// <summary>Overall results printed in 一、基本情况.</summary>
public sealed record CircularStatistics
{
    public required decimal Mean { get; init; }

    public required decimal Highest { get; init; }

    /// <summary>The center(s) with the highest total, in row order.</summary>
    public required IReadOnlyList<string> HighestCenters { get; init; }

    public required decimal Lowest { get; init; }

    public required IReadOnlyList<string> LowestCenters { get; init; }

    /// <summary>How many centers earned each grade, in grade order (highest first), zeros included.</summary>
    public required IReadOnlyList<GradeCount> GradeCounts { get; init; }

    /// <summary>Province mean per dimension, in dimension order.</summary>
    public required IReadOnlyList<decimal> DimensionMeans { get; init; }

    /// <summary>Computes the statistics of a set of rows; grades are counted in the order given (highest first).</summary>
    public static CircularStatistics FromResults(IReadOnlyList<CenterResult> results, IReadOnlyList<string> gradeOrder)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(gradeOrder);
        if (results.Count == 0)
        {
            throw new ArgumentException("A circular needs at least one center.", nameof(results));
        }

        var highest = results.Max(r => r.Total);
        var lowest = results.Min(r => r.Total);
        var dimensionCount = results[0].DimensionScores.Count;
        return new CircularStatistics
        {
            Mean = results.Average(r => r.Total),
            Highest = highest,
            HighestCenters = results.Where(r => r.Total == highest).Select(r => r.Center).ToArray(),
            Lowest = lowest,
            LowestCenters = results.Where(r => r.Total == lowest).Select(r => r.Center).ToArray(),
            GradeCounts = gradeOrder.Select(g => new GradeCount(g, results.Count(r => r.Grade == g))).ToArray(),
            DimensionMeans = Enumerable.Range(0, dimensionCount).Select(d => results.Average(r => r.DimensionScores[d])).ToArray(),
        };
    }
}

public sealed record GradeCount(string Grade, int Count);
