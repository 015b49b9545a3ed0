namespace Assessment.Reports;

/// <summary>
/// A document number (发文字号): the issuer's prefix, the year in full and the sequence number, printed
/// as <c>青政务〔2022〕3号</c> — year inside 〔〕 (U+3014/U+3015), no 第, no leading zeros (GB/T 9704-2012 7.2.3).
/// </summary>
public sealed record DocumentNumber(string Prefix, int Year, int Number)
{
    public override string ToString() => $"{Prefix}〔{Year}〕{Number}号";
}

/// <summary>
/// A paragraph that opens with a lead sentence set in the level-2 heading font (楷体), as in
/// "（一）强化标准，基础设施合理配置。各政务服务监管局……". The numbering （一）（二）… is added by the writer.
/// </summary>
/// <param name="Lead">The lead sentence, ending with its own punctuation (usually "。").</param>
/// <param name="Text">The rest of the paragraph, in body text.</param>
public sealed record TitledParagraph(string Lead, string Text);

/// <summary>The imprint (版记) on the last page: 抄送 line, an optional distribution line, printing office and date.</summary>
public sealed record Imprint
{
    /// <summary>抄送机关, printed as "抄送：A，B。".</summary>
    public required IReadOnlyList<string> CopyTo { get; init; }

    /// <summary>Internal distribution (e.g. 局长，副局长，各处室、局属各单位), printed on its own line; empty for none.</summary>
    public IReadOnlyList<string> Distribution { get; init; } = [];

    /// <summary>印发机关, printed flush left.</summary>
    public required string PrintingOffice { get; init; }

    /// <summary>印发日期, printed flush right as "2022年1月29日印发".</summary>
    public required DateOnly PrintDate { get; init; }
}
