using Assessment.Reports;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Assessment.Tests.Reports;

/// <summary>The circular's page, grid, fonts and header follow GB/T 9704-2012.</summary>
[TestClass]
public sealed class CircularLayoutTests
{
    private static readonly CircularModel Model = new CircularModelBuilder().Build();
    private static Docx document = null!;

    [ClassInitialize]
    public static void Generate(TestContext context) => document = new Docx(CircularWriter.Write(Model));

    [ClassCleanup]
    public static void Close() => document.Dispose();

    private static double Millimetres(int twips) => twips * 25.4 / 1440;

    [TestMethod]
    public void Every_section_is_A4_with_37_mm_top_and_28_mm_binding_margins_and_a_156_by_225_mm_text_block()
    {
        Assert.HasCount(2, document.Sections);
        foreach (var section in document.Sections)
        {
            var size = section.GetFirstChild<PageSize>()!;
            var margin = section.GetFirstChild<PageMargin>()!;
            Assert.AreEqual(11906u, size.Width!.Value);
            Assert.AreEqual(16838u, size.Height!.Value);
            Assert.AreEqual(2098, margin.Top!.Value);
            Assert.AreEqual(1984, margin.Bottom!.Value);
            Assert.AreEqual(1587u, margin.Left!.Value);
            Assert.AreEqual(1474u, margin.Right!.Value);

            var width = (int)(size.Width.Value - margin.Left.Value - margin.Right.Value);
            var height = (int)size.Height.Value - margin.Top.Value - margin.Bottom.Value;
            Assert.AreEqual(156.0, Millimetres(width), 0.1);
            Assert.AreEqual(225.0, Millimetres(height), 0.1);
        }
    }

    [TestMethod]
    public void Text_block_holds_22_lines_of_28_characters()
    {
        var section = document.Sections[0];
        var grid = section.GetFirstChild<DocGrid>()!;
        var margin = section.GetFirstChild<PageMargin>()!;
        var spacing = document.Main.StyleDefinitionsPart!.Styles!.DocDefaults!.ParagraphPropertiesDefault!.ParagraphPropertiesBaseStyle!.SpacingBetweenLines!;
        Assert.AreEqual(579, grid.LinePitch!.Value);
        Assert.AreEqual("579", spacing.Line!.Value);
        Assert.AreEqual(LineSpacingRuleValues.Exact, spacing.LineRule!.Value);
        Assert.AreEqual(22, (16838 - margin.Top!.Value - margin.Bottom!.Value) / 579);

        // 3号 with its condensation advances 15.75 pt: 28 characters fit the line, 29 do not.
        var normal = document.Style("Normal").StyleRunProperties!;
        var advance = (int.Parse(normal.FontSize!.Val!.Value!, System.Globalization.CultureInfo.InvariantCulture) * 10) + normal.Spacing!.Val!.Value;
        var line = 11906 - 1587 - 1474;
        Assert.AreEqual(28, line / advance);
    }

    [TestMethod]
    public void Body_text_is_3hao_FangSong_GB2312_and_headings_use_HeiTi_KaiTi_GB2312_and_FangSong()
    {
        var defaults = document.Main.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.AreEqual("仿宋_GB2312", defaults.RunFonts!.EastAsia!.Value);
        Assert.AreEqual("32", defaults.FontSize!.Val!.Value);
        Assert.AreEqual("仿宋_GB2312", document.EastAsiaFont("GwBody"));
        Assert.AreEqual("黑体", document.EastAsiaFont("Heading1"));
        Assert.AreEqual("楷体_GB2312", document.EastAsiaFont("Heading2"));
        Assert.AreEqual("仿宋_GB2312", document.EastAsiaFont("Heading3"));
        Assert.AreEqual("仿宋_GB2312", document.EastAsiaFont("Heading4"));
        Assert.AreEqual("楷体_GB2312", document.Style("GwKaiTi").StyleRunProperties!.RunFonts!.EastAsia!.Value);
        Assert.AreEqual("方正小标宋简体", document.EastAsiaFont("GwTitle"));
        Assert.AreEqual("44", document.Style("GwTitle").StyleRunProperties!.FontSize!.Val!.Value);
        Assert.AreEqual("黑体", document.EastAsiaFont("GwAttachmentLabel"));
        Assert.AreEqual("宋体", document.EastAsiaFont("GwPageNumber"));
        Assert.AreEqual("28", document.Style("GwPageNumber").StyleRunProperties!.FontSize!.Val!.Value);
    }

    [TestMethod]
    public void Font_table_names_the_GB_fonts_with_the_fallbacks_Word_substitutes()
    {
        var fonts = document.Main.FontTablePart!.Fonts!.Elements<Font>().ToDictionary(f => f.Name!.Value!, f => f.AltName?.Val?.Value);
        Assert.AreEqual("仿宋", fonts["仿宋_GB2312"]);
        Assert.AreEqual("楷体", fonts["楷体_GB2312"]);
        Assert.AreEqual("华文中宋", fonts["方正小标宋简体"]);
        Assert.IsTrue(fonts.ContainsKey("黑体"));
        Assert.IsTrue(fonts.ContainsKey("宋体"));
    }

    [TestMethod]
    public void Issuer_mark_is_red_FangZheng_XiaoBiaoSong_centred_at_the_top()
    {
        var mark = document.Paragraphs[0];
        Assert.AreEqual(Model.IssuerMark, Docx.TextOf(mark));
        Assert.AreEqual("GwIssuerMark", Docx.StyleOf(mark));
        var style = document.Style("GwIssuerMark");
        Assert.AreEqual("FF0000", style.StyleRunProperties!.Color!.Val!.Value);
        Assert.AreEqual("方正小标宋简体", style.StyleRunProperties.RunFonts!.EastAsia!.Value);
        Assert.AreEqual(JustificationValues.Center, style.StyleParagraphProperties!.Justification!.Val!.Value);
    }

