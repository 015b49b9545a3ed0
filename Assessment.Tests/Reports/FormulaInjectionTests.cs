using Assessment.Reports;
using DocumentFormat.OpenXml.Wordprocessing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace Assessment.Tests.Reports;

/// <summary>
/// Text that a spreadsheet takes for a formula (= + - @ at the start, DDE "cmd|…") stays text in what we write: the
/// workbooks embedded in the circular's charts hold it as inline strings, never as a cell formula, and the document
/// has no field that could evaluate it.
/// </summary>
[TestClass]
public sealed class FormulaInjectionTests
{
    private static readonly string[] Names = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)", "=HYPERLINK(\"http://x\")"];

    [TestMethod]
    public void Formula_like_center_names_are_text_in_the_charts_workbooks_and_the_document()
    {
        using var docx = new Docx(CircularWriter.Write(new CircularModelBuilder().Renamed(Names).Build()));

        Assert.IsNotEmpty(docx.Charts);
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chart in docx.Charts)
        {
            using var stream = new MemoryStream();
            using (var data = chart.EmbeddedPackagePart!.GetStream())
            {
                data.CopyTo(stream);
            }

            stream.Position = 0;
            using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
            var cells = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<X.Cell>().ToList();
            Assert.IsFalse(cells.Any(c => c.CellFormula is not null), "a cell of the embedded workbook is a formula");
            texts.UnionWith(cells.Where(c => c.DataType?.Value == X.CellValues.InlineString).Select(c => c.InlineString!.InnerText));

            // The chart's own references name sheet ranges only, never a center's text.
            Assert.IsTrue(chart.ChartSpace.Descendants<C.Formula>().All(f => f.Text.StartsWith("Sheet1!", StringComparison.Ordinal)));
            Assert.IsEmpty(Docx.ValidateWorkbook(chart));
        }

        foreach (var name in Names)
        {
            Assert.IsTrue(texts.Any(t => t.Contains(name, StringComparison.Ordinal)), $"{name} is not an inline string in the charts' workbooks");
        }

        var fields = docx.Main.Document.Descendants<FieldCode>().Select(f => f.Text)
            .Concat(docx.Main.Document.Descendants<SimpleField>().Select(f => f.Instruction?.Value ?? ""))
            .ToList();
        foreach (var name in Names)
        {
            Assert.IsFalse(fields.Any(f => f.Contains(name, StringComparison.Ordinal)), $"{name} became a field");
            StringAssert.Contains(Docx.TextOf(docx.Body), name);
        }
    }
}
