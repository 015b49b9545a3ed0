using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Assessment.Web.OData;
using Microsoft.AspNetCore.Http;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace Assessment.Tests.Web;

/// <summary>
/// The feed writes its pages with <see cref="FeedJsonWriter"/> and keeps Microsoft.OData.Core's writer for
/// <c>$expand</c>: for every set's row type, with awkward values in every property, both give the same JSON —
/// same members in the same order, same strings, numbers written alike — so Excel and Power BI read the same data.
/// </summary>
[TestClass]
public sealed class ODataFeedWriterTests
{
    private static readonly Uri ServiceRoot = new("http://feed.example/odata/");
    private static readonly FeedModel Model = new(FeedSet.Discover());

    private static readonly string[] Texts =
    [
        "海北州公共资源交易中心", "", "引号\"、反斜杠\\、斜杠/", "换行\n制表\t回车\r", "控制字符\u0001\u001f", "<script>alert('&+')</script>",
        "表情😀与组合字符é", "\u202e从右到左", "=SUM(A1:A9)", new string('长', 300),
    ];

    private static readonly decimal[] Decimals = [95.50m, 0m, 3m, -0.5m, 0.25m, 123456789.123456m, 1.10m, 100.00m];

    private static readonly DateTimeOffset[] Times =
    [
        new(2021, 12, 20, 2, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2021, 12, 20, 10, 0, 0, TimeSpan.FromHours(8)),
        new DateTimeOffset(2022, 1, 5, 9, 30, 15, TimeSpan.Zero).AddTicks(1_230_000),
        new DateTimeOffset(2013, 6, 1, 0, 0, 0, TimeSpan.FromHours(-5)).AddTicks(7),
    ];

    public static IEnumerable<object[]> Sets => Model.Sets.Select(s => new object[] { s.Name });

    [TestMethod]
    [DynamicData(nameof(Sets))]
    public async Task Every_property_of_a_page_is_written_as_the_OData_library_writes_it(string setName)
    {
        var set = Model.Set(setName);
        var rows = Rows(set.RowType, 12);
        await AssertSameAsync(set, rows, select: null, count: null, next: null);
        await AssertSameAsync(set, rows, select: null, count: 1_234_567, next: new Uri(ServiceRoot, setName + "?$filter=Id%20gt%201&$skiptoken=k.12"));
    }

    [TestMethod]
    [DynamicData(nameof(Sets))]
    public async Task A_select_writes_the_chosen_properties_and_names_them_in_the_context_url(string setName)
    {
        var set = Model.Set(setName);
        var rows = Rows(set.RowType, 5);
        var names = FeedRowProperties(set).Select(p => p.Name).ToList();
        await AssertSameAsync(set, rows, select: string.Join(",", names.AsEnumerable().Reverse().Take(3)), count: 5, next: null);
        await AssertSameAsync(set, rows, select: names[^1], count: null, next: null);
        await AssertSameAsync(set, rows, select: "*", count: null, next: null);
    }

    [TestMethod]
    public async Task An_empty_page_is_written_alike()
    {
        var set = Model.Set("ItemScores");
        await AssertSameAsync(set, Rows(set.RowType, 0), select: null, count: 0, next: null);
    }

    private static async Task AssertSameAsync(FeedSet set, System.Collections.IList rows, string? select, long? count, Uri? next)
    {
        var clause = select is null
            ? null
            : new ODataUriParser(Model.Edm, ServiceRoot, new Uri($"{set.Name}?$select={select}", UriKind.Relative)).ParseSelectAndExpand();
        var selected = clause is null || clause.AllSelected || clause.SelectedItems.OfType<WildcardSelectItem>().Any()
            ? FeedRowProperties(set)
            : FeedRowProperties(set).Where(p => clause.SelectedItems.OfType<PathSelectItem>().Any(i => i.SelectedPath.LastSegment.Identifier == p.Name)).ToArray();

        var library = await WriteAsync(context => FeedResponses.WriteAsync(context, Model.Edm,
            FeedResponses.Settings(ServiceRoot, new ODataUri { ServiceRoot = ServiceRoot, Path = new ODataPath(new EntitySetSegment(Model.Edm.EntityContainer.FindEntitySet(set.Name))), SelectAndExpand = clause }),
            200, writer => WriteWithLibrary(set, writer, rows, selected, count, next)));
        var contextUrl = FeedJsonWriter.ContextUrl(ServiceRoot, set.Name, FeedHandler.SelectedInRequestOrder(clause));
        var direct = await WriteAsync(context => FeedResponses.WriteJsonAsync(context, 0, buffer => WriteDirect(set, buffer, contextUrl, rows, selected, count, next)));

        Assert.AreEqual(library.ContentType, direct.ContentType);
        using var expected = JsonDocument.Parse(library.Body);
        using var actual = JsonDocument.Parse(direct.Body);
        AssertSameJson(expected.RootElement, actual.RootElement, $"{set.Name} $select={select ?? "(none)"}: library {Encoding.UTF8.GetString(library.Body)[..Math.Min(300, library.Body.Length)]} direct {Encoding.UTF8.GetString(direct.Body)[..Math.Min(300, direct.Body.Length)]}");
    }

