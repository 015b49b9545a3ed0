using System.Net;
using System.Text;

namespace Assessment.Tests.Web;

/// <summary>A body the API cannot read is answered with a Chinese ProblemDetails naming the field, and nothing changes.</summary>
[TestClass]
public sealed class ApiMalformedBodyTests
{
    private static ApiHost? host;
    private static ApiWorld? world;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        host = ApiHost.Sqlite();
        world = await ApiWorld.CreateAsync(host);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task A_field_of_the_wrong_type_is_named_in_the_problem()
    {
        using var bureau = await host!.SignInAsync(world!.Bureau);
        var cyclesBefore = await host.WithDbAsync(db => Task.FromResult(db.Cycles.Count()));

        using var response = await bureau.PostAsync("/api/cycles/", new StringContent("""{"year": "明年"}""", Encoding.UTF8, "application/json"));

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        StringAssert.Contains(problem.GetProperty("title").GetString(), "字段 $.year");
        Assert.IsTrue(problem.GetProperty("errors").TryGetProperty("$.year", out _));
        Assert.AreEqual(cyclesBefore, await host.WithDbAsync(db => Task.FromResult(db.Cycles.Count())));
    }

    [TestMethod]
    public async Task Truncated_json_is_reported_as_incomplete_with_its_line()
    {
        using var bureau = await host!.SignInAsync(world!.Bureau);

        using var response = await bureau.PostAsync("/api/cycles/", new StringContent("{\n\"year\": 2023,\n\"title\": \"x\"", Encoding.UTF8, "application/json"));

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        StringAssert.Contains(problem.GetProperty("title").GetString(), "JSON格式不完整");
        StringAssert.Contains(problem.GetProperty("title").GetString(), "行");
    }
}
