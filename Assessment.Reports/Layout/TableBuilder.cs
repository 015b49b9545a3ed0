using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Assessment.Reports.Layout;

/// <summary>How a cell continues the one above it (a center named once across its issues).</summary>
internal enum Merge
{
    None,
    Start,
    Continue,
}

/// <summary>One cell: its text ("\n" breaks lines), alignment, column span and vertical merge.</summary>
internal readonly record struct TableCellSpec(string Text, bool Left = false, int Span = 1, Merge Merge = Merge.None)
{
    public static implicit operator TableCellSpec(string text) => new(text);

    public static TableCellSpec LeftAligned(string text) => new(text, Left: true);
}

/// <summary>
/// Builds a table in the document's table style, as wide as the text block, with columns in the given
/// proportions and a header row that repeats on every page.
/// </summary>
internal sealed class TableBuilder
{
    private readonly int[] widths;
    private readonly Table table;
    private bool compact;

    public TableBuilder(params int[] proportions)
    {
        ArgumentNullException.ThrowIfNull(proportions);
        var sum = proportions.Sum();
        widths = proportions.Select(p => GbT9704.TextWidth * p / sum).ToArray();
        widths[^1] += GbT9704.TextWidth - widths.Sum();

        var grid = new TableGrid();
        foreach (var width in widths)
        {
            grid.Append(new GridColumn { Width = OfficialStyles.Twips(width) });
        }

        table = new Table(
            new TableProperties(
                new TableStyle { Val = StyleId.Table },
                new TableWidth { Width = OfficialStyles.Twips(GbT9704.TextWidth), Type = TableWidthUnitValues.Dxa },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(
                    new TopMargin { Width = "28", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 57, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "28", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 57, Type = TableWidthValues.Dxa }),
                new TableLook { Val = "04A0", FirstRow = true, LastRow = false, FirstColumn = false, LastColumn = false, NoHorizontalBand = true, NoVerticalBand = true }),
            grid);
    }

    /// <summary>Body cells in 五号 rather than 小四, for dense tables.</summary>
    public TableBuilder Compact()
    {
        compact = true;
        return this;
    }

    public TableBuilder Header(params TableCellSpec[] cells)
    {
        table.Append(Row(cells, StyleId.TableHeader, header: true));
        return this;
    }

    public TableBuilder Row(params TableCellSpec[] cells)
    {
        table.Append(Row(cells, null, header: false));
        return this;
    }

    public Table Build() => table;

    private TableRow Row(TableCellSpec[] cells, string? style, bool header)
    {
        var properties = new TableRowProperties(new CantSplit());
        if (header)
        {
            properties.Append(new TableHeader());
        }

        var row = new TableRow(properties);
        var column = 0;
        foreach (var cell in cells)
        {
            var width = widths.Skip(column).Take(cell.Span).Sum();
            column += cell.Span;
            var cellProperties = new TableCellProperties(new TableCellWidth { Width = OfficialStyles.Twips(width), Type = TableWidthUnitValues.Dxa });
            if (cell.Span > 1)
            {
                cellProperties.Append(new GridSpan { Val = cell.Span });
            }

            if (cell.Merge != Merge.None)
            {
                cellProperties.Append(new VerticalMerge { Val = cell.Merge == Merge.Start ? MergedCellValues.Restart : MergedCellValues.Continue });
            }

            cellProperties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
            var paragraphStyle = style ?? (cell.Left, compact) switch
            {
                (true, true) => StyleId.TableTextCompactLeft,
                (true, false) => StyleId.TableTextLeft,
                (false, true) => StyleId.TableTextCompact,
                (false, false) => StyleId.TableText,
            };
            var content = cell.Merge == Merge.Continue ? [] : OfficialDocument.Lines(cell.Text).Cast<OpenXmlElement>();
            row.Append(new TableCell(cellProperties, OfficialDocument.Styled(paragraphStyle, content)));
        }

        if (column != widths.Length)
        {
            throw new ArgumentException($"A row spans {column} columns, the table has {widths.Length}.", nameof(cells));
        }

        return row;
    }
}
