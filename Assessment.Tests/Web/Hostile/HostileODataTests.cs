using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web.Hostile;

/// <summary>
/// The OData feed sent queries no Excel or Power BI would send: filters beyond the node limit, parentheses nested a
/// thousand deep, URLs beyond the limit, absurd <c>$top</c>/<c>$skip</c>, tampered and garbage skip tokens, unknown
/// properties, type mismatches, repeated options. Each is a 4xx with an OData error body in Chinese, nothing is
/// written, the feed keeps serving. Literals that look like SQL or LIKE patterns are parameters: they match only
/// themselves and the data comes back unchanged.
/// </summary>
[TestClass]
public sealed class HostileODataTests
{
    private const string InjectionName = "Robert'); DROP TABLE \"Centers\";--";
    private const string WildcardName = "100%_[中心]";

    private static ODataFeedHost host = null!;
    private static HttpClient admin = null!;

    private static string Token(string text) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));

    private static string Nested(int depth) => new string('(', depth) + "Id eq 1" + new string(')', depth);

    private static readonly (string Name, string Url, HttpStatusCode Status)[] Queries =
    [
        ("a filter of 60 comparisons (node limit)", "/odata/Centers?$filter=" + string.Join(" or ", Enumerable.Range(1, 60).Select(i => $"Id eq {i}")), HttpStatusCode.BadRequest),
        ("an in-list of 1,000 values", "/odata/Centers?$filter=Id in (" + string.Join(",", Enumerable.Range(1, 1000)) + ")", HttpStatusCode.BadRequest),
        ("parentheses nested 1,000 deep", "/odata/Centers?$filter=" + Nested(1000), HttpStatusCode.BadRequest),
        ("not() nested 500 deep", "/odata/Centers?$filter=" + string.Concat(Enumerable.Repeat("not(", 500)) + "Id eq 1" + new string(')', 500), HttpStatusCode.BadRequest),
        ("a URL of 10,000 characters", "/odata/Centers?$filter=" + Uri.EscapeDataString("Name eq '" + new string('x', 10_000) + "'"), HttpStatusCode.RequestUriTooLong),
        ("$top negative", "/odata/Centers?$top=-1", HttpStatusCode.BadRequest),
        ("$top beyond long", "/odata/Centers?$top=99999999999999999999", HttpStatusCode.BadRequest),
        ("$top beyond MaxTop", "/odata/Centers?$top=100001", HttpStatusCode.BadRequest),
        ("$top as text", "/odata/Centers?$top=all", HttpStatusCode.BadRequest),
        ("$top as 1e3", "/odata/Centers?$top=1e3", HttpStatusCode.BadRequest),
        ("$skip negative", "/odata/Centers?$skip=-5", HttpStatusCode.BadRequest),
        ("$skip beyond int", "/odata/Centers?$skip=3000000000", HttpStatusCode.BadRequest),
        ("$skip of long's largest value", "/odata/Centers?$skip=9223372036854775807", HttpStatusCode.BadRequest),
        ("$skip as text", "/odata/Centers?$skip=abc", HttpStatusCode.BadRequest),
        ("$skiptoken not base64", "/odata/Centers?$skiptoken=!!!***", HttpStatusCode.BadRequest),
        ("$skiptoken base64 of garbage", "/odata/Centers?$skiptoken=" + Token("\u0001\u0002garbage"), HttpStatusCode.BadRequest),
        ("$skiptoken tampered to a negative key", "/odata/Centers?$skiptoken=" + Token("k-1"), HttpStatusCode.BadRequest),
        ("$skiptoken tampered to a key beyond int", "/odata/Centers?$skiptoken=" + Token("k99999999999"), HttpStatusCode.BadRequest),
        ("$skiptoken tampered to an offset beyond int", "/odata/Centers?$orderby=Name&$skiptoken=" + Token("o9223372036854775807"), HttpStatusCode.BadRequest),
        ("$skiptoken tampered to an unknown kind", "/odata/Centers?$skiptoken=" + Token("z5"), HttpStatusCode.BadRequest),
        ("$skiptoken with an encoded NUL", "/odata/Centers?$skiptoken=%00", HttpStatusCode.BadRequest),
        ("$skiptoken of 3,000 characters", "/odata/Centers?$skiptoken=" + new string('A', 3000), HttpStatusCode.BadRequest),
        ("a key $skiptoken with another order", "/odata/Centers?$orderby=Name&$skiptoken=" + Token("k5"), HttpStatusCode.BadRequest),
        ("$filter on an unknown property", "/odata/Centers?$filter=Password eq 'x'", HttpStatusCode.BadRequest),
        ("$select of an unknown property", "/odata/Centers?$select=PasswordHash", HttpStatusCode.BadRequest),
        ("$orderby of an unknown property", "/odata/Centers?$orderby=Secret desc", HttpStatusCode.BadRequest),
        ("$expand of an unknown navigation", "/odata/Assessments?$expand=Users", HttpStatusCode.BadRequest),
        ("$expand with an unknown nested $select", "/odata/Assessments?$expand=Center($select=Nope)", HttpStatusCode.BadRequest),
        ("an integer compared with text", "/odata/Centers?$filter=Id eq 'abc'", HttpStatusCode.BadRequest),
        ("a timestamp compared with text", "/odata/Centers?$filter=ModifiedAt gt 'yesterday'", HttpStatusCode.BadRequest),
        ("text compared with a date", "/odata/Centers?$filter=Name gt 2021-01-01", HttpStatusCode.BadRequest),
        ("an unterminated string literal", "/odata/Centers?$filter=Name eq 'abc", HttpStatusCode.BadRequest),
        ("a SQL comment outside a literal", "/odata/Centers?$filter=Id eq 1 --", HttpStatusCode.BadRequest),
        ("a second statement outside a literal", "/odata/Centers?$filter=Id eq 1; DROP TABLE Centers", HttpStatusCode.BadRequest),
        ("$top given twice", "/odata/Centers?$top=1&$top=1000", HttpStatusCode.BadRequest),
        ("$filter given twice", "/odata/Centers?$filter=Id eq 1&$filter=Id eq 2", HttpStatusCode.BadRequest),
        ("$filter and $FILTER", "/odata/Centers?$filter=Id eq 1&$FILTER=Id eq 2", HttpStatusCode.BadRequest),
        ("an empty option name", "/odata/Centers?=1", HttpStatusCode.BadRequest),
        ("a set name with a path in it", "/odata/..%2F..%2Fetc%2Fpasswd", HttpStatusCode.NotFound),
        ("a key lookup with an id beyond int", "/odata/Centers(99999999999)", HttpStatusCode.BadRequest),
        ("a key lookup with text for an int key", "/odata/Centers('1'' or 1=1')", HttpStatusCode.BadRequest),
    ];

    public static IEnumerable<TestDataRow<string>> Cases => Queries.Select(q => new TestDataRow<string>(q.Name) { DisplayName = q.Name });

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        host = await ODataFeedHost.StartSqliteAsync();
        admin = host.As(ODataFeedData.Admin);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        db.Centers.AddRange(PersistenceBuilders.NewCenter(InjectionName), PersistenceBuilders.NewCenter(WildcardName));
        await db.SaveChangesAsync();
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        admin.Dispose();
        await host.DisposeAsync();
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public async Task A_hostile_query_is_an_OData_error_and_changes_nothing(string name)
    {
        var (_, url, status) = Queries.Single(q => q.Name == name);
        var database = await HostileChecks.DatabaseAsync(host.Services);

        using (var response = await admin.GetAsync(new Uri(url, UriKind.Relative)))
        {
            await HostileChecks.ExpectODataErrorAsync(response, status, name);
        }

        Assert.AreEqual(database, await HostileChecks.DatabaseAsync(host.Services), $"{name}: the database changed");
        using var follow = await admin.GetAsync(new Uri("/odata/Centers?$top=1", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, follow.StatusCode, $"{name}: the follow-up query failed");
    }

    [TestMethod]
    [DataRow("SQL in a literal matches only itself", "Name eq 'Robert''); DROP TABLE \"Centers\";--'", InjectionName)]
    [DataRow("a quote-breaking literal matches nothing", "Name eq 'x'' or ''1''=''1'", null)]
    [DataRow("% in contains is a percent sign, not a wildcard", "contains(Name,'%')", WildcardName)]
    [DataRow("_ in contains is an underscore, not a wildcard", "contains(Name,'%_[')", WildcardName)]
    [DataRow("[ ] in startswith are brackets", "startswith(Name,'100%_[')", WildcardName)]
    [DataRow("an encoded NUL in a literal matches nothing", "Name eq 'a\u0000b'", null)]
    [DataRow("a semicolon and a comment in a literal match nothing", "Code eq '1; --'", null)]
    public async Task Injection_like_literals_are_parameters_and_the_data_comes_back_unchanged(string name, string filter, string? expected)
    {
        var centers = await host.WithCentersAsync();
        host.Sql.Clear();

        using var response = await admin.GetAsync(new Uri("/odata/Centers?$filter=" + Uri.EscapeDataString(filter), UriKind.Relative));

        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, $"{name}: {body}");
        var names = JsonDocument.Parse(body).RootElement.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("Name").GetString()).ToList();
        CollectionAssert.AreEqual(expected is null ? Array.Empty<string>() : new[] { expected }, names, name);
        Assert.AreEqual(centers, await host.WithCentersAsync(), $"{name}: the centers changed");
        Assert.IsTrue(host.Sql.Any(sql => sql.Contains("Centers", StringComparison.Ordinal)), $"{name}: the query's SQL was captured");
        Assert.IsTrue(host.Sql.All(sql => !sql.Contains("DROP", StringComparison.Ordinal)), $"{name}: a literal reached the SQL text");
    }
}

internal static class ODataFeedHostCenters
{
    /// <summary>Every center's id, code and name, as stored.</summary>
    public static async Task<string> WithCentersAsync(this ODataFeedHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        var rows = await db.Centers.OrderBy(c => c.Id).Select(c => c.Id + "|" + c.Code + "|" + c.Name).ToListAsync();
        return string.Join("\n", rows);
    }
}
