using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Assessment.Web.Persistence;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Assessment.Web.Rectification;

/// <summary>One ledger line read from a workbook: a specific problem with its plan and status.</summary>
public sealed record ImportRow(
    int Row,
    string? Number,
    FindingSource Source,
    string? SourceDetail,
    string Aspect,
    string Problem,
    string? SpecificProblem,
    string? Target,
    string? Measures,
    string? ResponsibleLeader,
    string? ResponsibleDepartment,
    string? ResponsiblePerson,
    DateOnly? Deadline,
    ActionStatus Status,
    string? ProgressNote,
    DateOnly? CompletedOn,
    string? LastingRules);

/// <summary>What is wrong with a cell (or a missing column, at the header row).</summary>
public sealed record ImportError(int Row, string Column, string Message);

public sealed record ImportReadResult(IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors);

/// <summary>
/// Reads the ledger centers already keep in Excel (.xlsx): the first worksheet, a header row within the first
/// ten rows naming the columns 序号, 问题来源, 方面/问题, 具体问题, 整改目标, 整改措施, 责任领导, 责任部门, 责任人,
/// 完成时限, 整改状态, 完成时间, 长效机制 (in any order; 方面 and 问题 may also be two columns). One row per
/// specific problem. Merged cells (an empty 方面/问题 or 问题来源 below a filled one) repeat the value above.
/// 方面/问题 is "方面/问题" (split at the first slash); without a slash the cell is the problem and the aspect
/// is carried from above (or 其他方面). 完成时限 may be a date or 长期坚持 (no deadline).
/// </summary>
public static partial class LedgerWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string Number = "序号";
    public const string Source = "问题来源";
    public const string AspectProblem = "方面/问题";
    public const string AspectOnly = "方面";
    public const string ProblemOnly = "问题";
    public const string Specific = "具体问题";
    public const string Target = "整改目标";
    public const string Measures = "整改措施";
    public const string Leader = "责任领导";
    public const string Department = "责任部门";
    public const string Person = "责任人";
    public const string Deadline = "完成时限";
    public const string Status = "整改状态";
    public const string CompletedOn = "完成时间";
    public const string LastingRules = "长效机制";

    /// <summary>The columns in the order of the usual form (and of a workbook this system writes).</summary>
    public static IReadOnlyList<string> Columns { get; } =
        [Number, Source, AspectProblem, Specific, Target, Measures, Leader, Department, Person, Deadline, Status, CompletedOn, LastingRules];

    private static readonly string[] Known = [.. Columns, AspectOnly, ProblemOnly];

    /// <summary>The most rows a sheet may have (row numbers beyond it are refused, 413): ledgers have tens or hundreds.</summary>
    public const int MaxRows = 5000;

    /// <summary>The most bytes the workbook's parts may unpack to (a small file can unpack to gigabytes: a "zip bomb").</summary>
    public const long MaxUnpackedBytes = 32L * 1024 * 1024;

    /// <summary>The most parts (files inside the .xlsx) a workbook may have.</summary>
    public const int MaxParts = 1000;

    /// <summary>
    /// The rows of the first worksheet and what is wrong with them (row number, column, message). A file that is not
    /// an .xlsx workbook throws <see cref="LedgerRuleException"/> 415; one that unpacks beyond
    /// <see cref="MaxUnpackedBytes"/> or has rows beyond <see cref="MaxRows"/> 413, before its sheet is loaded.
    /// </summary>
    public static ImportReadResult Read(Stream workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        List<List<(int Column, string Text)>> sheet;
        try
        {
            CheckPackage(workbook);
            sheet = ReadCells(workbook);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FormatException or InvalidOperationException or System.Xml.XmlException)
        {
            throw NotAWorkbook();
        }

        var headerIndex = sheet.FindIndex(r => r.Any(c => Normalize(c.Text) is Measures or Specific or Status));
        if (headerIndex < 0 || headerIndex >= 10)
        {
            return new ImportReadResult([], [new ImportError(1, Status, "未找到表头行（应包含“整改措施”“整改状态”等列）。")]);
        }

        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (column, text) in sheet[headerIndex])
        {
            var name = Normalize(text);
            if (Known.Contains(name))
            {
                header.TryAdd(name, column);
            }
        }

        var headerRow = headerIndex + 1;
        var errors = new List<ImportError>();
        foreach (var required in new[] { Measures, Deadline, Status })
        {
            if (!header.ContainsKey(required))
            {
                errors.Add(new ImportError(headerRow, required, $"缺少“{required}”列。"));
            }
        }

        if (!header.ContainsKey(AspectProblem) && !header.ContainsKey(ProblemOnly))
        {
            errors.Add(new ImportError(headerRow, AspectProblem, $"缺少“{AspectProblem}”列。"));
        }

        if (errors.Count > 0)
        {
            return new ImportReadResult([], errors);
        }

        var rows = new List<ImportRow>();
        string? aspect = null, problem = null, source = null;
        for (var i = headerIndex + 1; i < sheet.Count; i++)
        {
            var cells = sheet[i];
            var rowNumber = i + 1;
            string? Cell(string name) =>
                header.TryGetValue(name, out var column) && cells.FirstOrDefault(c => c.Column == column).Text is { } t
                && !string.IsNullOrWhiteSpace(t) ? t.Trim() : null;

            if (Known.All(name => Cell(name) is null))
            {
                continue; // blank line
            }

            var rowErrors = new List<ImportError>();
            void Error(string column, string message) => rowErrors.Add(new ImportError(rowNumber, column, message));

            // 方面/问题 (or two columns), carried down from merged cells.
            if (header.ContainsKey(AspectProblem) && Cell(AspectProblem) is { } combined)
            {
                var slash = combined.IndexOfAny(['/', '／']);
                if (slash > 0)
                {
                    aspect = combined[..slash].Trim();
                    problem = combined[(slash + 1)..].Trim();
                }
                else
                {
                    problem = combined;
                }
            }

            aspect = Cell(AspectOnly) ?? aspect;
            problem = Cell(ProblemOnly) ?? problem;
            if (string.IsNullOrWhiteSpace(problem))
            {
                Error(header.ContainsKey(AspectProblem) ? AspectProblem : ProblemOnly, "问题不能为空。");
            }

            source = Cell(Source) ?? source;
            var (findingSource, sourceDetail) = ParseSource(source);

            var measures = Cell(Measures);
            if (measures is null)
            {
                Error(Measures, "整改措施不能为空。");
            }

            DateOnly? deadline = null;
            if (Cell(Deadline) is not { } deadlineText)
            {
                Error(Deadline, "完成时限不能为空（长期任务填“长期坚持”）。");
            }
            else if (!IsOngoing(deadlineText))
            {
                deadline = ParseDate(deadlineText);
                if (deadline is null)
                {
                    Error(Deadline, $"“{deadlineText}”不是有效日期（如2023-06-30或2023年6月30日）。");
                }
            }

            var status = ActionStatus.NotStarted;
            string? note = null;
            if (Cell(Status) is not { } statusText)
            {
                Error(Status, "整改状态不能为空（未启动、正在整改或已完成）。");
            }
            else if (ParseStatus(statusText) is { } parsed)
            {
                (status, note) = parsed;
            }
            else
            {
                Error(Status, $"未知的整改状态“{statusText}”（应为未启动、正在整改或已完成）。");
            }

            DateOnly? completedOn = null;
            if (Cell(CompletedOn) is { } completedText)
            {
                completedOn = ParseDate(completedText);
                if (completedOn is null)
                {
                    Error(CompletedOn, $"“{completedText}”不是有效日期（如2023-06-30或2023年6月30日）。");
                }
            }
            else if (status == ActionStatus.Completed && rowErrors.All(e => e.Column != Status))
            {
                Error(CompletedOn, "已完成的问题须填写完成时间。");
            }

            if (status != ActionStatus.Completed)
            {
                completedOn = null;
            }

            if (aspect is { Length: > LedgerAspect.TitleMaxLength })
            {
                Error(header.ContainsKey(AspectOnly) ? AspectOnly : AspectProblem, $"方面超过{LedgerAspect.TitleMaxLength}个字符。");
            }

            if (problem is { Length: > Finding.DescriptionMaxLength })
            {
                Error(header.ContainsKey(AspectProblem) ? AspectProblem : ProblemOnly, $"问题超过{Finding.DescriptionMaxLength}个字符。");
            }

            if (sourceDetail is { Length: > Finding.SourceDetailMaxLength })
            {
                Error(Source, $"问题来源超过{Finding.SourceDetailMaxLength}个字符。");
            }

            foreach (var (name, max) in new[] { (Specific, RectificationAction.SpecificProblemMaxLength), (Target, RectificationAction.TextMaxLength),
                (Measures, RectificationAction.TextMaxLength), (Leader, RectificationAction.NameMaxLength), (Department, RectificationAction.NameMaxLength),
                (Person, RectificationAction.NameMaxLength), (LastingRules, RectificationAction.TextMaxLength) })
            {
                if (Cell(name) is { Length: var n } && n > max)
                {
                    Error(name, $"超过{max}个字符。");
                }
            }

            foreach (var name in header.Keys)
            {
                if (Cell(name) is { } text && Api.SafeText.Problem(text) is { } refused)
                {
                    Error(name, refused);
                }
            }

            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors);
                continue;
            }

            rows.Add(new ImportRow(
                rowNumber, Cell(Number), findingSource, sourceDetail,
                string.IsNullOrWhiteSpace(aspect) ? "其他方面" : aspect, problem!, Cell(Specific),
                Cell(Target), measures, Cell(Leader), Cell(Department), Cell(Person), deadline, status, note, completedOn, Cell(LastingRules)));
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ImportError(headerRow + 1, AspectProblem, "表中没有台账行。"));
        }

        return new ImportReadResult(rows, errors);
    }

    internal static (FindingSource, string?) ParseSource(string? text) => text switch
    {
        null => (FindingSource.Assessment, null),
        _ when text.Contains("巡察", StringComparison.Ordinal) || text.Contains("巡视", StringComparison.Ordinal) => (FindingSource.InspectionTour, text),
        _ when text.Contains("审计", StringComparison.Ordinal) => (FindingSource.Audit, text),
        _ when text.Contains("考核", StringComparison.Ordinal) || text.Contains("考评", StringComparison.Ordinal) => (FindingSource.Assessment, text),
        _ => (FindingSource.Other, text),
    };

    internal static (ActionStatus Status, string? Note)? ParseStatus(string text)
    {
        var t = text.Trim();
        var note = NoteAfter(t);
        return t switch
        {
            _ when t.StartsWith("已完成", StringComparison.Ordinal) || t is "完成" or "已整改" or "已整改完成" => (ActionStatus.Completed, null),
            _ when t.StartsWith("正在整改", StringComparison.Ordinal) || t.StartsWith("整改中", StringComparison.Ordinal)
                || t.StartsWith("部分完成", StringComparison.Ordinal) || t.StartsWith("持续整改", StringComparison.Ordinal) => (ActionStatus.InProgress, note ?? (t.StartsWith("部分完成", StringComparison.Ordinal) ? "部分完成" : null)),
            _ when t.StartsWith("未启动", StringComparison.Ordinal) || t.StartsWith("未开始", StringComparison.Ordinal) => (ActionStatus.NotStarted, null),
            _ => null,
        };
    }

    private static string? NoteAfter(string text)
    {
        var open = text.IndexOfAny(['（', '(']);
        return open < 0 ? null : text[(open + 1)..].TrimEnd('）', ')').Trim() is { Length: > 0 } note ? note : null;
    }

    private static bool IsOngoing(string text) => text.StartsWith("长期", StringComparison.Ordinal) || text is "持续" or "持续推进";

    /// <summary>An Excel date serial, or 2023-06-30, 2023/6/30, 2023.6.30, 2023年6月30日.</summary>
    internal static DateOnly? ParseDate(string text)
    {
        var t = text.Trim();
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
        {
            return serial is >= 1 and < 2958466 ? DateOnly.FromDateTime(DateTime.FromOADate(serial)) : null;
        }

        var m = DatePattern().Match(t);
        return m.Success
            && int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out var mo)
            && int.TryParse(m.Groups[3].Value, CultureInfo.InvariantCulture, out var d)
            && y is >= 1900 and <= 9999 && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo)
            ? new DateOnly(y, mo, d)
            : null;
    }

    [GeneratedRegex(@"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")]
    private static partial Regex DatePattern();

    private static string Normalize(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c != '*')).Replace('／', '/');

    /// <summary>The first worksheet's non-empty cells as text, row by row (index = row number − 1).</summary>
    private static List<List<(int Column, string Text)>> ReadCells(Stream stream)
    {
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbookPart = document.WorkbookPart ?? throw new InvalidDataException("No workbook part.");
        var sheet = workbookPart.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("No worksheet.");
        var worksheetPart = (WorksheetPart)workbookPart.GetPartById(sheet.Id!.Value!);
        var shared = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];

        var rows = new List<List<(int, string)>>();
        foreach (var row in worksheetPart.Worksheet.Descendants<Row>())
        {
            var number = row.RowIndex?.Value ?? (uint)(rows.Count + 1);
            if (number is 0 or > MaxRows)
            {
                throw new LedgerRuleException(StatusCodes.Status413PayloadTooLarge, "file",
                    $"工作簿第{number}行超出上限：一次最多导入{MaxRows}行（请删除多余的空行或分批导入）。");
            }

            var index = (int)number - 1;
            while (rows.Count <= index)
            {
                rows.Add([]);
            }

            var column = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : column + 1;
                var text = cell.DataType?.Value switch
                {
                    var t when t == CellValues.SharedString => int.TryParse(cell.CellValue?.Text, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : "",
                    var t when t == CellValues.InlineString => cell.InlineString?.InnerText ?? "",
                    _ => cell.CellValue?.Text ?? "",
                };
                if (!string.IsNullOrWhiteSpace(text))
                {
                    rows[index].Add((column, text));
                }
            }
        }

        return rows;
    }

    private static int ColumnIndex(string reference)
    {
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter).Take(3))
        {
            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return column;
    }

    private static LedgerRuleException NotAWorkbook() =>
        new(StatusCodes.Status415UnsupportedMediaType, "file", "文件不是有效的Excel工作簿（.xlsx），未导入。");

    /// <summary>Unpacks every part once, counting, before the OpenXML SDK loads anything.</summary>
    private static void CheckPackage(Stream stream)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxParts)
            {
                throw new LedgerRuleException(StatusCodes.Status413PayloadTooLarge, "file", $"工作簿包含的部件超过{MaxParts}个，未导入。");
            }

            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var content = entry.Open();
                int read;
                while ((read = content.Read(buffer)) > 0)
                {
                    total += read;
                    if (total > MaxUnpackedBytes)
                    {
                        throw new LedgerRuleException(StatusCodes.Status413PayloadTooLarge, "file",
                            $"工作簿解压后超过{MaxUnpackedBytes / 1024 / 1024} MB，未导入（请删除无关的工作表、图片后重试）。");
                    }
                }
            }
        }
        finally
        {
            stream.Position = 0;
        }
    }
}
