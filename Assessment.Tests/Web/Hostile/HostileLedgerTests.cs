using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Assessment.Web.Workflow;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web.Hostile;

/// <summary>
/// The rectification ledger's API and its Excel import, sent what no client should send: broken or oversized JSON,
/// numbers for enums, impossible dates, texts longer than their columns or with refused characters, ids out of range,
/// files that are not workbooks, workbooks that unpack to far more than they weigh or claim millions of rows. Each is
/// a 4xx ProblemDetails in Chinese naming the field, nothing is written, and the server keeps serving. Formula-like
/// cells are text: they are imported and stored exactly as written.
/// </summary>
[TestClass]
public sealed class HostileLedgerTests
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly string[] Header = ["序号", "问题来源", "方面/问题", "具体问题", "整改目标", "整改措施", "责任领导", "责任部门", "责任人", "完成时限", "整改状态", "完成时间", "长效机制"];

    private static RectificationWebApp app = null!;
    private static readonly Dictionary<string, HttpClient> Clients = [];
    private static int center;
    private static int findingId;
    private static int actionId;
    private static string evidenceFolder = "";

    private sealed record Case(string Name, string User, HttpMethod Method, Func<string> Path, Func<HttpContent> Body, HttpStatusCode Status, string? Field, string? IfMatch = null);

    private static string Ledger => $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}";

    private static string Long(int length) => new('长', length);

    private static Case Findings(string name, string finding, HttpStatusCode status, string? field) =>
        new($"POST findings: {name}", "staff", HttpMethod.Post, () => $"{Ledger}/findings", () => Json($$"""{"findings":[{{finding}}]}"""), status, field);

    private static Case Plan(string name, string plan, HttpStatusCode status, string? field) =>
        new($"PUT action plan: {name}", "staff", HttpMethod.Put, () => $"/api/rectification/actions/{actionId}", () => Json(plan), status, field);

    private static Case Status(string name, string body, HttpStatusCode status, string? field) =>
        new($"PUT action status: {name}", "staff", HttpMethod.Put, () => $"/api/rectification/actions/{actionId}/status", () => Json(body), status, field);

    private static Case Import(string name, Func<byte[]> workbook, HttpStatusCode status, string contentType = Xlsx) =>
        new($"POST import: {name}", "staff", HttpMethod.Post, () => $"{Ledger}/import", () => Bytes(workbook(), contentType), status, "file");

    /// <summary>Ledger rows that import cleanly, with cells that look like formulas.</summary>
    private static readonly string[][] Good =
    [
        ["1", "巡察", "服务方面/=cmd|' /C calc'!A0", "", "", "+SUM(1,2)", "-张三", "@部门", "=1+1", "2023-06-30", "正在整改", "", "=HYPERLINK(\"http://x\",\"点击\")"],
    ];

    private static readonly Case[] Cases =
    [
        // Broken bodies on each kind of JSON endpoint of the ledger.
        new("POST findings: truncated body", "staff", HttpMethod.Post, () => $"{Ledger}/findings", () => Json("""{"findings":[{"aspect":"服务"""), HttpStatusCode.BadRequest, "$"),
        new("POST findings: 2 MB body", "staff", HttpMethod.Post, () => $"{Ledger}/findings", () => Json("""{"findings":[{"aspect":"a","source":"Other","description":" """ + new string('x', 2 * 1024 * 1024) + "\"}]}"), HttpStatusCode.RequestEntityTooLarge, "$"),
        new("POST findings: nested 5,000 deep", "staff", HttpMethod.Post, () => $"{Ledger}/findings", () => Json("""{"findings":""" + HostileChecks.Nested(5000) + "}"), HttpStatusCode.BadRequest, "$"),
        new("POST findings: findings as an object", "staff", HttpMethod.Post, () => $"{Ledger}/findings", () => Json("""{"findings":{"aspect":"a"}}"""), HttpStatusCode.BadRequest, "$.findings"),
        new("POST findings: no findings", "staff", HttpMethod.Post, () => $"{Ledger}/findings", () => Json("""{"findings":[]}"""), HttpStatusCode.UnprocessableEntity, "findings"),
        new("PUT action plan: broken UTF-8", "staff", HttpMethod.Put, () => $"/api/rectification/actions/{actionId}", () => Bytes([.. "{\"target\":\""u8.ToArray(), 0xFF, 0xFE, .. "\"}"u8.ToArray()]), HttpStatusCode.BadRequest, "$"),
        new("PUT action status: declared as text/plain", "staff", HttpMethod.Put, () => $"/api/rectification/actions/{actionId}/status", () => Bytes("""{"status":"InProgress"}"""u8.ToArray(), "text/plain"), HttpStatusCode.UnsupportedMediaType, null),

        // Findings: every field.
        Findings("description longer than 4000 characters", $$"""{"aspect":"服务","source":"Other","description":"{{Long(4001)}}"}""", HttpStatusCode.UnprocessableEntity, "findings[0].description"),
        Findings("aspect longer than 200 characters", $$"""{"aspect":"{{Long(201)}}","source":"Other","description":"问题"}""", HttpStatusCode.UnprocessableEntity, "findings[0].aspect"),
        Findings("source detail longer than 200 characters", $$"""{"aspect":"服务","source":"Other","description":"问题","sourceDetail":"{{Long(201)}}"}""", HttpStatusCode.UnprocessableEntity, "findings[0].sourceDetail"),
        Findings("dimension code longer than its column", $$"""{"aspect":"服务","source":"Other","description":"问题","dimensionCode":"{{Long(40)}}"}""", HttpStatusCode.UnprocessableEntity, "findings[0].dimensionCode"),
        Findings("description with NUL", """{"aspect":"服务","source":"Other","description":"问题\u0000"}""", HttpStatusCode.BadRequest, "$.findings[0].description"),
        Findings("aspect with a right-to-left override", """{"aspect":"\u202E务服","source":"Other","description":"问题"}""", HttpStatusCode.BadRequest, "$.findings[0].aspect"),
        Findings("description with a lone low surrogate", """{"aspect":"服务","source":"Other","description":"\udc00"}""", HttpStatusCode.BadRequest, "$.findings[0].description"),
        Findings("source as a number", """{"aspect":"服务","source":7,"description":"问题"}""", HttpStatusCode.BadRequest, "$.findings[0].source"),
        Findings("source as a numeric string", """{"aspect":"服务","source":"2","description":"问题"}""", HttpStatusCode.BadRequest, "$.findings[0].source"),
        Findings("source unknown", """{"aspect":"服务","source":"Hacker","description":"问题"}""", HttpStatusCode.BadRequest, "$.findings[0].source"),
        Findings("severity as a number", """{"aspect":"服务","source":"Other","description":"问题","severity":9}""", HttpStatusCode.BadRequest, "$.findings[0].severity"),
        Findings("description given twice", """{"aspect":"服务","source":"Other","description":"问题","description":"另一个"}""", HttpStatusCode.BadRequest, "$.findings[0].description"),
        Findings("assessment id beyond int", """{"aspect":"服务","source":"Other","description":"问题","assessmentId":2147483648}""", HttpStatusCode.BadRequest, "$.findings[0].assessmentId"),
        Findings("a measure longer than 4000 characters", $$"""{"aspect":"服务","source":"Other","description":"问题","actions":[{"measures":"{{Long(4001)}}"}]}""", HttpStatusCode.UnprocessableEntity, "findings[0].actions[0].measures"),
        Findings("a leader's name longer than 100 characters", $$"""{"aspect":"服务","source":"Other","description":"问题","actions":[{"responsibleLeader":"{{Long(101)}}"}]}""", HttpStatusCode.UnprocessableEntity, "findings[0].actions[0].responsibleLeader"),
        Findings("a deadline in month 13", """{"aspect":"服务","source":"Other","description":"问题","actions":[{"deadline":"2023-13-01"}]}""", HttpStatusCode.BadRequest, "$.findings[0].actions[0].deadline"),
        Findings("a deadline in year 99999", """{"aspect":"服务","source":"Other","description":"问题","actions":[{"deadline":"99999-01-01"}]}""", HttpStatusCode.BadRequest, "$.findings[0].actions[0].deadline"),
        Findings("a deadline as a number", """{"aspect":"服务","source":"Other","description":"问题","actions":[{"deadline":20230630}]}""", HttpStatusCode.BadRequest, "$.findings[0].actions[0].deadline"),

        // Editing a finding.
        new("PUT finding: description longer than 4000 characters", "staff", HttpMethod.Put, () => $"/api/rectification/findings/{findingId}", () => Json($$"""{"description":"{{Long(4001)}}"}"""), HttpStatusCode.UnprocessableEntity, "description"),
        new("PUT finding: severity as a number", "staff", HttpMethod.Put, () => $"/api/rectification/findings/{findingId}", () => Json("""{"severity":1}"""), HttpStatusCode.BadRequest, "$.severity"),

        // Actions.
        Plan("target longer than 4000 characters", $$"""{"target":"{{Long(4001)}}"}""", HttpStatusCode.UnprocessableEntity, "target"),
        Plan("lasting rules with a bell character", """{"lastingRules":"制度\u0007"}""", HttpStatusCode.BadRequest, "$.lastingRules"),
        new("PUT action plan: If-Match not a version", "staff", HttpMethod.Put, () => $"/api/rectification/actions/{actionId}", () => Json("""{"target":"目标"}"""), HttpStatusCode.BadRequest, "If-Match", IfMatch: "\"' OR 1=1 --\""),
        Status("status as a number", """{"status":5}""", HttpStatusCode.BadRequest, "$.status"),
        Status("status unknown", """{"status":"Done"}""", HttpStatusCode.BadRequest, "$.status"),
        Status("completed in the year 2999", """{"status":"Completed","completedOn":"2999-01-01"}""", HttpStatusCode.UnprocessableEntity, "completedOn"),
        Status("progress note longer than 2000 characters", $$"""{"status":"InProgress","progressNote":"{{Long(2001)}}"}""", HttpStatusCode.UnprocessableEntity, "progressNote"),
        new("PUT action evidence: an id beyond int", "staff", HttpMethod.Put, () => $"/api/rectification/actions/{actionId}/evidence", () => Json("""{"evidenceIds":[10000000000]}"""), HttpStatusCode.BadRequest, "$.evidenceIds[0]"),
        new("PUT action evidence: a negative id", "staff", HttpMethod.Put, () => $"/api/rectification/actions/{actionId}/evidence", () => Json("""{"evidenceIds":[-1]}"""), HttpStatusCode.UnprocessableEntity, "evidenceIds"),
        new("PUT action evidence: no list at all", "staff", HttpMethod.Put, () => $"/api/rectification/actions/{actionId}/evidence", () => Json("{}"), HttpStatusCode.BadRequest, "evidenceIds"),
        new("POST close: conclusion longer than 2000 characters", "bureau", HttpMethod.Post, () => $"/api/rectification/actions/{actionId}/close", () => Json($$"""{"conclusion":"{{Long(2001)}}"}"""), HttpStatusCode.UnprocessableEntity, "conclusion"),
        new("POST send-back: reason longer than 2000 characters", "bureau", HttpMethod.Post, () => $"/api/rectification/actions/{actionId}/send-back", () => Json($$"""{"reason":"{{Long(2001)}}"}"""), HttpStatusCode.UnprocessableEntity, "reason"),
        new("POST send-back: reason with NUL", "bureau", HttpMethod.Post, () => $"/api/rectification/actions/{actionId}/send-back", () => Json("""{"reason":"\u0000"}"""), HttpStatusCode.BadRequest, "$.reason"),

        // Ids in the path.
        new("GET ledger: center id beyond int", "staff", HttpMethod.Get, () => $"/api/rectification/centers/2147483648/cycles/{app.Cycle2021}/ledger", () => Json(""), HttpStatusCode.NotFound, null),
        new("PUT finding: id not a number", "staff", HttpMethod.Put, () => "/api/rectification/findings/abc", () => Json("{}"), HttpStatusCode.NotFound, null),
        new("PUT action status: negative id", "staff", HttpMethod.Put, () => "/api/rectification/actions/-1/status", () => Json("""{"status":"InProgress"}"""), HttpStatusCode.NotFound, "actionId"),
        new("DELETE finding: id zero", "bureau", HttpMethod.Delete, () => "/api/rectification/findings/0", () => Json(""), HttpStatusCode.NotFound, "findingId"),
        new("POST confirm: token that is a path", "staff", HttpMethod.Post, () => "/api/rectification/imports/..%2F..%2Fetc%2Fpasswd/confirm", () => Json(""), HttpStatusCode.NotFound, "token"),
        new("POST confirm: token of 3,000 characters", "staff", HttpMethod.Post, () => $"/api/rectification/imports/{new string('f', 3000)}/confirm", () => Json(""), HttpStatusCode.NotFound, "token"),

        // The Excel import.
        Import("plain text declared as xlsx", () => Encoding.UTF8.GetBytes("序号,问题\n1,=cmd|' /C calc'!A0\n"), HttpStatusCode.UnsupportedMediaType),
        Import("a PNG declared as xlsx", () => HostileUploadTests.Png, HttpStatusCode.UnsupportedMediaType),
        Import("a PDF declared as xlsx", () => HostileUploadTests.Pdf, HttpStatusCode.UnsupportedMediaType),
        Import("an empty file", () => [], HttpStatusCode.UnsupportedMediaType),
        Import("a workbook cut in half", () => Workbook(Good)[..(Workbook(Good).Length / 2)], HttpStatusCode.UnsupportedMediaType),
        Import("a zip without a workbook", () => Zip(("hello.txt", Encoding.UTF8.GetBytes("hi"))), HttpStatusCode.UnsupportedMediaType),
        Import("a workbook declared as CSV", () => Workbook(Good), HttpStatusCode.UnsupportedMediaType, "text/csv"),
        Import("a workbook declared as JSON", () => Workbook(Good), HttpStatusCode.UnsupportedMediaType, "application/json"),
        Import("a file over 10 MB", () => new byte[(10 * 1024 * 1024) + 1], HttpStatusCode.RequestEntityTooLarge),
        Import("a zip bomb: a 64 MB part in a small file", () => WithPart(Workbook(Good), "xl/media/image1.bin", new byte[64 * 1024 * 1024]), HttpStatusCode.RequestEntityTooLarge),
        Import("a zip bomb: 40 MB of shared strings", () => SharedStringsBomb(), HttpStatusCode.RequestEntityTooLarge),
        Import("a workbook with 2,000 parts", () => Zip([.. Enumerable.Range(0, 2000).Select(i => ($"xl/media/p{i}.bin", new byte[] { 1 }))]), HttpStatusCode.RequestEntityTooLarge),
        Import("a row numbered 6,000", () => Workbook(Good, lastRowIndex: 6000), HttpStatusCode.RequestEntityTooLarge),
        Import("a row numbered 1,048,576", () => Workbook(Good, lastRowIndex: 1_048_576), HttpStatusCode.RequestEntityTooLarge),
        Import("a row numbered 4,294,967,295", () => Workbook(Good, lastRowIndex: uint.MaxValue), HttpStatusCode.RequestEntityTooLarge),
    ];

    public static IEnumerable<TestDataRow<string>> CaseNames => Cases.Select(c => new TestDataRow<string>(c.Name) { DisplayName = c.Name });

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        app = new RectificationWebApp();
        await app.InitializeAsync();
        center = await app.NewCenterAsync("海东市公共资源交易中心");
        _ = await app.FinalizedInspectionAsync(center);
        Clients["staff"] = await app.SignedInAsync(Roles.CenterStaff, center);
        Clients["bureau"] = await app.SignedInAsync(Roles.BureauAdmin);
        using var added = await RectificationWebApp.PostJsonAsync(Clients["staff"], $"{Ledger}/findings", new
        {
            findings = new[] { new { aspect = "服务方面", source = "Other", description = "服务指南未公开" } },
        });
        var finding = (await RectificationWebApp.ReadAsync<List<FindingDto>>(added)).Single();
        findingId = finding.Id;
        actionId = finding.Actions.Single().Id;
        evidenceFolder = await app.WithDbAsync((_, services) => Task.FromResult(services.GetRequiredService<EvidenceStore>().Folder));
    }

    [ClassCleanup]
    public static void Stop()
    {
        foreach (var client in Clients.Values)
        {
            client.Dispose();
        }

        app.Dispose();
    }

    [TestMethod]
    [DynamicData(nameof(CaseNames))]
    public async Task A_hostile_ledger_request_is_a_Chinese_4xx_and_changes_nothing(string name)
    {
        var hostile = Cases.Single(c => c.Name == name);
        var database = await HostileChecks.DatabaseAsync(app.Services);
        var files = HostileChecks.Files(evidenceFolder);

        using (var request = new HttpRequestMessage(hostile.Method, new Uri(hostile.Path(), UriKind.Relative)))
        {
            if (hostile.Method != HttpMethod.Get && hostile.Method != HttpMethod.Delete)
            {
                request.Content = hostile.Body();
            }

            if (hostile.IfMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", hostile.IfMatch);
            }

            using var response = await Clients[hostile.User].SendAsync(request);
            await HostileChecks.ExpectProblemAsync(response, hostile.Status, hostile.Field, name);
        }

        Assert.AreEqual(database, await HostileChecks.DatabaseAsync(app.Services), $"{name}: the database changed");
        Assert.AreEqual(files, HostileChecks.Files(evidenceFolder), $"{name}: the evidence folder changed");
        using var ledger = await RectificationWebApp.GetAsync(Clients["staff"], $"{Ledger}/ledger");
        Assert.AreEqual(HttpStatusCode.OK, ledger.StatusCode, $"{name}: the follow-up request failed");
    }

    [TestMethod]
    public async Task Formula_like_cells_are_imported_and_stored_as_text_exactly()
    {
        var other = await app.NewCenterAsync("玉树州公共资源交易中心");
        using var staff = await app.SignedInAsync(Roles.CenterStaff, other);

        using var previewed = await staff.PostAsync(new Uri($"/api/rectification/centers/{other}/cycles/{app.Cycle2021}/import", UriKind.Relative), Bytes(Workbook(Good, withFormulaCell: true), Xlsx));
        var preview = await RectificationWebApp.ReadAsync<ImportPreviewDto>(previewed);
        Assert.IsNotNull(preview.Token, string.Join("; ", preview.Errors.Select(e => e.Message)));
        using var confirmed = await staff.PostAsync(new Uri($"/api/rectification/imports/{preview.Token}/confirm", UriKind.Relative), null);
        Assert.AreEqual(HttpStatusCode.OK, confirmed.StatusCode, await confirmed.Content.ReadAsStringAsync());

        var action = await app.WithDbAsync((db, _) => db.RectificationActions.Include(a => a.Finding).ThenInclude(f => f!.Aspect)
            .SingleAsync(a => db.RectificationLedgers.Any(l => l.Id == a.Finding!.LedgerId && l.CenterId == other)));
        Assert.AreEqual("=cmd|' /C calc'!A0", action.Finding!.Description);
        Assert.AreEqual("+SUM(1,2)", action.Measures);
        Assert.AreEqual("-张三", action.ResponsibleLeader);
        Assert.AreEqual("@部门", action.ResponsibleDepartment);
        Assert.AreEqual("=1+1", action.ResponsiblePerson);
        Assert.AreEqual("=HYPERLINK(\"http://x\",\"点击\")", action.LastingRules);

        // A real formula cell contributes its cached value, never its formula.
        Assert.AreEqual("cached result", action.Target);
    }

    [TestMethod]
    public async Task Cells_with_refused_characters_are_named_by_row_and_column_and_nothing_can_be_confirmed()
    {
        var database = await HostileChecks.DatabaseAsync(app.Services);
        string[][] rows = [["1", "巡察", "服务方面/问题\u202E", "", "", "措施", "", "", "", "2023-06-30", "正在整改", "", ""]];

        using var previewed = await Clients["staff"].PostAsync(new Uri($"{Ledger}/import", UriKind.Relative), Bytes(Workbook(rows), Xlsx));
        var preview = await RectificationWebApp.ReadAsync<ImportPreviewDto>(previewed);

        Assert.IsNull(preview.Token);
        var error = preview.Errors.Single();
        Assert.AreEqual(3, error.Row);
        Assert.AreEqual("方面/问题", error.Column);
        StringAssert.Contains(error.Message, "U+202E");
        Assert.AreEqual(database, await HostileChecks.DatabaseAsync(app.Services));
    }

    private static ByteArrayContent Json(string text) => Bytes(Encoding.UTF8.GetBytes(text), "application/json");

    private static ByteArrayContent Bytes(byte[] bytes, string contentType = "application/json")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>A title row, the header row, then <paramref name="rows"/> (inline strings); optionally a last row far below.</summary>
    private static byte[] Workbook(string[][] rows, uint? lastRowIndex = null, bool withFormulaCell = false)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, ["整改工作台账"]));
            data.Append(Row(2, Header));
            for (var i = 0; i < rows.Length; i++)
            {
                var row = Row((uint)(i + 3), rows[i]);
                if (withFormulaCell)
                {
                    // 整改目标 (column E) as a formula with a cached text result.
                    row.RemoveChild(row.Elements<Cell>().First(c => c.CellReference == $"E{i + 3}"));
                    row.InsertAt(new Cell { CellReference = $"E{i + 3}", DataType = CellValues.String, CellFormula = new CellFormula("CONCATENATE(\"cached\",\" result\")"), CellValue = new CellValue("cached result") }, 4);
                }

                data.Append(row);
            }

            if (lastRowIndex is { } last)
            {
                data.Append(Row(last, ["末行"]));
            }

            sheetPart.Worksheet = new Worksheet(data);
            workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = "台账" }));
        }

        return stream.ToArray();
    }

    private static Row Row(uint index, string[] values)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < values.Length; c++)
        {
            row.Append(new Cell
            {
                CellReference = $"{(char)('A' + c)}{index}",
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(values[c]) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }),
            });
        }

        return row;
    }

    /// <summary>A valid workbook with one more part (highly compressible content).</summary>
    private static byte[] WithPart(byte[] workbook, string name, byte[] content)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            entry.Write(content);
        }

        return stream.ToArray();
    }

    /// <summary>A valid workbook whose shared string table unpacks to 40 MB of one repeated string.</summary>
    private static byte[] SharedStringsBomb()
    {
        var item = "<si><t>" + new string('炸', 1000) + "</t></si>";
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        for (var i = 0; i < 40 * 1024 * 1024 / Encoding.UTF8.GetByteCount(item); i++)
        {
            xml.Append(item);
        }

        return WithPart(Workbook(Good), "xl/sharedStrings.xml", Encoding.UTF8.GetBytes(xml.Append("</sst>").ToString()));
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }
}