    [TestMethod]
    public void Document_number_has_the_year_in_hexagonal_brackets_and_a_red_rule_below()
    {
        var number = document.Paragraphs[1];
        Assert.AreEqual("青政务〔2022〕3号", Docx.TextOf(number));
        Assert.AreEqual(Model.Number.ToString(), Docx.TextOf(number));
        StringAssert.Contains(Docx.TextOf(number), "\u3014");
        StringAssert.Contains(Docx.TextOf(number), "\u3015");

        var style = document.Style(Docx.StyleOf(number)!).StyleParagraphProperties!;
        Assert.AreEqual(JustificationValues.Center, style.Justification!.Val!.Value);
        var rule = style.ParagraphBorders!.BottomBorder!;
        Assert.AreEqual("FF0000", rule.Color!.Value);
        Assert.AreEqual(BorderValues.Single, rule.Val!.Value);
        Assert.IsNull(style.Indentation, "The rule spans the text block only when the paragraph has no indents.");
    }

    [TestMethod]
    public void Title_in_2hao_follows_the_rule_and_addressees_end_with_a_full_width_colon()
    {
        Assert.AreEqual("GwTitle", Docx.StyleOf(document.Paragraphs[2]));
        Assert.AreEqual(Model.Title.Replace("\n", "", StringComparison.Ordinal), Docx.TextOf(document.Paragraphs[2]));
        var addressees = Docx.TextOf(document.Paragraphs[3]);
        Assert.AreEqual("GwAddressee", Docx.StyleOf(document.Paragraphs[3]));
        Assert.AreEqual(string.Join("，", Model.Addressees) + "：", addressees);
    }

    [TestMethod]
    public void Body_paragraphs_are_indented_two_characters_and_carry_no_direct_run_formatting()
    {
        var indentation = document.Style("GwBody").StyleParagraphProperties!.Indentation!;
        Assert.AreEqual("640", indentation.FirstLine!.Value);
        Assert.AreEqual(200, indentation.FirstLineChars!.Value);

        var body = document.Paragraphs.Where(p => Docx.StyleOf(p) == "GwBody").ToArray();
        Assert.IsGreaterThan(10, body.Length);
        foreach (var run in body.SelectMany(p => p.Elements<Run>()))
        {
            Assert.IsNull(run.RunProperties?.RunFonts, "Fonts come from the styles part.");
            Assert.IsNull(run.RunProperties?.FontSize, "Sizes come from the styles part.");
        }
    }

    [TestMethod]
    public void Attachment_list_signature_date_and_disclosure_close_the_body()
    {
        var titles = new[] { Model.AttachmentTitles.Scores, Model.AttachmentTitles.DemonstrationList, Model.AttachmentTitles.Issues };
        document.Paragraph($"附件：1.{titles[0]}");
        document.Paragraph($"2.{titles[1]}");
        document.Paragraph($"3.{titles[2]}");

        var issuer = document.Paragraphs.Last(p => Docx.TextOf(p) == Model.IssuerName);
        var date = document.Paragraph("2022年1月27日");
        Assert.AreEqual("GwSignature", Docx.StyleOf(issuer));
        Assert.AreEqual("GwSignature", Docx.StyleOf(date));
        Assert.AreEqual("1280", date.ParagraphProperties!.Indentation!.Right!.Value, "The date stands four characters from the right.");
        Assert.AreEqual("GwNote", Docx.StyleOf(document.Paragraph("信息公开属性：主动公开")));
    }

    [TestMethod]
    public void Each_attachment_starts_a_new_page_with_its_label_top_left_and_its_title_centred()
    {
        var label = document.Style("GwAttachmentLabel").StyleParagraphProperties!;
        Assert.IsNotNull(label.PageBreakBefore);
        Assert.AreEqual(JustificationValues.Left, label.Justification!.Val!.Value);

        var paragraphs = document.Paragraphs.ToList();
        var titles = new[] { Model.AttachmentTitles.Scores, Model.AttachmentTitles.DemonstrationList, Model.AttachmentTitles.Issues };
        for (var i = 0; i < 3; i++)
        {
            var index = paragraphs.FindIndex(p => Docx.TextOf(p) == $"附件{i + 1}");
            Assert.AreEqual("GwAttachmentLabel", Docx.StyleOf(paragraphs[index]));
            Assert.AreEqual("GwAttachmentTitle", Docx.StyleOf(paragraphs[index + 1]));
            Assert.AreEqual(titles[i], Docx.TextOf(paragraphs[index + 1]));
        }
    }

    [TestMethod]
    public void Chart_paragraphs_use_auto_line_spacing_so_the_exact_body_spacing_cannot_clip_them()
    {
        var figures = document.Body.Descendants<Drawing>().Select(d => d.Ancestors<Paragraph>().First()).ToArray();
        Assert.HasCount(4, figures);
        var spacing = document.Style("GwFigure").StyleParagraphProperties!.SpacingBetweenLines!;
        Assert.AreEqual(LineSpacingRuleValues.Auto, spacing.LineRule!.Value);
        foreach (var figure in figures)
        {
            Assert.AreEqual("GwFigure", Docx.StyleOf(figure));
            Assert.IsNull(figure.ParagraphProperties!.SpacingBetweenLines);
        }
    }
}
