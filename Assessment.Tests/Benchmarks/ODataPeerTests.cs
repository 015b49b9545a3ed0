using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Assessment.Benchmarks.Peer;
using Assessment.Tests.Web;

namespace Assessment.Tests.Benchmarks;

/// <summary>
/// The side-by-side benchmark's own parts, without Node or CAP: the CSV that CAP loads, the export through our feed,
/// the query list on our feed, and the CAP entities against our <c>$metadata</c>. (The comparison itself is the
/// <c>odata-peer</c> verb of Assessment.Benchmarks: docs/performance-odata-peer.md.)
/// </summary>
[TestClass]
public sealed partial class ODataPeerTests
{
    private static ODataFeedHost host = null!;

    [ClassInitialize]
    public static async Task StartFeedAsync(TestContext context) => host = await ODataFeedHost.StartSqliteAsync();

    [ClassCleanup]
    public static async Task StopFeedAsync() => await host.DisposeAsync();

    [TestMethod]
    public void Text_with_commas_quotes_or_line_breaks_is_quoted_with_its_quotes_doubled()
    {
        Assert.AreEqual("QH-HB", PeerCsv.Field("QH-HB"));
        Assert.AreEqual("海北州公共资源交易中心", PeerCsv.Field("海北州公共资源交易中心"));
        Assert.AreEqual("\"评定为“A, B”\"", PeerCsv.Field("评定为“A, B”"));
        Assert.AreEqual("\"他说\"\"好\"\"\"", PeerCsv.Field("他说\"好\""));
        Assert.AreEqual("\"第一行\n第二行\"", PeerCsv.Field("第一行\n第二行"));
        Assert.AreEqual("\"a\r\nb\"", PeerCsv.Field("a\r\nb"));
        Assert.AreEqual("\" 前后有空格 \"", PeerCsv.Field(" 前后有空格 "));
        Assert.AreEqual("\"\"", PeerCsv.Field(""), "an empty text stays apart from null");
    }

    [TestMethod]
    public void Rows_are_written_under_a_header_with_nulls_empty_and_numbers_as_the_feed_wrote_them()
    {
        using var json = JsonDocument.Parse("""
            [
              {"@odata.etag": "W/\"1\"", "Id": 1, "CenterName": "海北州,中心", "Points": null, "Total": 95.50, "IsDemonstration": true, "ModifiedAt": "2022-01-20T02:00:00Z"},
              {"Id": 2, "CenterName": "", "Points": 2.5, "Total": 1E2, "IsDemonstration": false, "ModifiedAt": "2022-01-20T02:00:00.1234567Z"}
            ]
            """);
        var text = new StringWriter { NewLine = "\n" };
        using (var csv = new PeerCsv(text))
        {
            foreach (var row in json.RootElement.EnumerateArray())
            {
                csv.WriteRow(row);
            }

            Assert.AreEqual(2, csv.RowCount);
        }

        Assert.AreEqual(
            "Id,CenterName,Points,Total,IsDemonstration,ModifiedAt\n"
            + "1,\"海北州,中心\",,95.50,true,2022-01-20T02:00:00Z\n"
            + "2,\"\",2.5,1E2,false,2022-01-20T02:00:00.1234567Z\n",
            text.ToString());
    }

    [TestMethod]
    public void A_row_with_other_properties_than_the_first_is_refused()
    {
        using var json = JsonDocument.Parse("""[{"Id": 1, "Total": 2}, {"Total": 2, "Id": 1}]""");
        using var csv = new PeerCsv(new StringWriter());
        csv.WriteRow(json.RootElement[0]);
        var error = Assert.Throws<InvalidDataException>(() => csv.WriteRow(json.RootElement[1]));
        Assert.Contains("Row 2", error.Message);
    }

    [TestMethod]
    public void Rows_that_differ_between_the_servers_stop_the_run_naming_the_first_difference()
    {
        var query = new PeerQuery("rankings of a cycle", PeerQueryKind.Page, "Rankings");
        PeerMeasurement.Compare(query, new FeedAnswer([3, 1, 2], 3, 1, TimeSpan.Zero), new FeedAnswer([3, 1, 2], 3, 1, TimeSpan.Zero));

        var order = Assert.Throws<PeerBenchmarkException>(() =>
            PeerMeasurement.Compare(query, new FeedAnswer([3, 1, 2], 3, 1, TimeSpan.Zero), new FeedAnswer([3, 2, 1], 3, 1, TimeSpan.Zero)));
        Assert.Contains("row 2 is Id 1 on ours, 2 on CAP", order.Message);

        var count = Assert.Throws<PeerBenchmarkException>(() =>
            PeerMeasurement.Compare(query, new FeedAnswer([1, 2], 2, 1, TimeSpan.Zero), new FeedAnswer([1], 1, 1, TimeSpan.Zero)));
        Assert.Contains("ours returned 2 rows, CAP 1", count.Message);

        // A full extraction may come in another order on the peer, but not with other or repeated rows.
        var extraction = query with { Kind = PeerQueryKind.Extraction };
        PeerMeasurement.Compare(extraction, new FeedAnswer([1, 2, 3], 3, 1, TimeSpan.Zero), new FeedAnswer([3, 1, 2], 3, 1, TimeSpan.Zero));
        Assert.Throws<PeerBenchmarkException>(() =>
            PeerMeasurement.Compare(extraction, new FeedAnswer([1, 2, 3], 3, 1, TimeSpan.Zero), new FeedAnswer([1, 2, 2], 3, 1, TimeSpan.Zero)));
    }

