using System.Net;
using System.Text;
using Assessment.Web.OData.Sets;

namespace Assessment.Tests.Web;

/// <summary>The key feed behaviours on PostgreSQL: every filter kind, paging, scopes, SQL with parameters.</summary>
[TestClass]
public sealed class ODataFeedOnPostgresTests
{
    private static PostgresServer server = null!;
    private static ODataFeedHost? host;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        server = await PostgresServer.ConnectAsync();
        if (server.IsReachable)
        {
            host = await ODataFeedHost.StartPostgresAsync(server);
        }
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    private static ODataFeedHost Host
    {
        get
        {
            server.Require();
            return host!;
        }
    }

    [TestMethod]
    public async Task Filters_of_every_kind_match_linq_to_objects_on_PostgreSQL()
    {
        using var admin = Host.As(ODataFeedData.Admin);
        foreach (var (filter, predicate) in ODataFeedFilterTests.AssessmentCases)
        {
            await ODataFeedFilterTests.AssertFilterAsync(admin, "Assessments", filter, predicate, a => a.Id);
        }

        await ODataFeedFilterTests.AssertFilterAsync<CycleRow>(admin, "Cycles", "year(ScheduleStart) eq 2021 and day(ScheduleEnd) eq 17",
            c => c.ScheduleStart.Year == 2021 && c.ScheduleEnd.Day == 17, c => c.Id);
        await ODataFeedFilterTests.AssertFilterAsync<ItemScoreRow>(admin, "ItemScores", "Points div MaxPoints ge 0.7", i => i.Points / i.MaxPoints >= 0.7m, i => i.Id);
    }

    [TestMethod]
    public async Task Paged_extraction_reads_every_row_once_on_PostgreSQL()
    {
        using var admin = Host.As(ODataFeedData.Admin);
        var ids = await ODataFeedProtocolTests.ReadAllAsync(admin, "/odata/ItemScores");
        var (_, count) = await ODataFeedProtocolTests.GetAsync(admin, "/odata/ItemScores/$count");
        Assert.AreEqual(int.Parse(Encoding.UTF8.GetString(count), System.Globalization.CultureInfo.InvariantCulture), ids.Count);
        Assert.HasCount(ids.Count, ids.Distinct());
        var ordered = await ODataFeedProtocolTests.ReadAllAsync(admin, "/odata/ItemScores?$orderby=Points desc,CenterName");
        CollectionAssert.AreEquivalent(ids, ordered);
    }

    [TestMethod]
    public async Task Center_staff_see_only_their_center_on_PostgreSQL()
    {
        using var staff = Host.As(ODataFeedData.Staff);
        var rows = await ODataFeedFilterTests.RowsAsync<AssessmentRow>(staff, "/odata/Assessments");
        Assert.IsNotEmpty(rows);
        Assert.IsTrue(rows.All(r => r.CenterId == ODataFeedData.StaffCenterId));
        var centers = await ODataFeedFilterTests.RowsAsync<CenterRow>(staff, "/odata/Centers");
        Assert.AreEqual(ODataFeedData.StaffCenterId, centers.Single().Id);
    }

    [TestMethod]
    public async Task Literals_are_sent_as_parameters_on_PostgreSQL()
    {
        using var admin = Host.As(ODataFeedData.Admin);
        Host.Sql.Clear();
        var (response, body) = await ODataFeedProtocolTests.GetAsync(admin, "/odata/Assessments?$filter=" + Uri.EscapeDataString("Total gt 87.25 and contains(CenterName,'西宁') and year(FinalizedAt) eq 2021"));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, Encoding.UTF8.GetString(body));
        var page = Host.Sql.Single(s => s.Contains("\"Assessments\"", StringComparison.Ordinal));
        StringAssert.Contains(page, "WHERE");
        Assert.DoesNotContain("87.25", page);
        Assert.DoesNotContain("西宁", page);
        Assert.DoesNotContain("2021", page);
    }

    [TestMethod]
    public async Task Rectification_action_filters_match_linq_to_objects_on_PostgreSQL()
    {
        using var admin = Host.As(ODataFeedData.Admin);
        foreach (var (filter, predicate) in ODataFeedRectificationTests.ActionCases)
        {
            await ODataFeedFilterTests.AssertFilterAsync(admin, "RectificationActions", filter, predicate, a => a.Id);
        }

        await ODataFeedFilterTests.AssertFilterAsync<FindingRow>(admin, "Findings", "DimensionName eq '服务质量' or SourceCode eq 'Audit'",
            f => f.DimensionName == "服务质量" || f.SourceCode == "Audit", f => f.Id);
        var today = ODataFeedRectificationTests.TodayInChina();
        var rows = await ODataFeedFilterTests.RowsAsync<RectificationActionRow>(admin, "/odata/RectificationActions");
        Assert.IsTrue(rows.Any(r => r.IsOverdue));
        Assert.IsTrue(rows.All(r => r.IsOverdue == (r.StatusCode != "Completed" && r.Deadline < today)));
    }

    [TestMethod]
    public async Task Rectification_actions_page_completely_and_center_staff_see_only_their_own_on_PostgreSQL()
    {
        using var admin = Host.As(ODataFeedData.Admin);
        var ids = await ODataFeedProtocolTests.ReadAllAsync(admin, "/odata/RectificationActions?$top=1000");
        var (_, count) = await ODataFeedProtocolTests.GetAsync(admin, "/odata/RectificationActions/$count");
        Assert.AreEqual(int.Parse(Encoding.UTF8.GetString(count), System.Globalization.CultureInfo.InvariantCulture), ids.Count);
        Assert.HasCount(ids.Count, ids.Distinct());
        var ordered = await ODataFeedProtocolTests.ReadAllAsync(admin, "/odata/RectificationActions?$orderby=Deadline desc,Status");
        CollectionAssert.AreEquivalent(ids, ordered);

        using var staff = Host.As(ODataFeedData.Staff);
        var own = await ODataFeedFilterTests.RowsAsync<RectificationActionRow>(staff, "/odata/RectificationActions");
        Assert.IsNotEmpty(own);
        Assert.IsTrue(own.All(a => a.CenterId == ODataFeedData.StaffCenterId));
        using var analyst = Host.As(ODataFeedData.Analyst);
        var published = await ODataFeedFilterTests.RowsAsync<FindingRow>(analyst, "/odata/Findings");
        Assert.IsTrue(published.Count > 0 && published.All(f => f.CycleYear == 2021));

        Host.Sql.Clear();
        var (response, body) = await ODataFeedProtocolTests.GetAsync(admin, "/odata/RectificationActions?$filter=" + Uri.EscapeDataString("Deadline lt 2023-01-01 and IsOverdue and Status eq '正在整改'"));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, Encoding.UTF8.GetString(body));
        var page = Host.Sql.Single(s => s.Contains("\"RectificationActions\"", StringComparison.Ordinal));
        StringAssert.Contains(page, "WHERE");
        Assert.DoesNotContain("2023-01-01", page);
        Assert.DoesNotContain("= '正在整改'", page, "the literal is a parameter (the CASE mapping codes to names holds constants)");
        StringAssert.Contains(page, "< @today", "overdue compares with the request's date as a parameter");
    }
}
