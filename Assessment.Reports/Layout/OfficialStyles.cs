using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using static Assessment.Reports.Layout.GbT9704;

namespace Assessment.Reports.Layout;

/// <summary>Style ids of the GB/T 9704 styles; every paragraph and run refers to one of these.</summary>
internal static class StyleId
{
    public const string Normal = "Normal";
    public const string Body = "GwBody";
    public const string Heading1 = "Heading1";
    public const string Heading2 = "Heading2";
    public const string Heading3 = "Heading3";
    public const string Heading4 = "Heading4";
    public const string IssuerMark = "GwIssuerMark";
    public const string DocumentNumber = "GwDocumentNumber";
    public const string Title = "GwTitle";
    public const string Addressee = "GwAddressee";
    public const string AttachmentList = "GwAttachmentList";
    public const string Signature = "GwSignature";
    public const string Note = "GwNote";
    public const string AttachmentLabel = "GwAttachmentLabel";
    public const string AttachmentTitle = "GwAttachmentTitle";
    public const string Figure = "GwFigure";
    public const string Caption = "GwCaption";
    public const string TableText = "GwTableText";
    public const string TableTextLeft = "GwTableTextLeft";
    public const string TableHeader = "GwTableHeader";
    public const string TableTextCompact = "GwTableTextCompact";
    public const string TableTextCompactLeft = "GwTableTextCompactLeft";
    public const string Imprint = "GwImprint";
    public const string ImprintRight = "GwImprintRight";
    public const string PageNumber = "GwPageNumber";
    public const string PageNumberOdd = "GwPageNumberOdd";
    public const string PageNumberEven = "GwPageNumberEven";
    public const string Table = "GwTable";

    // Character styles.
    public const string KaiTi = "GwKaiTi";
    public const string HeiTi = "GwHeiTi";
}

