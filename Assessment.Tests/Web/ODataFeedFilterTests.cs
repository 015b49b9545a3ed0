using System.Net;
using System.Text;
using System.Text.Json;
using Assessment.Web.OData.Sets;

namespace Assessment.Tests.Web;

/// <summary>
/// Every kind of <c>$filter</c> gives the rows LINQ-to-objects gives on the same data, and runs in the
/// database as parameterized SQL (an expression EF cannot translate would fail the request with 500).
/// </summary>
[TestClass]
public sealed class ODataFeedFilterTests
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

    private static readonly JsonSerializerOptions Json = new();

    internal static async Task<List<T>> RowsAsync<T>(HttpClient client, string url)
    {
        var rows = new List<T>();
        string? next = url;
        while (next is not null)
        {
            var (response, body) = await ODataFeedProtocolTests.GetAsync(client, next);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, url + ": " + Encoding.UTF8.GetString(body));
            using var document = JsonDocument.Parse(body);
            rows.AddRange(document.RootElement.GetProperty("value").Deserialize<List<T>>(Json)!);
            next = document.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return rows;
    }

    internal static async Task AssertFilterAsync<T>(HttpClient client, string set, string filter, Func<T, bool> predicate, Func<T, object> key)
    {
        var all = await RowsAsync<T>(client, $"/odata/{set}");
        var expected = all.Where(predicate).Select(key).ToList();
        Assert.IsTrue(expected.Count > 0 && expected.Count < all.Count, $"{set}?$filter={filter} selects some rows but not all ({expected.Count} of {all.Count})");
        var actual = (await RowsAsync<T>(client, $"/odata/{set}?$filter={Uri.EscapeDataString(filter)}")).Select(key).ToList();
        CollectionAssert.AreEqual(expected, actual, $"{set}?$filter={filter}: expected {expected.Count} rows, got {actual.Count}");
    }

    internal static readonly (string Filter, Func<AssessmentRow, bool> Predicate)[] AssessmentCases =
    [
        ("Revision eq 2", a => a.Revision == 2),
        ("Total gt 80", a => a.Total > 80),
        ("Total ge 80 and Kind eq 'Inspection'", a => a.Total >= 80 && a.Kind == "Inspection"),
        ("not (CycleYear eq 2021) or Grade eq '优秀'", a => a.CycleYear != 2021 || a.Grade == "优秀"),
        ("Total add 10 gt 95", a => a.Total + 10 > 95),
        ("Total sub 5 lt 70", a => a.Total - 5 < 70),
        ("Total mul 2 gt 170", a => a.Total * 2 > 170),
        ("Total div 2 lt 40", a => a.Total / 2 < 40),
        ("CenterId mod 3 eq 1", a => a.CenterId % 3 == 1),
        ("-Revision lt -1", a => -a.Revision < -1),
        ("CenterId in (1, 3, 5)", a => a.CenterId is 1 or 3 or 5),
        ("Status in ('Draft', 'Submitted')", a => a.Status is "Draft" or "Submitted"),
        ("Grade eq null", a => a.Grade == null),
        ("Total ne null and CycleYear eq 2022", a => a.Total != null && a.CycleYear == 2022),
        ("IsVetoed eq true", a => a.IsVetoed == true),
        ("IsCurrentRevision", a => a.IsCurrentRevision),
        ("not IsCurrentRevision", a => !a.IsCurrentRevision),
        ("contains(CenterName,'西宁')", a => a.CenterName.Contains("西宁", StringComparison.Ordinal)),
        ("startswith(CenterCode,'QH-H')", a => a.CenterCode.StartsWith("QH-H", StringComparison.Ordinal)),
        ("endswith(CenterName,'市公共资源交易中心')", a => a.CenterName.EndsWith("市公共资源交易中心", StringComparison.Ordinal)),
        ("tolower(CenterCode) eq 'qh-xn-01'", a => string.Equals(a.CenterCode.ToLowerInvariant(), "qh-xn-01", StringComparison.Ordinal)),
        ("toupper(concat(tolower(CenterCode),'x')) eq 'QH-HB-03X'", a => string.Equals((a.CenterCode.ToLowerInvariant() + "x").ToUpperInvariant(), "QH-HB-03X", StringComparison.Ordinal)),
        ("length(CenterName) gt 11", a => a.CenterName.Length > 11),
        ("indexof(CenterName,'第') eq 2", a => a.CenterName.IndexOf('第', StringComparison.Ordinal) == 2),
        ("substring(CenterCode,3) eq 'XN-01'", a => a.CenterCode[3..] == "XN-01"),
        ("substring(CenterCode,0,5) eq 'QH-HD'", a => a.CenterCode[..5] == "QH-HD"),
        ("concat(concat(CenterCode,'/'),Kind) eq 'QH-XN-01/Inspection'", a => a.CenterCode + "/" + a.Kind == "QH-XN-01/Inspection"),
        ("year(FinalizedAt) eq 2021", a => a.FinalizedAt?.UtcDateTime.Year == 2021),
        ("month(FinalizedAt) eq 12 and day(FinalizedAt) ge 15", a => a.FinalizedAt?.UtcDateTime.Month == 12 && a.FinalizedAt?.UtcDateTime.Day >= 15),
        ("hour(FinalizedAt) lt 12", a => a.FinalizedAt?.UtcDateTime.Hour < 12),
        ("minute(FinalizedAt) ge 30", a => a.FinalizedAt?.UtcDateTime.Minute >= 30),
        ("second(FinalizedAt) eq 0", a => a.FinalizedAt?.UtcDateTime.Second == 0),
        ("date(FinalizedAt) eq 2021-12-20", a => a.FinalizedAt is { } f && DateOnly.FromDateTime(f.UtcDateTime) == new DateOnly(2021, 12, 20)),
        ("date(FinalizedAt) lt 2022-12-15", a => a.FinalizedAt is { } f && DateOnly.FromDateTime(f.UtcDateTime) < new DateOnly(2022, 12, 15)),
        ("FinalizedAt gt 2021-12-15T00:00:00Z", a => a.FinalizedAt > new DateTimeOffset(2021, 12, 15, 0, 0, 0, TimeSpan.Zero)),
        ("FinalizedAt lt 2022-12-15T08:00:00+08:00", a => a.FinalizedAt < new DateTimeOffset(2022, 12, 15, 8, 0, 0, TimeSpan.FromHours(8))),
        ("SubmittedAt eq null", a => a.SubmittedAt == null),
    ];

    [TestMethod]
    public async Task Assessment_filters_of_every_kind_match_linq_to_objects()
    {
        foreach (var (filter, predicate) in AssessmentCases)
        {
            await AssertFilterAsync(admin, "Assessments", filter, predicate, a => a.Id);
        }
    }

    [TestMethod]
    public async Task Filters_on_centers_cycles_scores_rankings_and_criteria_match_linq_to_objects()
    {
        await AssertFilterAsync<CenterRow>(admin, "Centers", "trim(Address) eq Address", c => c.Address?.Trim() == c.Address, c => c.Id);
        await AssertFilterAsync<CenterRow>(admin, "Centers", "ContactPhone eq null or ContactPerson eq null", c => c.ContactPhone == null || c.ContactPerson == null, c => c.Id);
        await AssertFilterAsync<CenterRow>(admin, "Centers", "ParentRegionName eq '青海省' and Level eq 'Prefecture'", c => c.ParentRegionName == "青海省" && c.Level == "Prefecture", c => c.Id);
        await AssertFilterAsync<CycleRow>(admin, "Cycles", "ScheduleStart ge 2022-01-01", c => c.ScheduleStart >= new DateOnly(2022, 1, 1), c => c.Id);
        await AssertFilterAsync<CycleRow>(admin, "Cycles", "year(ScheduleStart) eq 2021 and month(ScheduleEnd) eq 12 and day(ScheduleEnd) eq 17",
            c => c.ScheduleStart.Year == 2021 && c.ScheduleEnd.Month == 12 && c.ScheduleEnd.Day == 17, c => c.Id);
        await AssertFilterAsync<CycleRow>(admin, "Cycles", "PublishedAt ne null", c => c.PublishedAt != null, c => c.Id);
        await AssertFilterAsync<ItemScoreRow>(admin, "ItemScores", "Points div MaxPoints ge 0.7", i => i.Points / i.MaxPoints >= 0.7m, i => i.Id);
        await AssertFilterAsync<ItemScoreRow>(admin, "ItemScores", "Points eq null", i => i.Points == null, i => i.Id);
        await AssertFilterAsync<ItemScoreRow>(admin, "ItemScores", "MaxPoints sub Points gt 0.5 and Status eq 'Scored'", i => i.MaxPoints - i.Points > 0.5m && i.Status == "Scored", i => i.Id);
        await AssertFilterAsync<DimensionScoreRow>(admin, "DimensionScores", "Score ge Weight mul 0.8", d => d.Score >= d.Weight * 0.8m, d => d.Id);
        await AssertFilterAsync<RankingRow>(admin, "Rankings", "Rank le 3 or IsDemonstration", r => r.Rank <= 3 || r.IsDemonstration, r => r.Id);
        await AssertFilterAsync<RankingRow>(admin, "Rankings", "IsDemonstration eq false and Percentile ge 50", r => !r.IsDemonstration && r.Percentile >= 50, r => r.Id);
        await AssertFilterAsync<CriteriaItemRow>(admin, "CriteriaItems", "MaxPoints ge 3 and DimensionCode eq 'A'", c => c.MaxPoints >= 3 && c.DimensionCode == "A", c => c.Key);
        await AssertFilterAsync<CriteriaItemRow>(admin, "CriteriaItems", "contains(Title,'网上') or EffectiveDate gt 2022-01-01", c => c.Title.Contains("网上", StringComparison.Ordinal) || c.EffectiveDate > new DateOnly(2022, 1, 1), c => c.Key);
    }

    [TestMethod]
    public async Task Filters_run_in_the_database_with_the_literals_as_parameters()
    {
        host.Sql.Clear();
        var (response, body) = await ODataFeedProtocolTests.GetAsync(admin, "/odata/Assessments?$filter=" + Uri.EscapeDataString("Total gt 87.25 and contains(CenterName,'西宁') and year(FinalizedAt) eq 2021") + "&$orderby=Total desc&$top=5");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, Encoding.UTF8.GetString(body));
        var sql = host.Sql.ToArray();
        var page = sql.Single(s => s.Contains("ORDER BY", StringComparison.Ordinal));
        StringAssert.Contains(page, "WHERE");
        StringAssert.Contains(page, "strftime");
        StringAssert.Contains(page, "LIMIT");
        Assert.DoesNotContain("87.25", page, "the literal is a parameter");
        Assert.DoesNotContain("西宁", page, "the literal is a parameter");
        Assert.DoesNotContain("2021", page, "the literal is a parameter");
    }

    [TestMethod]
    public async Task Every_assessment_filter_is_one_sql_query_per_page_with_its_condition_in_the_where_clause()
    {
        foreach (var (filter, _) in AssessmentCases)
        {
            host.Sql.Clear();
            var (response, _) = await ODataFeedProtocolTests.GetAsync(admin, "/odata/Assessments?$filter=" + Uri.EscapeDataString(filter));
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, filter);
            var commands = host.Sql.Where(s => s.Contains("\"Assessments\"", StringComparison.Ordinal)).ToList();
            Assert.HasCount(1, commands, filter);
            StringAssert.Contains(commands[0], "WHERE", filter);
        }
    }
}
