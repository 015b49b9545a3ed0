using System.Net;

namespace Assessment.Tests.Web.Hostile;

/// <summary>
/// Ids in the path that are out of range, negative, zero, not numbers or absurdly long, on reads and writes: a 404
/// ProblemDetails in Chinese (405 for a method the path does not have), nothing written, the server keeps serving.
/// Repeated query keys never override the path.
/// </summary>
[TestClass]
public sealed class HostileRouteTests
{
    private static HostileApi api = null!;

    private sealed record Route(string Name, string User, HttpMethod Method, Func<HostileApi, string> Path, HttpStatusCode Status = HttpStatusCode.NotFound, int? IfMatch = null);

    private static readonly Route[] Routes =
    [
        new("assessment id not a number", "bureau", HttpMethod.Get, _ => "/api/assessments/abc/checklist"),
        new("assessment id negative", "bureau", HttpMethod.Get, _ => "/api/assessments/-1/checklist"),
        new("assessment id zero", "bureau", HttpMethod.Get, _ => "/api/assessments/0/checklist"),
        new("assessment id int.MaxValue", "bureau", HttpMethod.Get, _ => "/api/assessments/2147483647/checklist"),
        new("assessment id one beyond int", "bureau", HttpMethod.Get, _ => "/api/assessments/2147483648/checklist"),
        new("assessment id of 30 digits", "bureau", HttpMethod.Get, _ => "/api/assessments/999999999999999999999999999999/checklist"),
        new("assessment id 1.5", "bureau", HttpMethod.Get, _ => "/api/assessments/1.5/checklist"),
        new("assessment id 1e3", "bureau", HttpMethod.Get, _ => "/api/assessments/1e3/checklist"),
        new("assessment id hexadecimal", "bureau", HttpMethod.Get, _ => "/api/assessments/0x10/checklist"),
        new("assessment id a space", "bureau", HttpMethod.Get, _ => "/api/assessments/%20/checklist"),
        new("assessment id with a path inside", "bureau", HttpMethod.Get, _ => "/api/assessments/..%2F..%2Fetc%2Fpasswd/checklist"),
        new("assessment id of 5,000 digits", "bureau", HttpMethod.Get, _ => $"/api/assessments/{new string('9', 5000)}/checklist"),
        new("evidence id negative", "bureau", HttpMethod.Get, a => $"/api/assessments/{a.World.SelfA}/evidence/-5"),
        new("evidence id not a number", "bureau", HttpMethod.Get, a => $"/api/assessments/{a.World.SelfA}/evidence/photo.png"),
        new("evidence id beyond int", "bureau", HttpMethod.Get, a => $"/api/assessments/{a.World.SelfA}/evidence/4294967296"),
        new("saving answers of a negative assessment", "bureau", HttpMethod.Patch, _ => "/api/assessments/-3/answers", IfMatch: 1),
        new("submitting an assessment id beyond int", "bureau", HttpMethod.Post, _ => "/api/assessments/2147483648/submit", IfMatch: 1),
        new("opening a negative cycle", "bureau", HttpMethod.Post, _ => "/api/cycles/-1/open"),
        new("publishing a cycle id beyond int", "bureau", HttpMethod.Post, _ => "/api/cycles/2147483648/publish"),
        new("results of a cycle id 0x10", "bureau", HttpMethod.Get, _ => "/api/cycles/0x10/results"),
        new("results of cycle zero", "bureau", HttpMethod.Get, _ => "/api/cycles/0/results"),
        new("publication of a negative cycle", "bureau", HttpMethod.Get, _ => "/api/cycles/-9/publication"),
        new("feedback letter of a center id beyond int", "bureau", HttpMethod.Get, a => $"/api/cycles/{a.World.CycleId}/reports/feedback/99999999999"),
        new("rectification report of a negative center", "bureau", HttpMethod.Get, a => $"/api/cycles/{a.World.CycleId}/reports/rectification/-7"),
        new("report job id not a GUID", "bureau", HttpMethod.Get, _ => "/api/report-jobs/not-a-guid"),
        new("report job id the empty GUID", "bureau", HttpMethod.Get, _ => "/api/report-jobs/00000000-0000-0000-0000-000000000000"),
        new("revoking a negative API key", "bureau", HttpMethod.Delete, _ => "/api/account/api-keys/-1"),
        new("revoking an API key id that is text", "bureau", HttpMethod.Delete, _ => "/api/account/api-keys/all"),
        new("an answer without an item id (the path of PATCH answers)", "staffA", HttpMethod.Put, a => $"/api/assessments/{a.World.SelfA}/answers/", HttpStatusCode.MethodNotAllowed, IfMatch: 1),
        new("deleting a cycle (no such method)", "bureau", HttpMethod.Delete, a => $"/api/cycles/{a.World.CycleId}/results", HttpStatusCode.MethodNotAllowed),
        new("a path that does not exist", "bureau", HttpMethod.Get, _ => "/api/../../etc/passwd"),
    ];

    public static IEnumerable<TestDataRow<string>> Cases => Routes.Select(r => new TestDataRow<string>(r.Name) { DisplayName = r.Name });

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => api = await HostileApi.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public async Task A_hostile_id_in_the_path_is_a_Chinese_4xx_and_changes_nothing(string name)
    {
        var route = Routes.Single(r => r.Name == name);
        var database = await HostileChecks.DatabaseAsync(api.Host.Services);
        var content = route.Method == HttpMethod.Get || route.Method == HttpMethod.Delete ? null : Body.Json("""{"answers":[],"met":true}""").Content();

        using (var response = await api.SendAsync(route.User, route.Method, route.Path(api), content, null,
            route.IfMatch is { } version ? new Dictionary<string, string> { ["If-Match"] = $"\"{version}\"" } : null))
        {
            await HostileChecks.ExpectProblemAsync(response, route.Status, null, name);
        }

        Assert.AreEqual(database, await HostileChecks.DatabaseAsync(api.Host.Services), $"{name}: the database changed");
        await api.AssertStillServingAsync(name);
    }

    [TestMethod]
    public async Task Repeated_query_keys_do_not_replace_the_id_in_the_path()
    {
        using var response = await api.Client("bureau").GetAsync(new Uri(
            $"/api/assessments/{api.World.SelfA}/checklist?id={api.World.SelfB}&id={api.World.SelfB}&id=-1", UriKind.Relative));

        var checklist = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(api.World.SelfA, checklist.GetProperty("assessmentId").GetInt32());
    }
}
