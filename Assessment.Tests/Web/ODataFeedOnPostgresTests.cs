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
}