/// <summary>
/// The styles part of every document: GB/T 9704 formatting defined once here, so paragraphs and runs
/// carry a style id and (almost) no direct formatting.
/// </summary>
internal static class OfficialStyles
{
    public static Styles Create()
    {
        var styles = new Styles(DocDefaults());
        styles.Append(
            // 28 characters a line: 3号 condensed by a quarter point (15.75 pt × 28 = 441 pt ≤ 156 mm).
            // No widow/orphan control, stated (Word's default, not LibreOffice's): every page carries 22 lines.
            // overflowPunct stated as Word's default too: without it LibreOffice hangs a line-end "、" into
            // the margin and its PDF export loses the mark.
            Paragraph(StyleId.Normal, "Normal", null, p =>
            {
                p.WidowControl = new WidowControl { Val = false };
                p.OverflowPunctuation = new OverflowPunctuation { Val = true };
                p.Justification = new Justification { Val = JustificationValues.Both };
            }, r =>
            {
                r.Spacing = new Spacing { Val = CharacterCondensation };
                Size(r, SizeSan);
            }, isDefault: true),

            // 正文: 3号仿宋_GB2312, first line indented two characters.
            Paragraph(StyleId.Body, "公文正文", StyleId.Normal, p => p.Indentation = FirstLineTwoChars(), null),

            // 一、 黑体; （一） 楷体_GB2312; 1. and （1） 仿宋: all indented two characters like the body.
            Heading(StyleId.Heading1, "heading 1", 0, FontNames.HeiTi),
            Heading(StyleId.Heading2, "heading 2", 1, FontNames.KaiTi),
            Heading(StyleId.Heading3, "heading 3", 2, FontNames.FangSong),
            Heading(StyleId.Heading4, "heading 4", 3, FontNames.FangSong),

            // 发文机关标志: red 方正小标宋简体, centred, its top 35 mm below the text block's top.
            Paragraph(StyleId.IssuerMark, "发文机关标志", StyleId.Normal, p =>
            {
                p.SnapToGrid = new SnapToGrid { Val = false };
                p.SpacingBetweenLines = new SpacingBetweenLines { Before = Twips(IssuerMarkOffset), Line = "240", LineRule = LineSpacingRuleValues.Auto };
                p.Justification = new Justification { Val = JustificationValues.Center };
            }, r =>
            {
                r.RunFonts = Font(FontNames.XiaoBiaoSong);
                r.Color = new Color { Val = Red };
                r.FontSize = new FontSize { Val = Half(SizeXiaoChu) };
                r.FontSizeComplexScript = new FontSizeComplexScript { Val = Half(SizeXiaoChu) };
            }),

            // 发文字号: two blank lines below the mark, centred; the red rule is this paragraph's bottom border, 4 mm below.
            Paragraph(StyleId.DocumentNumber, "发文字号", StyleId.Normal, p =>
            {
                p.ParagraphBorders = new ParagraphBorders(new BottomBorder
                {
                    Val = BorderValues.Single,
                    Size = RedRuleSize,
                    Space = RedRuleSpacePoints,
                    Color = Red,
                });
                p.SpacingBetweenLines = new SpacingBetweenLines { Before = Twips(2 * LinePitch) };
                p.Justification = new Justification { Val = JustificationValues.Center };
            }, null),

            // 标题: 2号方正小标宋简体, centred, two blank lines below the red rule.
            Paragraph(StyleId.Title, "公文标题", StyleId.Normal, p =>
            {
                p.SnapToGrid = new SnapToGrid { Val = false };
                p.SpacingBetweenLines = new SpacingBetweenLines { Before = Twips(2 * LinePitch), After = "0", Line = Twips(LinePitch), LineRule = LineSpacingRuleValues.Exact };
                p.Justification = new Justification { Val = JustificationValues.Center };
            }, r =>
            {
                r.RunFonts = Font(FontNames.XiaoBiaoSong);
                r.FontSize = new FontSize { Val = Half(SizeEr) };
                r.FontSizeComplexScript = new FontSizeComplexScript { Val = Half(SizeEr) };
            }),

            // 主送机关: one blank line below the title, flush left.
            Paragraph(StyleId.Addressee, "主送机关", StyleId.Normal, p =>
                p.SpacingBetweenLines = new SpacingBetweenLines { Before = Twips(LinePitch) }, null),

            // 附件说明: one blank line below the body, "附件：" two characters in; later items align with the first name.
            Paragraph(StyleId.AttachmentList, "附件说明", StyleId.Normal, p =>
            {
                p.Indentation = new Indentation { Left = Twips(5 * BodyChar) };
                p.Justification = new Justification { Val = JustificationValues.Left };
            }, null),

            // 发文机关署名 and 成文日期: right aligned; the writer sets the right indent (date: four characters).
            Paragraph(StyleId.Signature, "署名和成文日期", StyleId.Normal, p =>
            {
                p.KeepNext = new KeepNext();
                p.Justification = new Justification { Val = JustificationValues.Right };
            }, null),

            // 附注 / 信息公开属性: two characters in, one line below the date.
            Paragraph(StyleId.Note, "附注", StyleId.Normal, p =>
            {
                p.SpacingBetweenLines = new SpacingBetweenLines { Before = Twips(LinePitch) };
                p.Indentation = FirstLineTwoChars();
            }, null),

            // "附件1": 3号黑体, top-left of a new page.
            Paragraph(StyleId.AttachmentLabel, "附件标识", StyleId.Normal, p =>
            {
                p.KeepNext = new KeepNext();
                p.PageBreakBefore = new PageBreakBefore();
                p.Justification = new Justification { Val = JustificationValues.Left };
            }, r => r.RunFonts = Font(FontNames.HeiTi)),

            // Attachment title: 2号小标宋, centred on the third line.
            Paragraph(StyleId.AttachmentTitle, "附件标题", StyleId.Title, p =>
            {
                p.KeepNext = new KeepNext();
                p.SpacingBetweenLines = new SpacingBetweenLines { Before = Twips(LinePitch), After = Twips(LinePitch) };
            }, null),

            // Charts: auto line spacing (the body's exact spacing would clip them), centred, kept with the caption.
            Paragraph(StyleId.Figure, "图表", StyleId.Normal, p =>
            {
                p.KeepNext = new KeepNext();
                p.SnapToGrid = new SnapToGrid { Val = false };
                p.SpacingBetweenLines = new SpacingBetweenLines { Before = "120", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto };
                p.Justification = new Justification { Val = JustificationValues.Center };
            }, null),

            Paragraph(StyleId.Caption, "图题", StyleId.Normal, p =>
            {
                p.SpacingBetweenLines = new SpacingBetweenLines { After = "120" };
                p.Justification = new Justification { Val = JustificationValues.Center };
            }, r => Size(r, SizeSi)),

            // Table text: 小四仿宋, single spacing, off the grid so rows stay compact, and (in Word; LibreOffice
            // ignores it) no extra space between Chinese and digits, which wraps dates in narrow columns.
            Paragraph(StyleId.TableText, "表格文字", StyleId.Normal, p =>
            {
                p.AutoSpaceDE = new AutoSpaceDE { Val = false };
                p.AutoSpaceDN = new AutoSpaceDN { Val = false };
                p.SnapToGrid = new SnapToGrid { Val = false };
                p.SpacingBetweenLines = new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto };
                p.Justification = new Justification { Val = JustificationValues.Center };
            }, r => Size(r, SizeXiaoSi)),
            Paragraph(StyleId.TableTextLeft, "表格文字（左）", StyleId.TableText, p =>
                p.Justification = new Justification { Val = JustificationValues.Left }, null),
            // Dense tables (ledgers, item lists): 五号.
            Paragraph(StyleId.TableTextCompact, "表格文字（紧凑）", StyleId.TableText, null, r => Size(r, SizeWu)),
            Paragraph(StyleId.TableTextCompactLeft, "表格文字（紧凑左）", StyleId.TableTextCompact, p =>
                p.Justification = new Justification { Val = JustificationValues.Left }, null),
            Paragraph(StyleId.TableHeader, "表头", StyleId.TableText, null, r =>
            {
                r.RunFonts = Font(FontNames.HeiTi);
                Size(r, SizeWu);
            }),

            // 版记: 4号仿宋, one character in on both sides.
            Paragraph(StyleId.Imprint, "版记", StyleId.Normal, p =>
            {
                p.SnapToGrid = new SnapToGrid { Val = false };
                p.Indentation = new Indentation { Left = Twips(SmallChar), Right = Twips(SmallChar) };
                p.Justification = new Justification { Val = JustificationValues.Left };
            }, r => Size(r, SizeSi)),
            Paragraph(StyleId.ImprintRight, "版记（右）", StyleId.Imprint, p =>
                p.Justification = new Justification { Val = JustificationValues.Right }, null),

            // 页码: 4号半角宋体 "— 1 —", odd pages right and even pages left, one character in.
            Paragraph(StyleId.PageNumber, "页码", StyleId.Normal, p =>
            {
                p.SnapToGrid = new SnapToGrid { Val = false };
                p.SpacingBetweenLines = new SpacingBetweenLines { Before = Twips(PageNumberSpaceBefore), Line = "240", LineRule = LineSpacingRuleValues.Auto };
            }, r =>
            {
                r.RunFonts = Font(FontNames.SongTi);
                Size(r, SizeSi);
            }),
            Paragraph(StyleId.PageNumberOdd, "页码（单页）", StyleId.PageNumber, p =>
            {
                p.Indentation = new Indentation { Right = Twips(SmallChar) };
                p.Justification = new Justification { Val = JustificationValues.Right };
            }, null),
            Paragraph(StyleId.PageNumberEven, "页码（双页）", StyleId.PageNumber, p =>
            {
                p.Indentation = new Indentation { Left = Twips(SmallChar) };
                p.Justification = new Justification { Val = JustificationValues.Left };
            }, null),

            Character(StyleId.KaiTi, "楷体小标题", FontNames.KaiTi),
            Character(StyleId.HeiTi, "黑体小标题", FontNames.HeiTi),
            TableStyle());
        return styles;
    }

    /// <summary>3号仿宋_GB2312 (Times New Roman for Latin letters and digits), exact 28.95 pt lines, Chinese.</summary>
    private static DocDefaults DocDefaults() => new(
        new RunPropertiesDefault(new RunPropertiesBaseStyle
        {
            RunFonts = new RunFonts
            {
                Ascii = FontNames.Latin,
                HighAnsi = FontNames.Latin,
                EastAsia = FontNames.FangSong,
                ComplexScript = FontNames.Latin,
            },
            Kern = new Kern { Val = 2 },
            FontSize = new FontSize { Val = Half(SizeSan) },
            FontSizeComplexScript = new FontSizeComplexScript { Val = Half(SizeSan) },
            Languages = new Languages { Val = "en-US", EastAsia = "zh-CN", Bidi = "ar-SA" },
        }),
        new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle
        {
            SpacingBetweenLines = new SpacingBetweenLines
            {
                Before = "0",
                After = "0",
                Line = Twips(LinePitch),
                LineRule = LineSpacingRuleValues.Exact,
            },
        }));

    private static Style Heading(string id, string name, int level, string font) =>
        Paragraph(id, name, StyleId.Normal, p =>
        {
            p.KeepNext = new KeepNext();
            p.KeepLines = new KeepLines();
            p.Indentation = FirstLineTwoChars();
            p.OutlineLevel = new OutlineLevel { Val = level };
        }, r => r.RunFonts = Font(font));

    private static Style Paragraph(
        string id,
        string name,
        string? basedOn,
        Action<StyleParagraphProperties>? paragraph,
        Action<StyleRunProperties>? run,
        bool isDefault = false)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = OnOffValue.FromBoolean(true);
        }

        style.Append(new StyleName { Val = name });
        if (basedOn is not null)
        {
            style.Append(new BasedOn { Val = basedOn });
        }

        style.Append(new NextParagraphStyle { Val = id.StartsWith("Heading", StringComparison.Ordinal) ? StyleId.Body : id });
        style.Append(new PrimaryStyle());
        if (paragraph is not null)
        {
            var pPr = new StyleParagraphProperties();
            paragraph(pPr);
            style.Append(pPr);
        }

        if (run is not null)
        {
            var rPr = new StyleRunProperties();
            run(rPr);
            style.Append(rPr);
        }

        return style;
    }

    private static Style Character(string id, string name, string font) => new(
        new StyleName { Val = name },
        new PrimaryStyle(),
        new StyleRunProperties { RunFonts = Font(font) })
    {
        Type = StyleValues.Character,
        StyleId = id,
    };

    /// <summary>Single black rules round every cell (cell padding is set on each table: LibreOffice ignores a style's).</summary>
    private static Style TableStyle()
    {
        static BorderType Line<T>() where T : BorderType, new() =>
            new T { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" };

        return new Style(
            new StyleName { Val = "公文表格" },
            new PrimaryStyle(),
            new StyleTableProperties(
                new TableBorders(
                    Line<TopBorder>(),
                    Line<LeftBorder>(),
                    Line<BottomBorder>(),
                    Line<RightBorder>(),
                    Line<InsideHorizontalBorder>(),
                    Line<InsideVerticalBorder>())))
        {
            Type = StyleValues.Table,
            StyleId = StyleId.Table,
        };
    }

    public static RunFonts Font(string name) => new()
    {
        Ascii = name,
        HighAnsi = name,
        EastAsia = name,
        ComplexScript = name,
    };

    private static void Size(StyleRunProperties r, int halfPoints)
    {
        r.FontSize = new FontSize { Val = Half(halfPoints) };
        r.FontSizeComplexScript = new FontSizeComplexScript { Val = Half(halfPoints) };
    }

    /// <summary>"空二字": two characters, both in characters (for Word) and twips (for other readers).</summary>
    private static Indentation FirstLineTwoChars() => new() { FirstLine = Twips(2 * BodyChar), FirstLineChars = 200 };

    public static string Twips(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Half(int halfPoints) => halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
