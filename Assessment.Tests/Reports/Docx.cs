using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace Assessment.Tests.Reports;

/// <summary>A generated .docx opened for reading, with the questions the report tests ask of it.</summary>
internal sealed class Docx : IDisposable
{
    private readonly MemoryStream stream;

    public Docx(byte[] bytes)
    {
        stream = new MemoryStream(bytes, writable: false);
        Package = WordprocessingDocument.Open(stream, false);
    }

    public WordprocessingDocument Package { get; }

    public MainDocumentPart Main => Package.MainDocumentPart!;

    public Body Body => Main.Document.Body!;

    /// <summary>Body paragraphs (not inside tables), in order.</summary>
    public IReadOnlyList<Paragraph> Paragraphs => Body.Elements<Paragraph>().ToArray();

    public IReadOnlyList<Table> Tables => Body.Elements<Table>().ToArray();

    public static string TextOf(OpenXmlElement element) => string.Concat(element.Descendants<Text>().Select(t => t.Text));

    public static string? StyleOf(Paragraph paragraph) => paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;

    public Paragraph Paragraph(string text) =>
        Paragraphs.FirstOrDefault(p => TextOf(p) == text) ?? throw new AssertFailedException($"No paragraph reads “{text}”.");

    public Paragraph ParagraphStartingWith(string text) =>
        Paragraphs.FirstOrDefault(p => TextOf(p).StartsWith(text, StringComparison.Ordinal))
        ?? throw new AssertFailedException($"No paragraph starts with “{text}”.");

    /// <summary>The text of the body paragraphs after the level-1 heading <paramref name="heading"/> up to the next one.</summary>
    public IReadOnlyList<string> Section(string heading)
    {
        var paragraphs = Paragraphs;
        var start = paragraphs.ToList().FindIndex(p => TextOf(p) == heading && StyleOf(p) == "Heading1");
        Assert.IsGreaterThanOrEqualTo(0, start, $"No heading “{heading}”.");
        return paragraphs.Skip(start + 1)
            .TakeWhile(p => StyleOf(p) != "Heading1" && StyleOf(p) != "GwAttachmentList")
            .Select(TextOf)
            .ToArray();
    }

    public Style Style(string id) =>
        Main.StyleDefinitionsPart!.Styles!.Elements<Style>().FirstOrDefault(s => s.StyleId == id)
        ?? throw new AssertFailedException($"No style {id}.");

    /// <summary>The east-Asian font a style sets, following basedOn up to the document defaults.</summary>
    public string? EastAsiaFont(string styleId)
    {
        for (var style = Style(styleId); ; style = Style(style.BasedOn!.Val!.Value!))
        {
            if (style.StyleRunProperties?.RunFonts?.EastAsia?.Value is { } font)
            {
                return font;
            }

            if (style.BasedOn is null)
            {
                return Main.StyleDefinitionsPart!.Styles!.DocDefaults?.RunPropertiesDefault?.RunPropertiesBaseStyle?.RunFonts?.EastAsia?.Value;
            }
        }
    }

    public IReadOnlyList<SectionProperties> Sections => Body.Descendants<SectionProperties>().ToArray();

    public Footer Footer(SectionProperties section, HeaderFooterValues type)
    {
        var reference = section.Elements<FooterReference>().Single(r => r.Type!.Value == type);
        return ((FooterPart)Main.GetPartById(reference.Id!.Value!)).Footer;
    }

    /// <summary>Chart parts in document order (the order their drawings appear).</summary>
    public IReadOnlyList<ChartPart> Charts => Body.Descendants<C.ChartReference>()
        .Select(r => (ChartPart)Main.GetPartById(r.Id!.Value!))
        .ToArray();

    /// <summary>A chart's series as name → values read back from c:val (null where a point is absent).</summary>
    public static IReadOnlyDictionary<string, decimal?[]> Series(ChartPart chart)
    {
        var result = new Dictionary<string, decimal?[]>(StringComparer.Ordinal);
        foreach (var values in chart.ChartSpace.Descendants<C.Values>())
        {
            var series = values.Parent!;
            var name = series.GetFirstChild<C.SeriesText>()!.Descendants<C.NumericValue>().Single().Text;
            var cache = values.Descendants<C.NumberingCache>().Single();
            var points = new decimal?[cache.PointCount!.Val!.Value];
            foreach (var point in cache.Elements<C.NumericPoint>())
            {
                points[point.Index!.Value] = decimal.Parse(point.NumericValue!.Text, System.Globalization.CultureInfo.InvariantCulture);
            }

            result.Add(name, points);
        }

        return result;
    }

    public static IReadOnlyList<string> Categories(ChartPart chart) =>
        chart.ChartSpace.Descendants<C.CategoryAxisData>().First().Descendants<C.StringPoint>().Select(p => p.NumericValue!.Text).ToArray();

    /// <summary>The table's rows as cell texts.</summary>
    public static IReadOnlyList<string[]> Rows(Table table) =>
        table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(TextOf).ToArray()).ToArray();

    /// <summary>What OpenXmlValidator reports, one line per error naming the part and the element.</summary>
    public static IReadOnlyList<string> Validate(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var document = WordprocessingDocument.Open(stream, false);
        return new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToArray();
    }

    /// <summary>Validation errors of the workbook embedded in a chart part.</summary>
    public static IReadOnlyList<string> ValidateWorkbook(ChartPart chart)
    {
        using var stream = Workbook(chart);
        using var workbook = SpreadsheetDocument.Open(stream, false);
        return new OpenXmlValidator(FileFormatVersions.Office2019).Validate(workbook)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToArray();
    }

    /// <summary>The embedded workbook's data as cell reference → text (inline strings and numbers).</summary>
    public static IReadOnlyDictionary<string, string> WorkbookCells(ChartPart chart)
    {
        using var stream = Workbook(chart);
        using var workbook = SpreadsheetDocument.Open(stream, false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        return sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToDictionary(
            c => c.CellReference!.Value!,
            c => c.InlineString?.InnerText ?? c.CellValue!.Text,
            StringComparer.Ordinal);
    }

    private static MemoryStream Workbook(ChartPart chart)
    {
        var part = chart.EmbeddedPackagePart ?? throw new AssertFailedException("The chart has no embedded workbook.");
        var copy = new MemoryStream();
        using (var data = part.GetStream())
        {
            data.CopyTo(copy);
        }

        copy.Position = 0;
        return copy;
    }

    public void Dispose()
    {
        Package.Dispose();
        stream.Dispose();
    }
}
