using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Assessment.Benchmarks.Peer;

/// <summary>
/// Writes feed rows (the <c>value</c> objects of an OData JSON page) as the CSV that SAP CAP loads from
/// <c>db/data/</c>: a header of property names, comma separated, RFC 4180 quoting (a field holding a comma,
/// quote, line break or surrounding space is quoted and its quotes doubled), UTF-8 without BOM, LF line ends.
/// Null is an empty field; numbers are written as the feed wrote them (no rounding through double);
/// timestamps as the feed's ISO 8601 text. Annotations (<c>@odata.…</c>) are not columns.
/// </summary>
public sealed class PeerCsv : IDisposable
{
    private readonly TextWriter writer;
    private readonly bool ownsWriter;
    private string[]? columns;

    public PeerCsv(TextWriter writer, bool ownsWriter = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        this.writer = writer;
        this.ownsWriter = ownsWriter;
    }

    /// <summary>A CSV file (created or replaced) in the encoding CAP expects.</summary>
    public static PeerCsv Create(string path) =>
        new(new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" }, ownsWriter: true);

    /// <summary>The columns, from the first row written (null before that).</summary>
    public IReadOnlyList<string>? Columns => columns;

    public int RowCount { get; private set; }

    /// <summary>Writes one row; the first row's properties fix the columns and the header.</summary>
    /// <exception cref="InvalidDataException">A later row has other properties than the first.</exception>
    public void WriteRow(JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"A feed row must be a JSON object, not {row.ValueKind}.");
        }

        var properties = row.EnumerateObject().Where(p => !p.Name.Contains('@', StringComparison.Ordinal)).ToList();
        if (columns is null)
        {
            columns = properties.Select(p => p.Name).ToArray();
            writer.Write(string.Join(',', columns.Select(Field)));
            writer.Write('\n');
        }

        if (properties.Count != columns.Length || properties.Where((p, i) => p.Name != columns[i]).Any())
        {
            throw new InvalidDataException(
                $"Row {RowCount + 1} has the properties ({string.Join(", ", properties.Select(p => p.Name))}), not the first row's ({string.Join(", ", columns)}).");
        }

        for (var i = 0; i < properties.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(Value(properties[i].Value));
        }

        writer.Write('\n');
        RowCount++;
    }

    /// <summary>The CSV text of one JSON value.</summary>
    public static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.String => Field(value.GetString()!),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new InvalidDataException($"A {value.ValueKind} is not a column value: {value.GetRawText()}"),
    };

    /// <summary>A text field, quoted when it must be. An empty string is written <c>""</c> so it stays apart from null.</summary>
    public static string Field(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quote = text.Length == 0
            || text.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]);
        return quote ? string.Concat("\"", text.Replace("\"", "\"\"", StringComparison.Ordinal), "\"") : text;
    }

    public void Dispose()
    {
        writer.Flush();
        if (ownsWriter)
        {
            writer.Dispose();
        }
    }

    /// <summary>For messages: a row count with thousands separators.</summary>
    internal static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