    [TestMethod]
    public async Task The_export_writes_every_row_our_feed_serves_and_every_query_of_the_list_runs_on_our_feed()
    {
        using var client = host.Https();
        var ours = new FeedEndpoint("ours", new Uri(client.BaseAddress!, "/odata/"), ODataFeedHost.Basic(ODataFeedData.Analyst));
        var folder = Directory.CreateTempSubdirectory("odata-peer-test-").FullName;
        try
        {
            var export = await PeerExport.RunAsync(ours, client, folder);

            // As many rows as the feed counts for this user (the analyst: published cycles), each once, as served.
            var counted = await ours.RunAsync(client, new PeerQuery("count", PeerQueryKind.Count, "ItemScores/$count"));
            Assert.AreEqual(counted.Rows, export.ItemScores);
            Assert.IsGreaterThan(50, export.ItemScores, "more than one page (the test host's page size is 50)");
            Assert.AreEqual(ODataFeedData.CenterCount, export.Rankings);
            var rows = ReadCsv(File.ReadAllText(PeerExport.CsvPath(folder, "ItemScores"), Encoding.UTF8));
            Assert.HasCount((int)export.ItemScores + 1, rows, "header and rows");
            var header = rows[0];
            CollectionAssert.AreEqual(
                new[] { "Id", "AssessmentId", "CenterId", "CenterCode", "CenterName", "CycleId", "CycleYear", "AssessmentKind", "Revision",
                    "CriteriaVersionId", "ItemId", "DimensionCode", "Status", "Points", "MaxPoints", "Explanation", "ModifiedAt" },
                header);
            Assert.HasCount(rows.Count - 1, rows.Skip(1).Select(r => r[0]).Distinct());

            // A row read back from the CSV is the row the feed serves.
            var sample = rows[rows.Count / 2];
            var fromFeed = await GetJsonAsync(client, ours, $"ItemScores?$filter=Id eq {sample[0]}");
            var served = fromFeed.RootElement.GetProperty("value")[0];
            for (var i = 0; i < header.Count; i++)
            {
                var value = served.GetProperty(header[i]);
                var expected = value.ValueKind switch
                {
                    JsonValueKind.Null => "",
                    JsonValueKind.String => value.GetString(),
                    _ => value.GetRawText(),
                };
                Assert.AreEqual(expected, sample[i], header[i]);
            }

            // The 2021 cycle is the one ranked; every query of the list is understood by our feed and finds rows.
            Assert.AreEqual(2021, export.Parameters.CycleYear);
            foreach (var query in PeerQueries.For(export.Parameters))
            {
                var answer = await ours.RunAsync(client, query);
                Assert.IsGreaterThan(0, answer.Rows, query.Name);
                if (query.Kind == PeerQueryKind.Extraction)
                {
                    Assert.AreEqual(export.ItemScores, answer.Rows);
                    Assert.IsGreaterThan(1, answer.Pages);
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task The_CAP_entities_have_the_property_names_types_and_nullability_of_our_metadata()
    {
        using var client = host.As(ODataFeedData.Analyst);
        var metadata = XDocument.Parse(await client.GetStringAsync(new Uri("/odata/$metadata", UriKind.Relative)));
        XNamespace edm = "http://docs.oasis-open.org/odata/ns/edm";
        var cds = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "bench", "odata-peer", "db", "schema.cds"));
        var cdsEntities = CdsEntity().Matches(cds).ToDictionary(m => m.Groups["name"].Value, m => CdsProperties(m.Groups["body"].Value));
        foreach (var set in new[] { "ItemScores", "Rankings" })
        {
            var typeName = metadata.Descendants(edm + "EntitySet").Single(s => (string?)s.Attribute("Name") == set).Attribute("EntityType")!.Value.Split('.')[^1];
            var ours = metadata.Descendants(edm + "EntityType").Single(t => (string?)t.Attribute("Name") == typeName)
                .Elements(edm + "Property")
                .Select(p => $"{p.Attribute("Name")!.Value} {p.Attribute("Type")!.Value} {((string?)p.Attribute("Nullable") == "false" ? "not null" : "null")}")
                .ToList();
            Assert.IsTrue(cdsEntities.ContainsKey(set), $"schema.cds declares {set}");
            CollectionAssert.AreEqual(ours, cdsEntities[set], $"{set}: ours {string.Join("; ", ours)} — CAP {string.Join("; ", cdsEntities[set])}");
        }
    }

    private static List<string> CdsProperties(string body) =>
        CdsElement().Matches(body).Select(m =>
        {
            var type = m.Groups["type"].Value switch
            {
                "Integer" => "Edm.Int32",
                "String" => "Edm.String",
                "Decimal" => "Edm.Decimal",
                "Boolean" => "Edm.Boolean",
                "Timestamp" => "Edm.DateTimeOffset",
                var other => "CDS " + other,
            };
            var notNull = m.Groups["key"].Success || m.Groups["notnull"].Success;
            return $"{m.Groups["name"].Value} {type} {(notNull ? "not null" : "null")}";
        }).ToList();

    [GeneratedRegex(@"entity\s+(?<name>\w+)\s*\{(?<body>[^}]*)\}")]
    private static partial Regex CdsEntity();

    [GeneratedRegex(@"^\s*(?<key>key\s+)?(?<name>\w+)\s*:\s*(?<type>\w+)(?<notnull>\s+not\s+null)?\s*;", RegexOptions.Multiline)]
    private static partial Regex CdsElement();

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, FeedEndpoint endpoint, string relative)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint.ServiceRoot, relative));
        request.Headers.Authorization = ODataFeedHost.Basic(ODataFeedData.Analyst);
        using var response = await client.SendAsync(request);
        Assert.IsTrue(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>An RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes), to read the export back.</summary>
    private static List<List<string>> ReadCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.AreEqual(0, field.Length + row.Count, "the file ends with a line break");
        return rows;
    }
}
