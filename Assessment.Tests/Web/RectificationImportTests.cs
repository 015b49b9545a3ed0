using System.Net;
using System.Net.Http.Headers;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static Assessment.Tests.Web.RectificationWebApp;

namespace Assessment.Tests.Web;

[TestClass]
public sealed class RectificationImportTests
{
    private static readonly string[] Header =
        ["序号", "问题来源", "方面/问题", "具体问题", "整改目标", "整改措施", "责任领导", "责任部门", "责任人", "完成时限", "整改状态", "完成时间", "长效机制"];

    // Rows 3–6 are good (row 4 continues the merged problem of row 3); rows 7–9 are bad.
    internal static readonly object?[][] Good =
    [
        ["1", "市委巡察组", "组织领导方面/整改台账不完善", "未建立销号制度", "建立台账销号制度", "制定销号管理办法", "张书记", "办公室", "王芳", 44742.0, "已完成", "2022年6月28日", "《整改销号管理办法》"],
        ["2", null, null, "未明确完成时限", "逐项明确时限", "逐项明确完成时限", "张书记", "办公室", "王芳", "2022-07-15", "正在整改（已完成8项）", null, null],
        ["3", "2021年度考核", "硬件设施方面/应急照明缺失", null, "配齐应急照明", "采购安装应急照明灯", "李副主任", "综合科", "赵强", "2022/9/30", "未启动", null, null],
        ["4", "审计", "现场管理方面/保证金退还不及时", null, "按时退还", "建立保证金退还提醒", "李副主任", "财务科", "孙丽", "长期坚持", "正在整改", null, "《保证金管理制度》"],
    ];

    internal static readonly object?[][] Bad =
    [
        ["5", "审计", "现场管理方面/专家签到不规范", null, null, "规范签到", "李副主任", "交易科", "周敏", "2022-13-45", "正在整改", null, null],
        ["6", "审计", "现场管理方面/见证记录缺失", null, null, "补齐见证记录", "李副主任", "交易科", "周敏", "2022-08-31", "搁置", null, null],
        ["7", "审计", "现场管理方面/档案未归档", null, null, null, "李副主任", "交易科", "周敏", "2022-08-31", "未启动", null, null],
    ];

