using Assessment.Reports.Charts;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using static Assessment.Reports.Layout.GbT9704;

namespace Assessment.Reports.Layout;

/// <summary>
/// A GB/T 9704 document under construction: the package with its styles, fonts, settings and page
/// number footers, and the few paragraph kinds an official document is made of. Writers add content
/// in reading order and call <see cref="Save"/>.
/// </summary>
internal sealed class OfficialDocument : IDisposable
{
    private readonly MemoryStream stream = new();
    private readonly WordprocessingDocument package;
    private readonly MainDocumentPart main;
    private readonly Body body;
    private readonly string oddFooterId;
    private readonly string evenFooterId;
    private string? blankFooterId;
    private uint drawingId;
    private int figureNumber;

    public OfficialDocument(string title)
    {
        package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        package.PackageProperties.Title = title;
        package.PackageProperties.Language = "zh-CN";
        main = package.AddMainDocumentPart();
        body = new Body();
        main.Document = new Document(body);

        main.AddNewPart<StyleDefinitionsPart>().Styles = OfficialStyles.Create();
        main.AddNewPart<FontTablePart>().Fonts = FontTable();
        main.AddNewPart<DocumentSettingsPart>().Settings = Settings();

        oddFooterId = AddFooter(PageNumberParagraph(StyleId.PageNumberOdd));
        evenFooterId = AddFooter(PageNumberParagraph(StyleId.PageNumberEven));
    }

    public MainDocumentPart MainPart => main;

    /// <summary>The next figure's number (图1, 图2, …).</summary>
    public int NextFigureNumber => figureNumber + 1;

    // ---- Runs and paragraphs -------------------------------------------------------------------

    public static Run Text(string text, string? characterStyle = null)
    {
        var run = new Run();
        if (characterStyle is not null)
        {
            run.RunProperties = new RunProperties { RunStyle = new RunStyle { Val = characterStyle } };
        }

        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    /// <summary>Runs for a text in which "\n" marks a line break.</summary>
    public static IEnumerable<Run> Lines(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var run = Text(lines[i]);
            if (i < lines.Length - 1)
            {
                run.Append(new Break());
            }

            yield return run;
        }
    }

    public static Paragraph Styled(string styleId, IEnumerable<OpenXmlElement> content, Action<ParagraphProperties>? direct = null)
    {
        var properties = new ParagraphProperties { ParagraphStyleId = new ParagraphStyleId { Val = styleId } };
        direct?.Invoke(properties);
        var paragraph = new Paragraph(properties);
        paragraph.Append(content);
        return paragraph;
    }

    public Paragraph Add(string styleId, IEnumerable<OpenXmlElement> content, Action<ParagraphProperties>? direct = null)
    {
        var paragraph = Styled(styleId, content, direct);
        body.Append(paragraph);
        return paragraph;
    }

    public Paragraph Add(string styleId, string text, Action<ParagraphProperties>? direct = null) => Add(styleId, [Text(text)], direct);

    public void Append(OpenXmlElement element) => body.Append(element);

    /// <summary>A body paragraph (3号仿宋, two characters in).</summary>
    public Paragraph BodyText(string text) => Add(StyleId.Body, text);

    /// <summary>"一、基本情况" in 黑体.</summary>
    public Paragraph Heading1(int number, string text) => Add(StyleId.Heading1, $"{ChineseText.Numeral(number)}、{text}");

    /// <summary>"（一）lead" in 楷体 followed by body text in the same paragraph.</summary>
    public Paragraph Lead(int number, string lead, string text) =>
        Add(StyleId.Body, [Text($"（{ChineseText.Numeral(number)}）{lead}", StyleId.KaiTi), Text(text)]);

    /// <summary>"（一）heading" in 楷体 on its own line.</summary>
    public Paragraph Heading2(int number, string text) => Add(StyleId.Heading2, $"（{ChineseText.Numeral(number)}）{text}");

    /// <summary>"1.heading" in 仿宋 on its own line.</summary>
    public Paragraph Heading3(int number, string text) => Add(StyleId.Heading3, $"{ChineseText.Int(number)}.{text}");

    // ---- The header (版头) and the parts around the body --------------------------------------

    /// <summary>
    /// The head of a letter or report: the red issuer mark with its document number (or the red rule alone)
    /// when there is a mark, then the title and the addressees.
    /// </summary>
    public void Letterhead(string? issuerMark, DocumentNumber? number, string title, IEnumerable<string> addressees)
    {
        if (issuerMark is not null)
        {
            IssuerMark(issuerMark);
            if (number is not null)
            {
                DocumentNumber(number);
            }
            else
            {
                RedRuleOnly();
            }
        }

        Title(title, first: issuerMark is null);
        Addressees(addressees);
    }

