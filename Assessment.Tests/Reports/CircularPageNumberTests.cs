using Assessment.Reports;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Assessment.Tests.Reports;

/// <summary>"— N —" page numbers from PAGE fields, odd pages right and even pages left, none on the imprint page.</summary>
[TestClass]
public sealed class CircularPageNumberTests
{
    private static readonly CircularModel Model = new CircularModelBuilder().Build();
    private static Docx document = null!;

    [ClassInitialize]
    public static void Generate(TestContext context) => document = new Docx(CircularWriter.Write(Model));

    [ClassCleanup]
    public static void Close() => document.Dispose();

    [TestMethod]
    public void Settings_ask_for_different_odd_and_even_page_footers() =>
        Assert.IsNotNull(document.Main.DocumentSettingsPart!.Settings!.GetFirstChild<EvenAndOddHeaders>());

    [TestMethod]
    public void Odd_page_footer_shows_the_PAGE_field_between_dashes_on_the_right_one_character_in()
    {
        var footer = document.Footer(document.Sections[0], HeaderFooterValues.Default);
        var paragraph = footer.Elements<Paragraph>().Single();
        AssertPageNumber(paragraph);
        var style = document.Style(Docx.StyleOf(paragraph)!).StyleParagraphProperties!;
        Assert.AreEqual(JustificationValues.Right, style.Justification!.Val!.Value);
        Assert.AreEqual("280", style.Indentation!.Right!.Value);
    }

    [TestMethod]
    public void Even_page_footer_shows_the_PAGE_field_between_dashes_on_the_left_one_character_in()
    {
        var footer = document.Footer(document.Sections[0], HeaderFooterValues.Even);
        var paragraph = footer.Elements<Paragraph>().Single();
        AssertPageNumber(paragraph);
        var style = document.Style(Docx.StyleOf(paragraph)!).StyleParagraphProperties!;
        Assert.AreEqual(JustificationValues.Left, style.Justification!.Val!.Value);
        Assert.AreEqual("280", style.Indentation!.Left!.Value);
    }

    [TestMethod]
    public void Imprint_section_has_footers_without_page_numbers()
    {
        var imprint = document.Sections[^1];
        Assert.AreSame(document.Body.GetFirstChild<SectionProperties>() ?? document.Body.Elements<SectionProperties>().Last(), imprint);
        foreach (var type in new[] { HeaderFooterValues.Default, HeaderFooterValues.Even })
        {
            var footer = document.Footer(imprint, type);
            Assert.IsEmpty(footer.Descendants<FieldCode>().ToArray(), "The imprint page carries no page number.");
            Assert.AreEqual("", Docx.TextOf(footer));
        }
    }

    [TestMethod]
    public void Imprint_is_alone_in_the_last_section_with_copy_to_distribution_and_printing_lines()
    {
        var table = document.Body.Elements<Table>().Last();
        var rows = Docx.Rows(table);
        Assert.AreEqual("抄送：省政府办公厅。", rows[0].Single());
        Assert.AreEqual("局长，副局长，各处室、局属各单位。", rows[1].Single());
        Assert.AreEqual($"{Model.Imprint.PrintingOffice}|2022年1月29日印发", string.Join("|", rows[2]));

        // The imprint table follows the paragraph that ends the main section.
        var previousSectionEnd = document.Body.Elements<Paragraph>().Last(p => p.ParagraphProperties?.SectionProperties is not null);
        Assert.IsTrue(table.ElementsBefore().Contains(previousSectionEnd));
    }

    [TestMethod]
    public void Imprint_rules_are_thick_thin_thick_across_the_text_block_at_its_bottom()
    {
        var properties = document.Body.Elements<Table>().Last().GetFirstChild<TableProperties>()!;
        Assert.AreEqual("8845", properties.TableWidth!.Width!.Value);
        Assert.AreEqual(8u, properties.TableBorders!.TopBorder!.Size!.Value);
        Assert.AreEqual(6u, properties.TableBorders.InsideHorizontalBorder!.Size!.Value);
        Assert.AreEqual(8u, properties.TableBorders.BottomBorder!.Size!.Value);
        Assert.AreEqual(BorderValues.None, properties.TableBorders.LeftBorder!.Val!.Value);
        Assert.AreEqual(VerticalAlignmentValues.Bottom, properties.TablePositionProperties!.TablePositionYAlignment!.Value);
        Assert.AreEqual(VerticalAnchorValues.Margin, properties.TablePositionProperties.VerticalAnchor!.Value);
    }

    private static void AssertPageNumber(Paragraph paragraph)
    {
        Assert.AreEqual(" PAGE ", paragraph.Descendants<FieldCode>().Single().Text);
        var chars = paragraph.Descendants<FieldChar>().Select(c => c.FieldCharType!.Value).ToArray();
        Assert.AreEqual("Begin Separate End", string.Join(" ", chars.Select(c => c.ToString())));
        var text = Docx.TextOf(paragraph);
        Assert.IsTrue(text.StartsWith("— ", StringComparison.Ordinal) && text.EndsWith(" —", StringComparison.Ordinal), text);
    }
}
