using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace Assessment.Tests.Web;

/// <summary>What Excel and Power BI need from the feed: service document, CSDL, payloads, paging, counts.</summary>
[TestClass]
public sealed class ODataFeedProtocolTests
{
    private static readonly string[] SetNames = ["Assessments", "Centers", "CriteriaItems", "Cycles", "DimensionScores", "ItemScores", "Rankings", "Findings", "RectificationActions"];

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

    internal static async Task<IEdmModel> ReadMetadataAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/odata/$metadata", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var reader = XmlReader.Create(new MemoryStream(bytes));
        Assert.IsTrue(CsdlReader.TryParse(reader, out var model, out var errors), string.Join("; ", errors?.Select(e => e.ErrorMessage) ?? []));
        return model;
    }

    internal static async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(HttpClient client, string url, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.RelativeOrAbsolute));
        configure?.Invoke(request);
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    [TestMethod]
    public async Task Metadata_is_xml_csdl_without_a_byte_order_mark_that_the_csdl_reader_accepts()
    {
        var (response, body) = await GetAsync(admin, "/odata/$metadata");

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.AreEqual((byte)'<', body[0], "no BOM before the XML declaration");
        Assert.AreEqual("4.0", response.Headers.GetValues("OData-Version").Single());
        var model = await ReadMetadataAsync(admin);
        var sets = model.EntityContainer.EntitySets().ToList();
        CollectionAssert.AreEquivalent(SetNames, sets.Select(s => s.Name).ToArray());
        foreach (var set in sets)
        {
            var type = set.EntityType();
            Assert.IsFalse(string.IsNullOrWhiteSpace(type.Name));
            Assert.AreEqual(1, type.Key().Count(), set.Name);
            var modifiedAt = type.FindProperty("ModifiedAt");
            Assert.IsNotNull(modifiedAt, $"{set.Name} has ModifiedAt");
            Assert.AreEqual(EdmPrimitiveTypeKind.DateTimeOffset, modifiedAt.Type.PrimitiveKind(), set.Name);
        }

        var itemScore = model.EntityContainer.FindEntitySet("ItemScores");
        var navigation = itemScore.EntityType().NavigationProperties().Single(n => n.Name == "Assessment");
        Assert.AreEqual("Assessments", itemScore.FindNavigationTarget(navigation).Name);
    }

    [TestMethod]
    public async Task Service_document_lists_the_sets_with_the_names_of_the_metadata()
    {
        var model = await ReadMetadataAsync(admin);
        var (response, body) = await GetAsync(admin, "/odata");

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.AreEqual("4.0", response.Headers.GetValues("OData-Version").Single());
        using var reader = new ODataMessageReader(new ResponseMessage(response, body), new ODataMessageReaderSettings(), model);
        var document = reader.ReadServiceDocument();
        CollectionAssert.AreEquivalent(SetNames, document.EntitySets.Select(s => s.Name).ToArray());
        CollectionAssert.AreEquivalent(SetNames.Select(n => "https://localhost/odata/" + n).ToArray(), document.EntitySets.Select(s => s.Url.ToString()).ToArray());
    }

    [TestMethod]
    public async Task Every_set_reads_strictly_with_the_message_reader_and_writes_every_declared_property()
    {
        var model = await ReadMetadataAsync(admin);
        foreach (var name in SetNames)
        {
            var (response, body) = await GetAsync(admin, $"/odata/{name}?$top=20");
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, name + ": " + Encoding.UTF8.GetString(body));
            Assert.AreEqual("4.0", response.Headers.GetValues("OData-Version").Single(), name);
            Assert.AreEqual("minimal", response.Content.Headers.ContentType?.Parameters.Single(p => p.Name == "odata.metadata").Value, name);
            var set = model.EntityContainer.FindEntitySet(name);
            var rows = new ResponseMessage(response, body).ReadResourceSet(model, set, out _);
            Assert.IsNotEmpty(rows, name);
            var declared = set.EntityType().StructuralProperties().Select(p => p.Name).ToArray();
            foreach (var row in rows)
            {
                CollectionAssert.AreEquivalent(declared, row.Keys.ToArray(), name);
            }

            using var json = JsonDocument.Parse(body);
            Assert.AreEqual($"https://localhost/odata/$metadata#{name}", json.RootElement.GetProperty("@odata.context").GetString());
        }
    }

    [TestMethod]
    public async Task Nulls_are_written_explicitly_and_an_empty_result_still_has_a_value_array()
    {
        var (_, body) = await GetAsync(admin, "/odata/Centers?$filter=ContactPhone eq null");
        StringAssert.Contains(Encoding.UTF8.GetString(body), "公共资源交易中心", "Chinese text as UTF-8, not \\u escapes");
        using var centers = JsonDocument.Parse(body);
        var rows = centers.RootElement.GetProperty("value").EnumerateArray().ToList();
        Assert.HasCount(ODataFeedData.CenterCount / 3, rows);
        Assert.IsTrue(rows.All(r => r.GetProperty("ContactPhone").ValueKind == JsonValueKind.Null));

        var (response, empty) = await GetAsync(admin, "/odata/Centers?$filter=Code eq 'none'");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(empty);
        Assert.AreEqual(JsonValueKind.Array, document.RootElement.GetProperty("value").ValueKind);
        Assert.AreEqual(0, document.RootElement.GetProperty("value").GetArrayLength());
        Assert.IsTrue(document.RootElement.TryGetProperty("@odata.context", out _));
    }

    [TestMethod]
    public async Task Power_BI_sequence_reads_every_row_exactly_once_and_the_count_agrees()
    {
        // Power BI with a Web API key: the key travels in every URL, and must not be echoed into links.
        using var keyed = host.Https();
        var key = await ODataFeedAuthTests.CreateKeyAsync(host, ODataFeedData.Admin, "Power BI");
        Assert.AreEqual(HttpStatusCode.OK, (await GetAsync(keyed, $"/odata?api_key={key}")).Response.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await GetAsync(keyed, $"/odata/$metadata?api_key={key}")).Response.StatusCode);

        var preview = await ReadAllAsync(keyed, $"/odata/ItemScores?$top=1000&api_key={key}", key);
        Assert.HasCount(1000, preview);
        Assert.HasCount(1000, preview.Distinct());

        var all = await ReadAllAsync(keyed, $"/odata/ItemScores?api_key={key}", key);
        var (countResponse, countBody) = await GetAsync(keyed, $"/odata/ItemScores/$count?api_key={key}");
        Assert.AreEqual("text/plain", countResponse.Content.Headers.ContentType?.MediaType);
        var count = int.Parse(Encoding.UTF8.GetString(countBody), System.Globalization.CultureInfo.InvariantCulture);
        Assert.HasCount(all.Count, all.Distinct(), "no row twice");
        Assert.AreEqual(count, all.Count);
        CollectionAssert.AreEqual(all.Order().ToList(), all, "in key order");
        Assert.IsGreaterThan(1000, count, "more rows than the preview");
        CollectionAssert.IsSubsetOf(preview, all);
    }

    /// <summary>Follows every nextLink; returns the ids in order.</summary>
    internal static async Task<List<int>> ReadAllAsync(HttpClient client, string url, string? key = null, string idProperty = "Id")
    {
        var ids = new List<int>();
        string? next = url;
        var pages = 0;
        while (next is not null)
        {
            Assert.IsLessThan(500, ++pages, "paging ends");
            var (response, body) = await GetAsync(client, next);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, Encoding.UTF8.GetString(body));
            using var json = JsonDocument.Parse(body);
            ids.AddRange(json.RootElement.GetProperty("value").EnumerateArray().Select(r => r.GetProperty(idProperty).GetInt32()));
            next = json.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
            if (next is not null)
            {
                Assert.IsTrue(Uri.TryCreate(next, UriKind.Absolute, out var absolute), "absolute nextLink: " + next);
                Assert.AreEqual("https", absolute.Scheme);
                if (key is not null)
                {
                    Assert.DoesNotContain(key, next, "the API key is not echoed");
                    next += "&api_key=" + key;
                }
            }
        }

        return ids;
    }

    [TestMethod]
    public async Task Paging_under_an_orderby_is_stable_and_complete()
    {
        var all = await ReadAllAsync(admin, "/odata/ItemScores?$orderby=Points desc,ItemId&$select=Id,Points,ItemId");
        var (_, body) = await GetAsync(admin, "/odata/ItemScores/$count");
        Assert.HasCount(int.Parse(Encoding.UTF8.GetString(body), System.Globalization.CultureInfo.InvariantCulture), all);
        Assert.HasCount(all.Count, all.Distinct());

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Assessment.Web.Persistence.AssessmentDbContext>();
        var expected = db.Set<Assessment.Web.Persistence.ItemScoreRecord>().AsEnumerable()
            .OrderByDescending(i => i.Points).ThenBy(i => i.ItemId, StringComparer.Ordinal).ThenBy(i => i.Id).Select(i => i.Id).ToList();
        CollectionAssert.AreEqual(expected, all);
    }

    [TestMethod]
    public async Task Count_top_skip_select_and_orderby_with_several_keys_fold_into_the_page()
    {
        var (response, body) = await GetAsync(admin, "/odata/Centers?$count=true&$orderby=Level desc,Code&$skip=2&$top=4&$select=Code,Level");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, Encoding.UTF8.GetString(body));
        using var json = JsonDocument.Parse(body);
        Assert.AreEqual(ODataFeedData.CenterCount, json.RootElement.GetProperty("@odata.count").GetInt32());
        Assert.AreEqual("https://localhost/odata/$metadata#Centers(Code,Level)", json.RootElement.GetProperty("@odata.context").GetString());
        var rows = json.RootElement.GetProperty("value").EnumerateArray().ToList();
        Assert.HasCount(4, rows);
        Assert.IsTrue(rows.All(r => r.EnumerateObject().Select(p => p.Name).Order().SequenceEqual(["Code", "Level"])));
        var (_, allBody) = await GetAsync(admin, "/odata/Centers?$select=Code,Level");
        using var allJson = JsonDocument.Parse(allBody);
        var expected = allJson.RootElement.GetProperty("value").EnumerateArray()
            .Select(r => (Code: r.GetProperty("Code").GetString()!, Level: r.GetProperty("Level").GetString()!))
            .OrderByDescending(r => r.Level, StringComparer.Ordinal).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Skip(2).Take(4).Select(r => r.Code).ToList();
        CollectionAssert.AreEqual(expected, rows.Select(r => r.GetProperty("Code").GetString()).ToList());
        Assert.IsFalse(json.RootElement.TryGetProperty("@odata.nextLink", out _), "$top reached: no next page");
    }

    [TestMethod]
    public async Task Prefer_maxpagesize_lowers_the_page_size_but_never_raises_it()
    {
        var (small, body) = await GetAsync(admin, "/odata/Assessments", r => r.Headers.Add("Prefer", "odata.maxpagesize=7"));
        using var json = JsonDocument.Parse(body);
        Assert.AreEqual(7, json.RootElement.GetProperty("value").GetArrayLength());
        Assert.IsTrue(json.RootElement.TryGetProperty("@odata.nextLink", out _));
        Assert.AreEqual("odata.maxpagesize=7", small.Headers.GetValues("Preference-Applied").Single());

        var (large, largeBody) = await GetAsync(admin, "/odata/ItemScores", r => r.Headers.Add("Prefer", "odata.maxpagesize=5000"));
        using var largeJson = JsonDocument.Parse(largeBody);
        Assert.AreEqual(50, largeJson.RootElement.GetProperty("value").GetArrayLength(), "the server's page size (50 in the tests)");
        Assert.IsFalse(large.Headers.Contains("Preference-Applied"));
    }

    [TestMethod]
    public async Task Expanding_an_item_score_brings_its_assessment_and_reads_with_the_message_reader()
    {
        var model = await ReadMetadataAsync(admin);
        var (response, body) = await GetAsync(admin, "/odata/ItemScores?$top=40&$select=Id,AssessmentId,Points&$expand=Assessment($select=Id,Total,Grade)");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, Encoding.UTF8.GetString(body));
        var rows = new ResponseMessage(response, body).ReadResourceSet(model, model.EntityContainer.FindEntitySet("ItemScores"), out _);
        Assert.HasCount(40, rows);
        var (_, assessmentsBody) = await GetAsync(admin, "/odata/Assessments?$select=Id,Total,Grade&$top=1000");
        using var assessments = JsonDocument.Parse(assessmentsBody);
        var totals = assessments.RootElement.GetProperty("value").EnumerateArray().ToDictionary(a => a.GetProperty("Id").GetInt32(), a => a.GetProperty("Total") is { ValueKind: JsonValueKind.Number } total ? total.GetDecimal() : (decimal?)null);
        foreach (var row in rows)
        {
            var assessment = (Dictionary<string, object?>)row["Assessment"]!;
            Assert.AreEqual(row["AssessmentId"], assessment["Id"]);
            Assert.AreEqual(totals[(int)assessment["Id"]!], (decimal?)assessment["Total"]);
        }
    }

    [TestMethod]
    public async Task Responses_are_gzip_compressed_when_the_client_accepts_it()
    {
        var (response, body) = await GetAsync(admin, "/odata/ItemScores", r => r.Headers.AcceptEncoding.ParseAdd("gzip, deflate"));
        Assert.AreEqual("gzip", response.Content.Headers.ContentEncoding.Single());
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress);
        using var json = await JsonDocument.ParseAsync(gzip);
        Assert.AreEqual(50, json.RootElement.GetProperty("value").GetArrayLength());
    }

    [TestMethod]
    public async Task Skip_and_top_carry_over_into_the_next_links_without_losing_or_repeating_rows()
    {
        var everything = await ReadAllAsync(admin, "/odata/ItemScores");
        var skipped = await ReadAllAsync(admin, "/odata/ItemScores?$skip=30&$filter=" + Uri.EscapeDataString("Status eq 'Scored'"));
        var (_, scoredBody) = await GetAsync(admin, "/odata/ItemScores/$count?$filter=" + Uri.EscapeDataString("Status eq 'Scored'"));
        Assert.HasCount(int.Parse(Encoding.UTF8.GetString(scoredBody), System.Globalization.CultureInfo.InvariantCulture) - 30, skipped);
        CollectionAssert.IsSubsetOf(skipped, everything);

        var topped = await ReadAllAsync(admin, "/odata/ItemScores?$orderby=Points,ItemId desc&$skip=7&$top=120");
        var ordered = await ReadAllAsync(admin, "/odata/ItemScores?$orderby=Points,ItemId desc");
        CollectionAssert.AreEqual(ordered.Skip(7).Take(120).ToList(), topped, "three pages (50, 50, 20) of the same order");
    }

    [TestMethod]
    public async Task Names_in_query_options_are_case_insensitive()
    {
        var (response, body) = await GetAsync(admin, "/odata/Centers?$filter=" + Uri.EscapeDataString("code eq 'QH-XN-01'") + "&$select=NAME");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, Encoding.UTF8.GetString(body));
        using var json = JsonDocument.Parse(body);
        Assert.AreEqual("西宁市公共资源交易中心", json.RootElement.GetProperty("value").EnumerateArray().Single().GetProperty("Name").GetString());
    }

    [TestMethod]
    public async Task Concurrent_requests_each_get_their_own_payload()
    {
        var requests = Enumerable.Range(0, 40).Select(i => SetNames[i % SetNames.Length] switch
        {
            "CriteriaItems" => ("CriteriaItems", "Key,Title"),
            var set => (set, i % 2 == 0 ? "Id,ModifiedAt" : "Id"),
        }).ToList();
        var responses = await Task.WhenAll(requests.Select(r => GetAsync(admin, $"/odata/{r.Item1}?$select={r.Item2}&$top=5")));
        for (var i = 0; i < requests.Count; i++)
        {
            var (response, body) = responses[i];
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(body);
            Assert.AreEqual($"https://localhost/odata/$metadata#{requests[i].Item1}({requests[i].Item2})", json.RootElement.GetProperty("@odata.context").GetString());
        }
    }
}