    /// <summary>
    /// The red issuer mark, centred and as large as 小初 allows within the text block: a long name is
    /// narrowed (character scale) rather than shrunk, as printed marks are.
    /// </summary>
    public void IssuerMark(string mark)
    {
        var run = Text(mark);
        var naturalWidth = ChineseText.CellWidth(mark) * SizeXiaoChu * 10; // twips at 小初
        var available = TextWidth - BodyChar;
        if (naturalWidth > available)
        {
            var scale = (int)Math.Floor(100m * available / naturalWidth);
            run.RunProperties = new RunProperties { CharacterScale = new CharacterScale { Val = scale } };
        }

        Add(StyleId.IssuerMark, [run]);
    }

    /// <summary>The document number, centred, with the red rule 4 mm below it.</summary>
    public void DocumentNumber(DocumentNumber number) => Add(StyleId.DocumentNumber, number.ToString());

    /// <summary>Without a number the red rule still closes the header.</summary>
    public void RedRuleOnly() => Add(StyleId.DocumentNumber, []);

    public void Title(string title, bool first = false) =>
        Add(StyleId.Title, Lines(title), first ? p => p.SpacingBetweenLines = new SpacingBetweenLines { Before = OfficialStyles.Twips(LinePitch) } : null);

    public void Addressees(IEnumerable<string> addressees) => Add(StyleId.Addressee, string.Join("，", addressees) + "：");

    /// <summary>
    /// "附件：1.××" two characters in, no final punctuation; a name that wraps continues under the first
    /// character of the name (GB/T 9704 7.3.4), so every item hangs its number.
    /// </summary>
    public void AttachmentList(IReadOnlyList<string> titles)
    {
        if (titles.Count == 0)
        {
            return;
        }

        const int label = 3 * BodyChar;   // 附件：
        const int number = 240;           // "1." in 3号 Times New Roman
        var single = titles.Count == 1;
        var nameIndent = (2 * BodyChar) + label + (single ? 0 : number);
        for (var i = 0; i < titles.Count; i++)
        {
            var prefix = single ? "" : $"{ChineseText.Int(i + 1)}.";
            var first = i == 0;
            Add(StyleId.AttachmentList, (first ? "附件：" : "") + prefix + titles[i], p =>
            {
                if (first)
                {
                    p.SpacingBetweenLines = new SpacingBetweenLines { Before = OfficialStyles.Twips(LinePitch) };
                }

                var hanging = (first ? label : 0) + (single ? 0 : number);
                p.Indentation = new Indentation { Left = OfficialStyles.Twips(nameIndent), Hanging = OfficialStyles.Twips(hanging) };
            });
        }
    }

    /// <summary>
    /// Issuer above the date, the date four characters from the right, the issuer centred over the date;
    /// blank lines above leave room for the seal.
    /// </summary>
    public void Signature(string issuer, DateOnly date, int blankLinesBefore = 3)
    {
        var dateText = ChineseText.Date(date);
        var dateWidth = ChineseText.CellWidth(dateText);
        var issuerWidth = ChineseText.CellWidth(issuer);
        var issuerRight = Math.Max(0m, 4m + ((dateWidth - issuerWidth) / 2m));
        Add(StyleId.Signature, [Text(issuer)], p =>
        {
            p.SpacingBetweenLines = new SpacingBetweenLines { Before = OfficialStyles.Twips(blankLinesBefore * LinePitch) };
            p.Indentation = new Indentation { Right = OfficialStyles.Twips((int)(issuerRight * BodyChar)) };
        });
        Add(StyleId.Signature, [Text(dateText)], p => p.Indentation = new Indentation { Right = OfficialStyles.Twips(4 * BodyChar) });
    }

    /// <summary>信息公开属性：主动公开 (or another note) one line below the date.</summary>
    public void Note(string text) => Add(StyleId.Note, text);

    /// <summary>"附件1" top-left of a new page and the attachment's title centred on the third line.</summary>
    public void AttachmentStart(int? number, string title)
    {
        Add(StyleId.AttachmentLabel, number is { } n ? $"附件{ChineseText.Int(n)}" : "附件");
        Add(StyleId.AttachmentTitle, Lines(title));
    }

