namespace Assessment.Web.Persistence;

/// <summary>
/// What the bureau writes for a cycle's circular and letters (发文设置): issuer, document number, addressees,
/// imprint, dates, disclosure and the bureau's own paragraphs. One per cycle; the numbers of the documents never
/// come from here (they come from the stored results), only the words around them.
/// </summary>
public sealed class PublicationSettings : IAudited, IVersioned, IStamped
{
    public const int NameMaxLength = 100;
    public const int LineMaxLength = 500;
    public const int TextMaxLength = 20000;

    public int Id { get; set; }

    public int CycleId { get; set; }

    public AssessmentCycle? Cycle { get; set; }

    /// <summary>发文机关署名, e.g. 青海省政务服务监督管理局.</summary>
    public required string IssuerName { get; set; }

    /// <summary>发文机关标志, e.g. 青海省政务服务监督管理局文件.</summary>
    public required string IssuerMark { get; set; }

    /// <summary>发文字号 prefix, e.g. 青政务 (printed 青政务〔2022〕3号).</summary>
    public required string NumberPrefix { get; set; }

    /// <summary>The year inside 〔〕; null: the year after the cycle's (a circular on 2021 is issued in 2022).</summary>
    public int? NumberYear { get; set; }

    public int Number { get; set; }

    /// <summary>The title; "\n" marks a preferred line break.</summary>
    public required string Title { get; set; }

    public List<string> Addressees { get; set; } = [];

    /// <summary>抄送.</summary>
    public List<string> CopyTo { get; set; } = [];

    /// <summary>Internal distribution line of the imprint (局长，副局长，…); empty for none.</summary>
    public List<string> Distribution { get; set; } = [];

    /// <summary>印发机关.</summary>
    public required string PrintingOffice { get; set; }

    /// <summary>成文日期; null: the day the cycle was published (China time).</summary>
    public DateOnly? SignatureDate { get; set; }

    /// <summary>印发日期; null: the signature date.</summary>
    public DateOnly? PrintDate { get; set; }

    /// <summary>信息公开属性, e.g. 主动公开.</summary>
    public required string Disclosure { get; set; }

    /// <summary>The opening's basis document, e.g. 《关于印发……的通知》（青政务函〔2021〕21号）.</summary>
    public required string Basis { get; set; }

    /// <summary>Who carried out the assessment, e.g. 省政务服务监督管理局.</summary>
    public required string Organizer { get; set; }

    /// <summary>The assessment's name in the opening, e.g. 2021年度“青海省创建示范公共资源交易中心”.</summary>
    public required string AssessmentName { get; set; }

    /// <summary>Introduced by （以下简称“……”）; null for none.</summary>
    public string? ShortName { get; set; }

    /// <summary>一、基本情况: the paragraphs before the figures.</summary>
    public List<string> SituationIntro { get; set; } = [];

    /// <summary>一、基本情况: （一）（二）… items.</summary>
    public List<TitledText> Situation { get; set; } = [];

    /// <summary>二、亮点做法.</summary>
    public List<TitledText> Highlights { get; set; } = [];

    /// <summary>三、存在问题及不足: the paragraph before 一是…二是….</summary>
    public required string ProblemsIntro { get; set; }

    /// <summary>The problem groups; empty: generated from the findings and lost points, one per dimension.</summary>
    public List<ProblemText> Problems { get; set; } = [];

    /// <summary>四、考核结果: the sentence before 评定…为….</summary>
    public required string ResultsIntro { get; set; }

    /// <summary>The requirements after the results (希望各……).</summary>
    public List<string> Requirements { get; set; } = [];

    /// <summary>Days from the signature date within which centers rectify and report.</summary>
    public int RectifyWithinDays { get; set; }

    /// <summary>Who receives the rectification reports, e.g. 省政务服务监督管理局.</summary>
    public required string ReportTo { get; set; }

    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }

    public string? ModifiedBy { get; set; }
}

/// <summary>A paragraph with a lead sentence (（一）强化标准，基础设施合理配置。……).</summary>
public sealed record TitledText(string Lead, string Text);

/// <summary>A problem group of the circular: 一是{Heading}。{Text}如个别中心存在{TypicalGaps}等现象。</summary>
public sealed record ProblemText(string Dimension, string Heading, string Text, IReadOnlyList<string>? TypicalGaps = null);