    private static void WriteWithLibrary(FeedSet set, ODataMessageWriter writer, System.Collections.IList rows, PropertyInfo[] selected, long? count, Uri? next)
    {
        var method = typeof(FeedHandler).GetMethod(nameof(FeedHandler.WriteWithLibrary), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(set.RowType);
        var entitySet = Model.Edm.EntityContainer.FindEntitySet(set.Name);
        method.Invoke(null, [writer, entitySet, Model.EntityType(set), rows, selected, count, next, Array.Empty<(FeedHandler.Expansion, IReadOnlyDictionary<object, object>)>()]);
    }

    private static void WriteDirect(FeedSet set, System.Buffers.IBufferWriter<byte> buffer, string contextUrl, System.Collections.IList rows, PropertyInfo[] selected, long? count, Uri? next)
    {
        var method = typeof(FeedJsonWriter).GetMethod(nameof(FeedJsonWriter.Write))!.MakeGenericMethod(set.RowType);
        method.Invoke(null, [buffer, contextUrl, count, rows, selected, next]);
    }

    private static async Task<(string ContentType, byte[] Body)> WriteAsync(Func<HttpContext, Task> write)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await write(context);
        Assert.AreEqual(200, context.Response.StatusCode);
        Assert.AreEqual("4.0", context.Response.Headers["OData-Version"].ToString());
        return (context.Response.ContentType!, body.ToArray());
    }

    private static PropertyInfo[] FeedRowProperties(FeedSet set) =>
        set.RowType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite).ToArray();

    /// <summary>Rows whose properties cycle through awkward values; every nullable property is null in some row.</summary>
    private static System.Collections.IList Rows(Type rowType, int count)
    {
        var rows = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(rowType))!;
        var properties = rowType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();
        for (var i = 0; i < count; i++)
        {
            var row = Activator.CreateInstance(rowType)!;
            for (var p = 0; p < properties.Length; p++)
            {
                properties[p].SetValue(row, Value(properties[p], i + p, i));
            }

            rows.Add(row);
        }

        return rows;
    }

    private static object? Value(PropertyInfo property, int n, int row)
    {
        var type = property.PropertyType;
        var nullable = Nullable.GetUnderlyingType(type) is not null
            || (type == typeof(string) && new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable);
        if (nullable && row % 3 == 2)
        {
            return null;
        }

        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => Texts[n % Texts.Length],
            _ when underlying == typeof(int) => (n % 4) switch { 0 => n, 1 => -n, 2 => int.MaxValue - n, _ => int.MinValue + n },
            _ when underlying == typeof(decimal) => Decimals[n % Decimals.Length],
            _ when underlying == typeof(bool) => n % 2 == 0,
            _ when underlying == typeof(DateOnly) => new DateOnly(2013 + (n % 10), 1 + (n % 12), 1 + (n % 28)),
            _ when underlying == typeof(DateTimeOffset) => Times[n % Times.Length],
            _ => throw new AssertFailedException($"No sample values for {property.DeclaringType!.Name}.{property.Name} ({underlying.Name}): add them here."),
        };
    }

    private static void AssertSameJson(JsonElement expected, JsonElement actual, string path)
    {
        Assert.AreEqual(expected.ValueKind, actual.ValueKind, path);
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                CollectionAssert.AreEqual(
                    expected.EnumerateObject().Select(p => p.Name).ToList(), actual.EnumerateObject().Select(p => p.Name).ToList(), $"members of {path}");
                foreach (var member in expected.EnumerateObject())
                {
                    AssertSameJson(member.Value, actual.GetProperty(member.Name), path + "." + member.Name);
                }

                break;
            case JsonValueKind.Array:
                Assert.AreEqual(expected.GetArrayLength(), actual.GetArrayLength(), path);
                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    AssertSameJson(expected[i], actual[i], $"{path}[{i}]");
                }

                break;
            case JsonValueKind.String:
                Assert.AreEqual(expected.GetString(), actual.GetString(), path);
                break;
            case JsonValueKind.Number:
                Assert.AreEqual(expected.GetRawText(), actual.GetRawText(), path);
                break;
            default:
                Assert.AreEqual(expected.GetRawText(), actual.GetRawText(), path);
                break;
        }
    }
}