    private static RectificationWebApp app = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        app = new RectificationWebApp();
        await app.InitializeAsync();
    }

    [ClassCleanup]
    public static void Stop() => app.Dispose();

    [TestMethod]
    public async Task A_workbook_with_bad_rows_is_previewed_with_errors_naming_row_and_column_and_nothing_is_saved()
    {
        var center = await app.NewCenterAsync("海东市公共资源交易中心");
        var staff = await app.SignedInAsync(Roles.CenterStaff, center);

        var preview = await ReadAsync<ImportPreviewDto>(await UploadAsync(staff, center, Workbook([.. Good, .. Bad])));

        Assert.IsNull(preview.Token);
        Assert.IsFalse(preview.CanConfirm);
        var errors = preview.Errors.Select(e => (e.Row, e.Column)).ToList();
        CollectionAssert.AreEquivalent(new[] { (7, "完成时限"), (8, "整改状态"), (9, "整改措施") }, errors);
        StringAssert.Contains(preview.Errors.Single(e => e.Row == 7).Message, "2022-13-45");
        StringAssert.Contains(preview.Errors.Single(e => e.Row == 8).Message, "搁置");
        Assert.HasCount(4, preview.Rows);
        Assert.AreEqual(HttpStatusCode.NotFound, (await GetAsync(staff, $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/ledger")).StatusCode);
    }

    [TestMethod]
    public async Task A_good_workbook_is_saved_only_when_confirmed_and_only_once()
    {
        var center = await app.NewCenterAsync("海南州公共资源交易中心");
        var staff = await app.SignedInAsync(Roles.CenterStaff, center);
        var ledgerUrl = $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/ledger";

        var preview = await ReadAsync<ImportPreviewDto>(await UploadAsync(staff, center, Workbook(Good)));
        Assert.IsTrue(preview.CanConfirm);
        Assert.IsEmpty(preview.Errors);
        Assert.AreEqual(HttpStatusCode.NotFound, (await GetAsync(staff, ledgerUrl)).StatusCode);

        // Another user cannot confirm someone else's preview.
        var colleague = await app.SignedInAsync(Roles.CenterStaff, center);
        Assert.AreEqual(HttpStatusCode.NotFound, (await colleague.PostAsync(new Uri($"/api/rectification/imports/{preview.Token}/confirm", UriKind.Relative), null)).StatusCode);

        var result = await ReadAsync<ImportResultDto>(await staff.PostAsync(new Uri($"/api/rectification/imports/{preview.Token}/confirm", UriKind.Relative), null));
        Assert.AreEqual(4, result.ActionsAdded);
        Assert.AreEqual(HttpStatusCode.NotFound, (await staff.PostAsync(new Uri($"/api/rectification/imports/{preview.Token}/confirm", UriKind.Relative), null)).StatusCode);

        var ledger = await ReadAsync<LedgerDto>(await GetAsync(staff, ledgerUrl));
        Assert.AreEqual("3个方面3个问题（细化为4个具体问题），已完成整改1个，完成率25%", ledger.Progress.Summary);
        var tour = ledger.Aspects.Single(a => a.Title == "组织领导方面").Findings.Single();
        Assert.AreEqual(FindingSource.InspectionTour, tour.Source);
        Assert.AreEqual("市委巡察组", tour.SourceDetail);
        Assert.AreEqual("整改台账不完善", tour.Description);
        Assert.HasCount(2, tour.Actions);
        Assert.AreEqual(ActionStatus.Completed, tour.Actions[0].Status);
        Assert.AreEqual(new DateOnly(2022, 6, 28), tour.Actions[0].CompletedOn);
        Assert.AreEqual(new DateOnly(2022, 6, 30), tour.Actions[0].Deadline);   // Excel serial 44742
        Assert.AreEqual("《整改销号管理办法》", tour.Actions[0].LastingRules);
        Assert.AreEqual(ActionStatus.InProgress, tour.Actions[1].Status);
        Assert.AreEqual("已完成8项", tour.Actions[1].ProgressNote);
        var deposit = ledger.Aspects.Single(a => a.Title == "现场管理方面").Findings.Single();
        Assert.AreEqual(FindingSource.Audit, deposit.Source);
        Assert.IsNull(deposit.Actions.Single().Deadline);
        Assert.AreEqual(new DateOnly(2022, 9, 30), ledger.Aspects.Single(a => a.Title == "硬件设施方面").Findings.Single().Actions.Single().Deadline);
    }

    [TestMethod]
    public async Task Importing_the_same_workbook_again_is_refused_row_by_row_and_adds_nothing()
    {
        var center = await app.NewCenterAsync("玉树州公共资源交易中心");
        var staff = await app.SignedInAsync(Roles.CenterStaff, center);
        var ledgerUrl = $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/ledger";
        var first = await ReadAsync<ImportPreviewDto>(await UploadAsync(staff, center, Workbook(Good)));

        // Two previews of the same workbook before either is confirmed: the second confirmation finds the items there.
        var second = await ReadAsync<ImportPreviewDto>(await UploadAsync(staff, center, Workbook(Good)));
        Assert.AreEqual(4, (await ReadAsync<ImportResultDto>(await staff.PostAsync(new Uri($"/api/rectification/imports/{first.Token}/confirm", UriKind.Relative), null))).ActionsAdded);
        using var late = await staff.PostAsync(new Uri($"/api/rectification/imports/{second.Token}/confirm", UriKind.Relative), null);
        Assert.AreEqual(HttpStatusCode.Conflict, late.StatusCode);
        StringAssert.Contains(await late.Content.ReadAsStringAsync(), "本次未导入任何内容");

        // Uploading it again: every row is named as already in the ledger, and there is nothing to confirm.
        var again = await ReadAsync<ImportPreviewDto>(await UploadAsync(staff, center, Workbook(Good)));
        Assert.IsFalse(again.CanConfirm);
        CollectionAssert.AreEqual(new[] { 3, 4, 5, 6 }, again.Errors.Select(e => e.Row).ToArray());
        Assert.IsTrue(again.Errors.All(e => e.Column == "具体问题" && e.Message.Contains("台账中已有相同的事项", StringComparison.Ordinal)), again.Errors[0].Message);

        var ledger = await ReadAsync<LedgerDto>(await GetAsync(staff, ledgerUrl));
        Assert.AreEqual(4, ledger.Aspects.SelectMany(a => a.Findings).Sum(f => f.Actions.Count), "the ledger holds each item once");
    }

    [TestMethod]
    public async Task A_file_that_is_not_a_workbook_or_another_centers_import_is_refused()
    {
        var center = await app.NewCenterAsync("玉树州公共资源交易中心");
        var other = await app.NewCenterAsync("果洛州公共资源交易中心");
        var staff = await app.SignedInAsync(Roles.CenterStaff, center);

        using var garbage = await UploadAsync(staff, center, [1, 2, 3, 4]);
        var body = await garbage.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.UnsupportedMediaType, garbage.StatusCode, body);
        StringAssert.Contains(body, "不是有效的Excel工作簿");
        Assert.AreEqual(HttpStatusCode.Forbidden, (await UploadAsync(staff, other, Workbook(Good))).StatusCode);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, int centerId, byte[] workbook)
    {
        var content = new ByteArrayContent(workbook);
        content.Headers.ContentType = new MediaTypeHeaderValue(LedgerWorkbook.ContentType);
        return client.PostAsync(new Uri($"/api/rectification/centers/{centerId}/cycles/{app.Cycle2021}/import", UriKind.Relative), content);
    }

    /// <summary>A workbook as centers keep it: a title row, the header row, then one row per specific problem (strings inline, numbers as numbers).</summary>
    internal static byte[] Workbook(object?[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, ["整改工作台账"]));
            data.Append(Row(2, Header));
            for (var i = 0; i < rows.Length; i++)
            {
                data.Append(Row((uint)(i + 3), rows[i]));
            }

            sheetPart.Worksheet = new Worksheet(data);
            workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = "台账" }));
        }

        return stream.ToArray();
    }

    private static Row Row(uint index, object?[] values)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < values.Length; c++)
        {
            var reference = $"{(char)('A' + c)}{index}";
            switch (values[c])
            {
                case null:
                    break;
                case double number:
                    row.Append(new Cell { CellReference = reference, CellValue = new CellValue(number) });
                    break;
                case var text:
                    row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text.ToString()!)) });
                    break;
            }
        }

        return row;
    }
}
