using System.Net;
using System.Text;
using System.Text.Json;
using Assessment.Web.OData.Sets;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OData;
using Microsoft.OData.Edm;

namespace Assessment.Tests.Web;

/// <summary>The Findings and RectificationActions sets: metadata, strict reading, filters, paging, scopes, SQL.</summary>
[TestClass]
public sealed class ODataFeedRectificationTests
{
    private static ODataFeedHost host = null!;
    private static HttpClient admin = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        host = await ODataFeedHost.StartSqliteAsync();
        admin = host.As(ODataFeedData.Admin);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        admin.Dispose();
        await host.DisposeAsync();
    }

    /// <summary>Today in China Standard Time, as the feed computes overdue actions.</summary>
    internal static DateOnly TodayInChina() => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    internal static readonly (string Filter, Func<RectificationActionRow, bool> Predicate)[] ActionCases =
    [
        ("StatusCode eq 'Completed'", a => a.StatusCode == "Completed"),
        ("Status eq '正在整改'", a => a.Status == "正在整改"),
        ("Status in ('未启动', '正在整改') and CycleYear eq 2021", a => a.Status is "未启动" or "正在整改" && a.CycleYear == 2021),
        ("IsOverdue", a => a.IsOverdue),
        ("not IsOverdue and Deadline ne null", a => !a.IsOverdue && a.Deadline != null),
        ("Deadline eq null", a => a.Deadline == null),
        ("Deadline lt 2023-01-01", a => a.Deadline < new DateOnly(2023, 1, 1)),
        ("Deadline ge 2030-01-01 or CompletedOn le 2022-03-15", a => a.Deadline >= new DateOnly(2030, 1, 1) || a.CompletedOn <= new DateOnly(2022, 3, 15)),
        ("year(Deadline) eq 2022 and month(Deadline) ge 6", a => a.Deadline?.Year == 2022 && a.Deadline?.Month >= 6),
        ("day(CompletedOn) lt 10", a => a.CompletedOn?.Day < 10),
        ("month(CompletedOn) eq 4", a => a.CompletedOn?.Month == 4),
        ("VerificationStateCode eq 'Closed'", a => a.VerificationStateCode == "Closed"),
        ("VerificationState eq '退回'", a => a.VerificationState == "退回"),
        ("VerificationStateCode eq 'Open' and StatusCode eq 'Completed'", a => a.VerificationStateCode == "Open" && a.StatusCode == "Completed"),
        ("contains(VerifierConclusion,'销号1')", a => a.VerifierConclusion?.Contains("销号1", StringComparison.Ordinal) == true),
        ("VerifierName eq 'admin'", a => a.VerifierName == "admin"),
        ("ClosedAt ne null and ClosedAt gt 2020-01-01T00:00:00+08:00", a => a.ClosedAt > new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(8))),
        ("SpecificProblem ne null", a => a.SpecificProblem != null),
        ("EvidenceCount gt 0 and not (VerificationStateCode eq 'Closed')", a => a.EvidenceCount > 0 && a.VerificationStateCode != "Closed"),
        ("Measures eq null or ResponsiblePerson eq null", a => a.Measures == null || a.ResponsiblePerson == null),
        ("startswith(ResponsibleDepartment,'交易') and ResponsibleLeader eq '张主任'", a => a.ResponsibleDepartment?.StartsWith("交易", StringComparison.Ordinal) == true && a.ResponsibleLeader == "张主任"),
        ("endswith(Aspect,'方面') and length(FindingDescription) gt 20", a => a.Aspect.EndsWith("方面", StringComparison.Ordinal) && a.FindingDescription.Length > 20),
        ("CenterCode eq 'QH-XN-01' and FindingOrder le 3", a => a.CenterCode == "QH-XN-01" && a.FindingOrder <= 3),
    ];

    [TestMethod]
    public async Task Metadata_lists_both_sets_with_dates_flags_and_navigations()
    {
        var model = await ODataFeedProtocolTests.ReadMetadataAsync(admin);
        var actions = model.EntityContainer.FindEntitySet("RectificationActions");
        var findings = model.EntityContainer.FindEntitySet("Findings");
        Assert.IsNotNull(actions);
        Assert.IsNotNull(findings);
        var type = actions.EntityType();
        Assert.AreEqual(EdmPrimitiveTypeKind.Date, type.FindProperty("Deadline").Type.PrimitiveKind());
        Assert.IsTrue(type.FindProperty("Deadline").Type.IsNullable);
        Assert.AreEqual(EdmPrimitiveTypeKind.Date, type.FindProperty("CompletedOn").Type.PrimitiveKind());
        Assert.AreEqual(EdmPrimitiveTypeKind.Boolean, type.FindProperty("IsOverdue").Type.PrimitiveKind());
        Assert.IsFalse(type.FindProperty("IsOverdue").Type.IsNullable);
        Assert.IsFalse(type.FindProperty("Status").Type.IsNullable);
        Assert.AreEqual(EdmPrimitiveTypeKind.DateTimeOffset, type.FindProperty("ModifiedAt").Type.PrimitiveKind());
        var toFinding = type.NavigationProperties().Single(n => n.Name == "Finding");
        Assert.AreEqual("Findings", actions.FindNavigationTarget(toFinding).Name);
        CollectionAssert.AreEquivalent(new[] { "Center", "Cycle" }, findings.EntityType().NavigationProperties().Select(n => n.Name).ToArray());
        Assert.AreEqual(EdmPrimitiveTypeKind.DateTimeOffset, findings.EntityType().FindProperty("ModifiedAt").Type.PrimitiveKind());
    }

    [TestMethod]
    public async Task Every_page_of_both_sets_reads_strictly_with_the_message_reader()
    {
        var model = await ODataFeedProtocolTests.ReadMetadataAsync(admin);
        foreach (var name in new[] { "Findings", "RectificationActions" })
        {
            var set = model.EntityContainer.FindEntitySet(name);
            var declared = set.EntityType().StructuralProperties().Select(p => p.Name).ToArray();
            string? next = $"/odata/{name}";
            var rows = 0;
            while (next is not null)
            {
                var (response, body) = await ODataFeedProtocolTests.GetAsync(admin, next);
                Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, name + ": " + Encoding.UTF8.GetString(body));
                var page = new ResponseMessage(response, body).ReadResourceSet(model, set, out var feed);
                foreach (var row in page)
                {
                    CollectionAssert.AreEquivalent(declared, row.Keys.ToArray(), name);
                }

                rows += page.Count;
                next = feed?.NextPageLink?.ToString();
            }

            Assert.IsGreaterThan(50, rows, $"{name} spans several pages");
        }

        // Chinese status and its code, the date types and explicit nulls as the reader gives them.
        var (r, b) = await ODataFeedProtocolTests.GetAsync(admin, "/odata/RectificationActions?$filter=Deadline eq null and StatusCode eq 'NotStarted'&$top=1");
        var action = new ResponseMessage(r, b).ReadResourceSet(model, model.EntityContainer.FindEntitySet("RectificationActions"), out _).Single();
        Assert.AreEqual("未启动", action["Status"]);
        Assert.AreEqual("未销号", action["VerificationState"]);
        Assert.IsNull(action["Deadline"]);
        Assert.IsNull(action["CompletedOn"]);
        Assert.IsFalse((bool)action["IsOverdue"]!);

        (r, b) = await ODataFeedProtocolTests.GetAsync(admin, "/odata/RectificationActions?$filter=VerificationStateCode eq 'Closed'&$top=1");
        action = new ResponseMessage(r, b).ReadResourceSet(model, model.EntityContainer.FindEntitySet("RectificationActions"), out _).Single();
        Assert.AreEqual("已完成", action["Status"]);
        Assert.AreEqual("销号", action["VerificationState"]);
        Assert.IsInstanceOfType<Microsoft.OData.Edm.Date>(action["CompletedOn"]);
        Assert.AreEqual("admin", action["VerifierName"]);
        StringAssert.StartsWith((string)action["VerifierConclusion"]!, "佐证齐全");
    }

    [TestMethod]
    public async Task Action_filters_on_status_deadline_dates_and_verification_match_linq_to_objects()
    {
        foreach (var (filter, predicate) in ActionCases)
        {
            await ODataFeedFilterTests.AssertFilterAsync(admin, "RectificationActions", filter, predicate, a => a.Id);
        }
    }

    [TestMethod]
    public async Task Overdue_is_a_past_deadline_on_the_day_of_the_request_of_an_action_not_completed()
    {
        var today = TodayInChina();
        var rows = await ODataFeedFilterTests.RowsAsync<RectificationActionRow>(admin, "/odata/RectificationActions");
        Assert.IsTrue(rows.Any(r => r.IsOverdue) && rows.Any(r => !r.IsOverdue && r.Deadline < today), "both kinds present");
        foreach (var row in rows)
        {
            Assert.AreEqual(row.StatusCode != "Completed" && row.Deadline < today, row.IsOverdue, $"action {row.Id} ({row.Status}, {row.Deadline})");
        }
    }

    [TestMethod]
    public async Task Finding_filters_on_source_severity_dimension_and_text_match_linq_to_objects()
    {
        (string, Func<FindingRow, bool>)[] cases =
        [
            ("SourceCode eq 'InspectionTour' or Source eq '审计'", f => f.SourceCode == "InspectionTour" || f.Source == "审计"),
            ("Severity ne '一般'", f => f.Severity != "一般"),
            ("DimensionName eq '服务质量'", f => f.DimensionName == "服务质量"),
            ("DimensionCode eq null", f => f.DimensionCode == null),
            ("ItemId ne null and startswith(Aspect,'服务')", f => f.ItemId != null && f.Aspect.StartsWith("服务", StringComparison.Ordinal)),
            ("contains(Description,'推诿') or CycleYear eq 2022", f => f.Description.Contains("推诿", StringComparison.Ordinal) || f.CycleYear == 2022),
            ("year(CreatedAt) ge 2020 and Order le 5", f => f.CreatedAt.UtcDateTime.Year >= 2020 && f.Order <= 5),
            ("CenterId in (1, 2)", f => f.CenterId is 1 or 2),
        ];
        foreach (var (filter, predicate) in cases)
        {
            await ODataFeedFilterTests.AssertFilterAsync(admin, "Findings", filter, predicate, f => f.Id);
        }
    }

    [TestMethod]
    public async Task Power_BI_sequence_over_rectification_actions_reads_every_row_exactly_once()
    {
        Assert.AreEqual(HttpStatusCode.OK, (await ODataFeedProtocolTests.GetAsync(admin, "/odata")).Response.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await ODataFeedProtocolTests.GetAsync(admin, "/odata/$metadata")).Response.StatusCode);
        var preview = await ODataFeedProtocolTests.ReadAllAsync(admin, "/odata/RectificationActions?$top=1000");
        var all = await ODataFeedProtocolTests.ReadAllAsync(admin, "/odata/RectificationActions");
        var (countResponse, countBody) = await ODataFeedProtocolTests.GetAsync(admin, "/odata/RectificationActions/$count");
        Assert.AreEqual("text/plain", countResponse.Content.Headers.ContentType?.MediaType);
        var count = int.Parse(Encoding.UTF8.GetString(countBody), System.Globalization.CultureInfo.InvariantCulture);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        var stored = await db.RectificationActions.Select(a => a.Id).OrderBy(id => id).ToListAsync();
        Assert.IsGreaterThan(50, stored.Count, "more rows than a page");
        Assert.AreEqual(stored.Count, count);
        CollectionAssert.AreEqual(stored, all, "every row once, in key order");
        CollectionAssert.AreEqual(stored.Take(1000).ToList(), preview);

        var ordered = await ODataFeedProtocolTests.ReadAllAsync(admin, "/odata/RectificationActions?$orderby=Deadline desc,Status");
        CollectionAssert.AreEquivalent(stored, ordered, "paging under an order is complete too");
        Assert.HasCount(ordered.Count, ordered.Distinct());
    }

    [TestMethod]
    public async Task Center_staff_see_only_their_own_centers_ledger_in_every_cycle()
    {
        using var staff = host.As(ODataFeedData.Staff);
        var actions = await ODataFeedFilterTests.RowsAsync<RectificationActionRow>(staff, "/odata/RectificationActions");
        Assert.IsNotEmpty(actions);
        Assert.IsTrue(actions.All(a => a.CenterId == ODataFeedData.StaffCenterId));
        CollectionAssert.AreEquivalent(new[] { 2021, 2022 }, actions.Select(a => a.CycleYear).Distinct().ToArray(), "its own ledger also in the open cycle");
        var findings = await ODataFeedFilterTests.RowsAsync<FindingRow>(staff, "/odata/Findings");
        Assert.IsTrue(findings.All(f => f.CenterId == ODataFeedData.StaffCenterId));
        Assert.AreEqual("0", Encoding.UTF8.GetString((await ODataFeedProtocolTests.GetAsync(staff, $"/odata/RectificationActions/$count?$filter=CenterId ne {ODataFeedData.StaffCenterId}")).Body));

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        var own = await db.RectificationActions.CountAsync(a => db.Findings.Any(f => f.Id == a.FindingId
            && db.RectificationLedgers.Any(l => l.Id == f.LedgerId && l.CenterId == ODataFeedData.StaffCenterId)));
        Assert.HasCount(own, actions, "all of its own");
    }

    [TestMethod]
    public async Task Analysts_see_ledgers_of_published_cycles_inspectors_those_of_their_centers_and_others_nothing()
    {
        using var analyst = host.As(ODataFeedData.Analyst);
        var analystRows = await ODataFeedFilterTests.RowsAsync<RectificationActionRow>(analyst, "/odata/RectificationActions");
        var all = await ODataFeedFilterTests.RowsAsync<RectificationActionRow>(admin, "/odata/RectificationActions");
        CollectionAssert.AreEquivalent(all.Where(a => a.CycleYear == 2021).Select(a => a.Id).ToArray(), analystRows.Select(a => a.Id).ToArray());
        Assert.IsTrue(all.Any(a => a.CycleYear == 2022), "the bureau sees the open cycle's ledgers");
        var analystFindings = await ODataFeedFilterTests.RowsAsync<FindingRow>(analyst, "/odata/Findings");
        Assert.IsTrue(analystFindings.Count > 0 && analystFindings.All(f => f.CycleYear == 2021));

        using var inspector = host.As(ODataFeedData.Inspector);
        var inspected = await ODataFeedFilterTests.RowsAsync<RectificationActionRow>(inspector, "/odata/RectificationActions");
        Assert.IsNotEmpty(inspected);
        Assert.IsTrue(inspected.All(a => a.CenterId == ODataFeedData.InspectedCenterId));

        using var nobody = host.As(ODataFeedData.NoRole);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await ODataFeedProtocolTests.GetAsync(nobody, "/odata/RectificationActions")).Response.StatusCode);
    }

    [TestMethod]
    public async Task Expanding_an_action_brings_its_finding_center_and_cycle_within_the_scope()
    {
        using var staff = host.As(ODataFeedData.Staff);
        var (response, body) = await ODataFeedProtocolTests.GetAsync(staff, "/odata/RectificationActions?$select=Id,FindingId,FindingDescription&$expand=Finding($select=Id,Description,Source),Center($select=Id,Name),Cycle&$top=100");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, Encoding.UTF8.GetString(body));
        var model = await ODataFeedProtocolTests.ReadMetadataAsync(staff);
        var rows = new ResponseMessage(response, body).ReadResourceSet(model, model.EntityContainer.FindEntitySet("RectificationActions"), out _);
        Assert.IsNotEmpty(rows);
        foreach (var row in rows)
        {
            var finding = (Dictionary<string, object?>)row["Finding"]!;
            Assert.AreEqual(row["FindingId"], finding["Id"]);
            Assert.AreEqual(row["FindingDescription"], finding["Description"]);
            Assert.AreEqual(ODataFeedData.StaffCenterId, ((Dictionary<string, object?>)row["Center"]!)["Id"]);
        }

        Assert.IsTrue(rows.Any(r => r["Cycle"] is Dictionary<string, object?> c && (int)c["Year"]! == 2021));

        // Without $select: every property plus the expanded finding.
        (response, body) = await ODataFeedProtocolTests.GetAsync(staff, "/odata/RectificationActions?$expand=Finding&$top=20");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, Encoding.UTF8.GetString(body));
        using var json = JsonDocument.Parse(body);
        foreach (var row in json.RootElement.GetProperty("value").EnumerateArray())
        {
            var finding = row.GetProperty("Finding");
            Assert.AreEqual(row.GetProperty("FindingId").GetInt32(), finding.GetProperty("Id").GetInt32());
            Assert.AreEqual(row.GetProperty("CenterId").GetInt32(), finding.GetProperty("CenterId").GetInt32());
            Assert.AreEqual(row.GetProperty("Aspect").GetString(), finding.GetProperty("Aspect").GetString());
        }
    }

    [TestMethod]
    public async Task Each_page_is_one_sql_query_with_the_literals_and_the_request_date_as_parameters()
    {
        foreach (var (filter, _) in ActionCases)
        {
            host.Sql.Clear();
            var (response, _) = await ODataFeedProtocolTests.GetAsync(admin, "/odata/RectificationActions?$filter=" + Uri.EscapeDataString(filter));
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, filter);
            var commands = host.Sql.Where(s => s.Contains("\"RectificationActions\"", StringComparison.Ordinal)).ToList();
            Assert.HasCount(1, commands, filter);
            StringAssert.Contains(commands[0], "WHERE", filter);
        }

        host.Sql.Clear();
        var (r, b) = await ODataFeedProtocolTests.GetAsync(admin, "/odata/RectificationActions?$filter=" + Uri.EscapeDataString("Deadline lt 2023-01-01 and Status eq '正在整改' and IsOverdue") + "&$orderby=Deadline desc&$top=5");
        Assert.AreEqual(HttpStatusCode.OK, r.StatusCode, Encoding.UTF8.GetString(b));
        var page = host.Sql.Single(s => s.Contains("\"RectificationActions\"", StringComparison.Ordinal));
        StringAssert.Contains(page, "ORDER BY");
        StringAssert.Contains(page, "LIMIT");
        Assert.DoesNotContain("2023-01-01", page, "the literal is a parameter");
        Assert.DoesNotContain(TodayInChina().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), page, "the request's date is a parameter");
        StringAssert.Contains(page, "< @today", "overdue is computed in the database");
        Assert.DoesNotContain("= '正在整改'", page, "the literal is a parameter");

        host.Sql.Clear();
        (r, b) = await ODataFeedProtocolTests.GetAsync(admin, "/odata/Findings?$filter=" + Uri.EscapeDataString("DimensionName eq '服务质量' and Severity eq '一般'"));
        Assert.AreEqual(HttpStatusCode.OK, r.StatusCode, Encoding.UTF8.GetString(b));
        page = host.Sql.Single(s => s.Contains("\"Findings\"", StringComparison.Ordinal));
        StringAssert.Contains(page, "WHERE");
        Assert.DoesNotContain("'服务质量'", page, "the literal is a parameter");
    }

    [TestMethod]
    public async Task A_status_change_moves_the_actions_ModifiedAt_so_incremental_refresh_picks_it_up()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        int changed;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
            var ledgers = scope.ServiceProvider.GetRequiredService<LedgerService>();
            var action = await db.RectificationActions.Where(a => a.Status == ActionStatus.NotStarted).OrderByDescending(a => a.Id).FirstAsync();
            await ledgers.SetStatusAsync(action, new StatusRequest(ActionStatus.InProgress, null, "已启动"), null);
            changed = action.Id;
        }

        var since = before.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        var rows = await ODataFeedFilterTests.RowsAsync<RectificationActionRow>(admin, "/odata/RectificationActions?$filter=" + Uri.EscapeDataString($"ModifiedAt gt {since}"));
        Assert.AreEqual(changed, rows.Single().Id);
        Assert.AreEqual("正在整改", rows.Single().Status);
    }
}
