using System.Net;
using System.Text;
using System.Text.Json;

namespace Assessment.Tests.Web;

/// <summary>Every limit and every unsupported feature answers with a status and an OData error body, never silently.</summary>
[TestClass]
public sealed class ODataFeedLimitTests
{
    private static ODataFeedHost host = null!;
    private static HttpClient admin = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        host = await ODataFeedHost.StartSqliteAsync(new() { ["OData:MaxTop"] = "5000" });
        admin = host.As(ODataFeedData.Admin);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        admin.Dispose();
        await host.DisposeAsync();
    }

    private static async Task<string> AssertErrorAsync(HttpClient client, string url, HttpStatusCode status, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, new Uri(url, UriKind.Relative));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(status, response.StatusCode, url + ": " + body);
        Assert.AreEqual("application/json", response.Content.Headers.ContentType?.MediaType, url);
        Assert.AreEqual("4.0", response.Headers.GetValues("OData-Version").Single(), url);
        using var json = JsonDocument.Parse(body);
        var error = json.RootElement.GetProperty("error");
        Assert.IsFalse(string.IsNullOrWhiteSpace(error.GetProperty("code").GetString()), url);
        var message = error.GetProperty("message").GetString();
        Assert.IsFalse(string.IsNullOrWhiteSpace(message), url);
        return message!;
    }

    [TestMethod]
    public async Task Unsupported_query_options_and_batch_are_answered_501()
    {
        await AssertErrorAsync(admin, "/odata/Assessments?$apply=aggregate(Total with average as Mean)", HttpStatusCode.NotImplemented);
        await AssertErrorAsync(admin, "/odata/Assessments?$search=西宁", HttpStatusCode.NotImplemented);
        await AssertErrorAsync(admin, "/odata/Assessments?$compute=Total mul 2 as Double", HttpStatusCode.NotImplemented);
        await AssertErrorAsync(admin, "/odata/$batch", HttpStatusCode.NotImplemented, HttpMethod.Post);
        await AssertErrorAsync(admin, "/odata/$batch", HttpStatusCode.NotImplemented);
        await AssertErrorAsync(admin, "/odata/ItemScores?$expand=Assessment($filter=Total gt 1)", HttpStatusCode.NotImplemented);
        await AssertErrorAsync(admin, "/odata/Centers(1)", HttpStatusCode.NotImplemented);
        await AssertErrorAsync(admin, "/odata/Centers?$filter=" + Uri.EscapeDataString("round(Id) eq 1"), HttpStatusCode.NotImplemented);
    }

    [TestMethod]
    public async Task Deeper_expand_is_refused()
    {
        var message = await AssertErrorAsync(admin, "/odata/ItemScores?$expand=Assessment($expand=Center)", HttpStatusCode.BadRequest);
        Assert.IsFalse(string.IsNullOrWhiteSpace(message));
    }

    [TestMethod]
    public async Task Malformed_queries_are_400_with_an_OData_error()
    {
        await AssertErrorAsync(admin, "/odata/Assessments?$filter=" + Uri.EscapeDataString("Total gtx 5"), HttpStatusCode.BadRequest);
        await AssertErrorAsync(admin, "/odata/Assessments?$filter=" + Uri.EscapeDataString("NoSuchColumn eq 1"), HttpStatusCode.BadRequest);
        await AssertErrorAsync(admin, "/odata/Assessments?$filter=" + Uri.EscapeDataString("Total eq 'text'"), HttpStatusCode.BadRequest);
        await AssertErrorAsync(admin, "/odata/Assessments?$orderby=Nothing", HttpStatusCode.BadRequest);
        await AssertErrorAsync(admin, "/odata/Assessments?$top=-1", HttpStatusCode.BadRequest);
        await AssertErrorAsync(admin, "/odata/Assessments?$skiptoken=garbage", HttpStatusCode.BadRequest);
        await AssertErrorAsync(admin, "/odata/Assessments?$unknown=1", HttpStatusCode.BadRequest);
        await AssertErrorAsync(admin, "/odata/Assessments?$top=1&$top=2", HttpStatusCode.BadRequest);
        await AssertErrorAsync(admin, "/odata/Assessments?$format=xml", HttpStatusCode.NotAcceptable);
        await AssertErrorAsync(admin, "/odata/NoSuchSet", HttpStatusCode.NotFound);
        await AssertErrorAsync(admin, "/odata/$metadata?$format=json", HttpStatusCode.NotAcceptable);
        await AssertErrorAsync(admin, "/odata/$metadata?$top=1", HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task Top_up_to_MaxTop_is_served_and_beyond_it_refused()
    {
        using var response = await admin.GetAsync(new Uri("/odata/ItemScores?$top=5000", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var message = await AssertErrorAsync(admin, "/odata/ItemScores?$top=5001", HttpStatusCode.BadRequest);
        StringAssert.Contains(message, "5000");
    }

    [TestMethod]
    public async Task Filters_beyond_the_node_limit_and_too_many_orderby_keys_are_refused()
    {
        var small = string.Join(" or ", Enumerable.Range(1, 20).Select(i => $"Id eq {i}"));
        using var fine = await admin.GetAsync(new Uri("/odata/Centers?$filter=" + Uri.EscapeDataString(small), UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, fine.StatusCode);

        var large = string.Join(" or ", Enumerable.Range(1, 40).Select(i => $"Id eq {i}"));
        StringAssert.Contains(await AssertErrorAsync(admin, "/odata/Centers?$filter=" + Uri.EscapeDataString(large), HttpStatusCode.BadRequest), "100");
        var longIn = "Id in (" + string.Join(",", Enumerable.Range(1, 150)) + ")";
        await AssertErrorAsync(admin, "/odata/Centers?$filter=" + Uri.EscapeDataString(longIn), HttpStatusCode.BadRequest);
        await AssertErrorAsync(admin, "/odata/Centers?$orderby=Code,Name,Level,RegionId,RegionCode,RegionName", HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task A_url_longer_than_the_limit_is_refused_with_414()
    {
        var filter = "contains(Name,'" + new string('x', 5000) + "')";
        await AssertErrorAsync(admin, "/odata/Centers?$filter=" + filter, HttpStatusCode.RequestUriTooLong);
    }

    [TestMethod]
    public async Task A_query_over_the_time_budget_is_cancelled_with_a_clear_error()
    {
        // A clock on which the one-second budget has run out by the time the query starts.
        await using var slow = await ODataFeedHost.StartSqliteAsync(new() { ["OData:TimeBudget"] = "00:00:01" }, new ExpiredTimers());
        using var client = slow.As(ODataFeedData.Admin);
        var message = await AssertErrorAsync(client, "/odata/ItemScores?$count=true", HttpStatusCode.ServiceUnavailable);
        StringAssert.Contains(message, "时限");
    }

    [TestMethod]
    public async Task Requests_beyond_the_rate_limit_are_refused_with_429_per_user()
    {
        await using var limited = await ODataFeedHost.StartSqliteAsync(new() { ["OData:RateLimitPermits"] = "3", ["OData:RateLimitWindow"] = "00:10:00" });
        using var analyst = limited.As(ODataFeedData.Analyst);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await analyst.GetAsync(new Uri("/odata/Cycles", UriKind.Relative));
            Assert.AreEqual(HttpStatusCode.OK, ok.StatusCode);
        }

        await AssertErrorAsync(analyst, "/odata/Cycles", HttpStatusCode.TooManyRequests);
        using var other = limited.As(ODataFeedData.Admin);
        using var otherUser = await other.GetAsync(new Uri("/odata/Cycles", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, otherUser.StatusCode, "the limit is per user");
    }

    [TestMethod]
    public async Task The_limits_are_options_with_safe_defaults()
    {
        var defaults = new Assessment.Web.OData.ODataFeedOptions();
        Assert.AreEqual(1000, defaults.PageSize);
        Assert.IsGreaterThanOrEqualTo(1000, defaults.MaxTop);
        Assert.IsLessThan(TimeSpan.FromSeconds(600), defaults.TimeBudget);
        var (response, body) = await ODataFeedProtocolTests.GetAsync(admin, "/odata/ItemScores?$top=1000");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, Encoding.UTF8.GetString(body));
    }

    /// <summary>Timers due within a minute fire at once: a query "takes" longer than any short budget.</summary>
    private sealed class ExpiredTimers : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime < TimeSpan.FromMinutes(1))
            {
                callback(state);
            }

            return System.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }
}
