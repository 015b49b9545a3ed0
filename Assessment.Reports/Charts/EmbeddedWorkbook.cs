using Assessment.Reports.Layout;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Assessment.Reports.Charts;

/// <summary>
/// The workbook embedded in a chart part, so that Word's "Edit Data" opens the series in a sheet:
/// A1 empty, series names across row 1, categories down column A, values below each name.
/// </summary>
internal static class EmbeddedWorkbook
{
    public const string SheetName = "Sheet1";

    public static byte[] Build(ChartSpec chart)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var sheetData = new SheetData();

            var header = new Row { RowIndex = 1 };
            for (var s = 0; s < chart.Series.Count; s++)
            {
                header.Append(TextCell(Reference(s + 1, 1), chart.Series[s].Name));
            }

            sheetData.Append(header);
            for (var c = 0; c < chart.Categories.Count; c++)
            {
                var rowIndex = (uint)(c + 2);
                var row = new Row { RowIndex = rowIndex };
                row.Append(TextCell(Reference(0, (int)rowIndex), chart.Categories[c]));
                for (var s = 0; s < chart.Series.Count; s++)
                {
                    if (chart.Series[s].Values[c] is { } value)
                    {
                        row.Append(new Cell { CellReference = Reference(s + 1, (int)rowIndex), CellValue = new CellValue(value) });
                    }
                }

                sheetData.Append(row);
            }

            worksheetPart.Worksheet = new Worksheet(sheetData);
            workbookPart.Workbook = new Workbook(new Sheets(new Sheet
            {
                Name = SheetName,
                SheetId = 1,
                Id = workbookPart.GetIdOfPart(worksheetPart),
            }));
        }

        return stream.ToArray();
    }

    private static Cell TextCell(string reference, string text) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
    };

    /// <summary>"B3" for column 1 (zero-based), row 3 (one-based).</summary>
    public static string Reference(int column, int row) => ColumnName(column) + ChineseText.Int(row);

    /// <summary>"$B$2:$B$9"</summary>
    public static string Range(int column, int firstRow, int lastRow)
    {
        var name = ColumnName(column);
        return $"{SheetName}!${name}${ChineseText.Int(firstRow)}:${name}${ChineseText.Int(lastRow)}";
    }

    public static string Absolute(int column, int row) => $"{SheetName}!${ColumnName(column)}${ChineseText.Int(row)}";

    public static string ColumnName(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