    /// <summary>A native chart in its own paragraph (auto line spacing), with "图N caption" below it.</summary>
    public void Figure(ChartSpec chart, string caption)
    {
        figureNumber++;
        var drawing = ChartWriter.Add(main, chart, ++drawingId, $"图{ChineseText.Int(figureNumber)} {caption}");
        Add(StyleId.Figure, [new Run(drawing)]);
        Add(StyleId.Caption, $"图{ChineseText.Int(figureNumber)}  {caption}");
    }

    // ---- Sections, footers and the imprint ---------------------------------------------------

    /// <summary>
    /// Ends the current section: A4, GB/T margins, the 22 × 28 grid, and page numbers "— N —" in the
    /// footers (odd pages right, even pages left) unless <paramref name="pageNumbers"/> is false.
    /// </summary>
    public SectionProperties Section(bool pageNumbers)
    {
        string odd, even;
        if (pageNumbers)
        {
            odd = oddFooterId;
            even = evenFooterId;
        }
        else
        {
            // A section without footer references would inherit the previous section's page numbers.
            blankFooterId ??= AddFooter(Styled(StyleId.PageNumber, []));
            odd = even = blankFooterId;
        }

        var section = new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = odd },
            new FooterReference { Type = HeaderFooterValues.Even, Id = even });
        section.Append(new SectionType { Val = SectionMarkValues.NextPage });

        section.Append(
            new PageSize { Width = PageWidth, Height = PageHeight },
            new PageMargin
            {
                Top = MarginTop,
                Bottom = MarginBottom,
                Left = MarginLeft,
                Right = MarginRight,
                Header = HeaderDistance,
                Footer = FooterDistance,
                Gutter = 0,
            },
            new Columns { Space = "425" });
        section.Append(new DocGrid { Type = DocGridValues.Lines, LinePitch = LinePitch });
        return section;
    }

    /// <summary>Closes the current section with a paragraph carrying its properties.</summary>
    public void EndSection(bool pageNumbers) =>
        body.Append(new Paragraph(new ParagraphProperties(Section(pageNumbers))));

    /// <summary>
    /// The imprint (版记) as the document's last section: its own page without page number, rules the
    /// width of the text block — thick above the first line, thin between lines, thick below the last —
    /// the last on the bottom edge of the text block. The block is a table floating at the bottom of the
    /// margin area (LibreOffice ignores a section's bottom alignment; both honour a positioned table).
    /// </summary>
    public void Imprint(Imprint imprint)
    {
        var rows = new List<TableRow>
        {
            ImprintRow([Text("抄送：" + string.Join("，", imprint.CopyTo) + "。")]),
        };
        if (imprint.Distribution.Count > 0)
        {
            rows.Add(ImprintRow([Text(string.Join("，", imprint.Distribution) + "。")]));
        }

        var printed = new TableRow(
            new TableRowProperties(new CantSplit()),
            new TableCell(
                new TableCellProperties(new TableCellWidth { Width = OfficialStyles.Twips(TextWidth / 2), Type = TableWidthUnitValues.Dxa }),
                Styled(StyleId.Imprint, [Text(imprint.PrintingOffice)])),
            new TableCell(
                new TableCellProperties(new TableCellWidth { Width = OfficialStyles.Twips(TextWidth - (TextWidth / 2)), Type = TableWidthUnitValues.Dxa }),
                Styled(StyleId.ImprintRight, [Text(ChineseText.Date(imprint.PrintDate) + "印发")])));
        rows.Add(printed);

        var table = new Table(
            new TableProperties(
                new TablePositionProperties
                {
                    LeftFromText = 0,
                    RightFromText = 0,
                    TopFromText = 0,
                    BottomFromText = 0,
                    HorizontalAnchor = HorizontalAnchorValues.Page,
                    TablePositionX = MarginLeft,
                    VerticalAnchor = VerticalAnchorValues.Margin,
                    TablePositionYAlignment = VerticalAlignmentValues.Bottom,
                },
                new TableOverlap { Val = TableOverlapValues.Never },
                new TableWidth { Width = OfficialStyles.Twips(TextWidth), Type = TableWidthUnitValues.Dxa },
                new TableIndentation { Width = 0, Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = ThickRule, Space = 0, Color = "000000" },
                    new LeftBorder { Val = BorderValues.None },
                    new BottomBorder { Val = BorderValues.Single, Size = ThickRule, Space = 0, Color = "000000" },
                    new RightBorder { Val = BorderValues.None },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = ThinRule, Space = 0, Color = "000000" },
                    new InsideVerticalBorder { Val = BorderValues.None }),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TableCellLeftMargin { Width = 0, Type = TableWidthValues.Dxa },
                    new TableCellRightMargin { Width = 0, Type = TableWidthValues.Dxa }),
                new TableLook { Val = "0000" }),
            new TableGrid(
                new GridColumn { Width = OfficialStyles.Twips(TextWidth / 2) },
                new GridColumn { Width = OfficialStyles.Twips(TextWidth - (TextWidth / 2)) }));
        table.Append(rows);

        // Hairline paragraphs around the floating table: the one before keeps it apart from a table
        // ending the previous section (LibreOffice would merge the two), the one after anchors it.
        body.Append(Hairline());
        body.Append(table);
        body.Append(Hairline());
    }

    private static Paragraph Hairline() => new(
        new ParagraphProperties
        {
            SnapToGrid = new SnapToGrid { Val = false },
            SpacingBetweenLines = new SpacingBetweenLines { Before = "0", After = "0", Line = "20", LineRule = LineSpacingRuleValues.Exact },
        },
        new Run(new RunProperties { FontSize = new FontSize { Val = "2" } }));

    private static TableRow ImprintRow(IEnumerable<OpenXmlElement> content) => new(
        new TableRowProperties(new CantSplit()),
        new TableCell(
            new TableCellProperties(
                new TableCellWidth { Width = OfficialStyles.Twips(TextWidth), Type = TableWidthUnitValues.Dxa },
                new GridSpan { Val = 2 }),
            Styled(StyleId.Imprint, content)));

    /// <summary>Ends the document with its final section properties and returns the .docx bytes.</summary>
    public byte[] Save(SectionProperties lastSection)
    {
        body.Append(lastSection);
        package.Dispose();
        return stream.ToArray();
    }

    public void Dispose()
    {
        package.Dispose();
        stream.Dispose();
    }

    private string AddFooter(Paragraph paragraph)
    {
        var part = main.AddNewPart<FooterPart>();
        part.Footer = new Footer(paragraph);
        return main.GetIdOfPart(part);
    }

    /// <summary>"— N —" with N a PAGE field.</summary>
    private static Paragraph PageNumberParagraph(string styleId) => Styled(styleId,
    [
        Text("— "),
        new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
        new Run(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
        new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
        new Run(new Text("1")),
        new Run(new FieldChar { FieldCharType = FieldCharValues.End }),
        Text(" —"),
    ]);

    private static Settings Settings() => new(
        new Zoom { Percent = "100" },
        new DefaultTabStop { Val = 420 },
        new EvenAndOddHeaders(),
        new CharacterSpacingControl { Val = CharacterSpacingValues.CompressPunctuation },
        new Compatibility(new CompatibilitySetting
        {
            Name = CompatSettingNameValues.CompatibilityMode,
            Uri = "http://schemas.microsoft.com/office/word",
            Val = "15",
        }),
        new ThemeFontLanguages { Val = "en-US", EastAsia = "zh-CN" });

    /// <summary>The fonts the styles name, with the fallbacks Word substitutes when one is missing.</summary>
    private static Fonts FontTable()
    {
        static Font Cjk(string name, string altName, FontFamilyValues family, string panose) => new(
            new AltName { Val = altName },
            new Panose1Number { Val = panose },
            new FontCharSet { Val = "86" },
            new FontFamily { Val = family },
            new Pitch { Val = FontPitchValues.Variable })
        { Name = name };

        return new Fonts(
            new Font(
                new Panose1Number { Val = "02020603050405020304" },
                new FontCharSet { Val = "00" },
                new FontFamily { Val = FontFamilyValues.Roman },
                new Pitch { Val = FontPitchValues.Variable })
            { Name = FontNames.Latin },
            Cjk(FontNames.SongTi, "SimSun", FontFamilyValues.Auto, "02010600030101010101"),
            Cjk(FontNames.FangSong, FontNames.FangSongFallback, FontFamilyValues.Modern, "02010609030101010101"),
            Cjk(FontNames.FangSongFallback, "FangSong", FontFamilyValues.Modern, "02010609060101010101"),
            Cjk(FontNames.XiaoBiaoSong, FontNames.XiaoBiaoSongFallback, FontFamilyValues.Script, "02000000000000000000"),
            Cjk(FontNames.HeiTi, "SimHei", FontFamilyValues.Modern, "02010609060101010101"),
            Cjk(FontNames.KaiTi, FontNames.KaiTiFallback, FontFamilyValues.Modern, "02010609030101010101"),
            Cjk(FontNames.KaiTiFallback, "KaiTi", FontFamilyValues.Modern, "02010609060101010101"));
    }
}
