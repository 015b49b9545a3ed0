using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Assessment.Tests.Web.ApiRequests;

namespace Assessment.Tests.Web;

/// <summary>
/// Every endpoint of the application × every kind of caller, with the status each must get. The rows
/// are checked against the endpoint data source: an endpoint added without a row fails the test.
/// </summary>
/// <remarks>
/// Requests that pass authorization are built to stop at a later, harmless check so the matrix changes
/// nothing: writes without <c>If-Match</c> (428), creates with an invalid body (400), publishing a cycle
/// whose inspections are not finalized (422). A 401/403 therefore means the caller was refused before any
/// of that, and any other status means the caller got through.
/// </remarks>
[TestClass]
public sealed class ApiAuthorizationMatrixTests
{
    private const int Ok = 200;
    private const int Created = 201;
    private const int NoContent = 204;
    private const int BadRequest = 400;
    private const int Unauthorized = 401;
    private const int Forbidden = 403;
    private const int Conflict = 409;
    private const int PreconditionRequired = 428;
    private const int Unprocessable = 422;

    /// <summary>The callers, in the column order of <see cref="Rows"/>.</summary>
    private static readonly string[] Callers =
        ["bureau", "inspector assigned", "inspector not assigned", "staff own center", "staff other center", "analyst", "anonymous"];

    private static ApiHost? host;
    private static ApiWorld? world;
    private static int evidenceId;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        host = ApiHost.Sqlite();
        world = await ApiWorld.CreateAsync(host);
        using var staff = await host.SignInAsync(world.StaffA);
        var version = await host.WithDbAsync(db => Task.FromResult(db.Assessments.Single(a => a.Id == world.SelfA).Version));
        using var upload = await staff.SendAsync(ApiWorkflowContract.Upload(world.SelfA, ApiWorkflowContract.Png(100), "image/png", "p.png", version));
        evidenceId = (await upload.ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>
    /// (method, route pattern) → request and the expected status per caller, in <see cref="Callers"/> order.
    /// "Self" is center A's self-assessment; "Inspection" is center A's inspection (assigned to the inspector).
    /// </summary>
    private static IEnumerable<Row> Rows(ApiWorld w) =>
    [
        new("GET", "/healthz", "/healthz", null, [Ok, Ok, Ok, Ok, Ok, Ok, Ok]),
        new("GET", "/api/criteria/", "/api/criteria/", null, [Ok, Ok, Ok, Ok, Ok, Ok, Ok]),
        new("GET", "/api/criteria/{id}", "/api/criteria/qh-demo-2021", null, [Ok, Ok, Ok, Ok, Ok, Ok, Ok]),
        new("GET", "/openapi/{documentName}.json", "/openapi/v1.json", null, [Ok, Ok, Ok, Ok, Ok, Ok, Ok]),
        new("POST", "/api/account/login", "/api/account/login", new { userName = "", password = "" }, [BadRequest, BadRequest, BadRequest, BadRequest, BadRequest, BadRequest, BadRequest]),
        new("GET", "/api/account/me", "/api/account/me", null, [Ok, Ok, Ok, Ok, Ok, Ok, Unauthorized]),

        // The OData feed authenticates with Basic or an API key only (what Excel and Power BI send): a UI cookie
        // does not open it. Per-role scopes of the feed are tested in ODataFeedAuthTests.
        new("GET", "/odata/", "/odata/", null, [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized]),
        new("GET", "/odata/{**path}", "/odata/$metadata", null, [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized]),
        new("POST", "/odata/$batch", "/odata/$batch", null, [Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized, Unauthorized]),

        // Personal API keys for the feed: every signed-in user manages their own.
        new("GET", "/api/account/api-keys/", "/api/account/api-keys/", null, [Ok, Ok, Ok, Ok, Ok, Ok, Unauthorized]),
        new("POST", "/api/account/api-keys/", "/api/account/api-keys/", new { name = "Excel" }, [Created, Created, Created, Created, Created, Created, Unauthorized]),
        new("DELETE", "/api/account/api-keys/{id:int}", "/api/account/api-keys/999999", null, [404, 404, 404, 404, 404, 404, Unauthorized]),

        // Reports: publication settings and the circular are the bureau's; a center's letter and rectification report the
        // bureau's and that center's staff's (this cycle is not published: 409; center A has no ledger: 404); the zip job the bureau's.
        new("GET", "/api/cycles/{id:int}/publication", $"/api/cycles/{w.CycleId}/publication", null, [Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("PUT", "/api/cycles/{id:int}/publication", $"/api/cycles/{w.CycleId}/publication", new { number = 1 }, [PreconditionRequired, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("GET", "/api/cycles/{id:int}/reports/circular", $"/api/cycles/{w.CycleId}/reports/circular", null, [Conflict, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("GET", "/api/cycles/{id:int}/reports/feedback/{centerId:int}", $"/api/cycles/{w.CycleId}/reports/feedback/{w.CenterA}", null, [Conflict, Forbidden, Forbidden, Conflict, Forbidden, Forbidden, Unauthorized]),
        new("GET", "/api/cycles/{id:int}/reports/rectification/{centerId:int}", $"/api/cycles/{w.CycleId}/reports/rectification/{w.CenterA}", null, [404, Forbidden, Forbidden, 404, Forbidden, Forbidden, Unauthorized]),
        new("POST", "/api/cycles/{id:int}/reports/feedback-zip", $"/api/cycles/{w.CycleId}/reports/feedback-zip", null, [Conflict, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("GET", "/api/report-jobs/{jobId:guid}", $"/api/report-jobs/{Guid.Empty}", null, [404, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("GET", "/api/report-jobs/{jobId:guid}/file", $"/api/report-jobs/{Guid.Empty}/file", null, [404, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),

        // Read the self-assessment: the bureau and the own center; inspectors are not assigned to self-assessments.
        new("GET", "/api/assessments/{id:int}/checklist", $"/api/assessments/{w.SelfA}/checklist", null, [Ok, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Unauthorized]),
        new("GET", "/api/assessments/{id:int}/revisions", $"/api/assessments/{w.InspectionA}/revisions", null, [Ok, Ok, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("GET", "/api/assessments/{id:int}/evidence/{evidenceId:int}", $"/api/assessments/{w.SelfA}/evidence/{evidenceId}", null, [Ok, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Unauthorized]),

        // Writes on the inspection: the bureau and the assigned inspector get as far as If-Match.
        new("PUT", "/api/assessments/{id:int}/answers/{itemId}", $"/api/assessments/{w.InspectionA}/answers/A2", new { number = 0 }, [PreconditionRequired, PreconditionRequired, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("PATCH", "/api/assessments/{id:int}/answers", $"/api/assessments/{w.InspectionA}/answers", new { answers = new[] { new { itemId = "A2", number = 0 } } }, [PreconditionRequired, PreconditionRequired, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("POST", "/api/assessments/{id:int}/submit", $"/api/assessments/{w.InspectionA}/submit", null, [PreconditionRequired, PreconditionRequired, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("POST", "/api/assessments/{id:int}/evidence", $"/api/assessments/{w.SelfA}/evidence", Form.Instance, [PreconditionRequired, Forbidden, Forbidden, PreconditionRequired, Forbidden, Forbidden, Unauthorized]),
        new("POST", "/api/assessments/{id:int}/finalize", $"/api/assessments/{w.InspectionA}/finalize", null, [PreconditionRequired, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("PUT", "/api/assessments/{id:int}/inspectors", $"/api/assessments/{w.InspectionA}/inspectors", new { inspectorIds = Array.Empty<string>() }, [PreconditionRequired, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("POST", "/api/assessments/{id:int}/amend", $"/api/assessments/{w.InspectionA}/amend", new { reason = "复核" }, [PreconditionRequired, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),

        // Cycles: administered by the bureau; results only once published (this cycle is not).
        new("GET", "/api/cycles/", "/api/cycles/", null, [Ok, Ok, Ok, Ok, Ok, Ok, Unauthorized]),
        new("GET", "/api/cycles/{id:int}/assessments", $"/api/cycles/{w.CycleId}/assessments", null, [Ok, Ok, Ok, Ok, Ok, Forbidden, Unauthorized]),
        new("POST", "/api/cycles/", "/api/cycles/", new { year = 1, title = "", criteriaVersionId = "qh-demo-2021", scheduleStart = "2021-01-01", scheduleEnd = "2021-12-31" }, [BadRequest, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("POST", "/api/cycles/{id:int}/open", $"/api/cycles/{w.CycleId}/open", null, [Conflict, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("POST", "/api/cycles/{id:int}/review", "/api/cycles/999999/review", null, [404, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("POST", "/api/cycles/{id:int}/assessments", $"/api/cycles/{w.CycleId}/assessments", new { centerId = w.CenterA, kind = "Inspection" }, [Conflict, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("POST", "/api/cycles/{id:int}/publish", $"/api/cycles/{w.CycleId}/publish", null, [Unprocessable, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("GET", "/api/cycles/{id:int}/results", $"/api/cycles/{w.CycleId}/results", null, [Conflict, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),

        // Last, so the matrix above runs signed in: signing out answers 204 to any signed-in caller.
        new("POST", "/api/account/logout", "/api/account/logout", null, [NoContent, NoContent, NoContent, NoContent, NoContent, NoContent, Unauthorized]),
    ];

    [TestMethod]
    public void Every_endpoint_has_a_row_in_the_matrix_and_every_row_an_endpoint()
    {
        var endpoints = host!.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet(StringComparer.Ordinal);
        var rows = Rows(world!).Select(r => $"{r.Method} {r.Pattern}").ToHashSet(StringComparer.Ordinal);

        CollectionAssert.AreEquivalent(
            endpoints.Order(StringComparer.Ordinal).ToList(),
            rows.Order(StringComparer.Ordinal).ToList(),
            $"endpoints without a row: {string.Join(", ", endpoints.Except(rows))}; rows without an endpoint: {string.Join(", ", rows.Except(endpoints))}");
    }

    [TestMethod]
    public void Every_endpoint_declares_its_authorization_explicitly()
    {
        var undeclared = host!.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null
                && !e.Metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any(a => a.Policy is not null))
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.IsEmpty(undeclared, $"endpoints without a named policy or AllowAnonymous: {string.Join(", ", undeclared)}");
    }

    [TestMethod]
    public async Task Each_caller_gets_the_expected_status_from_each_endpoint()
    {
        var w = world!;
        var users = new[] { w.Bureau, w.Inspector, w.OtherInspector, w.StaffA, w.StaffB, w.Analyst, null };
        var failures = new List<string>();
        var clients = new List<HttpClient>();
        try
        {
            foreach (var user in users)
            {
                clients.Add(user is null ? host!.Anonymous() : await host!.SignInAsync(user));
            }

            foreach (var row in Rows(w))
            {
                for (var i = 0; i < Callers.Length; i++)
                {
                    using var request = row.Body is Form
                        ? ApiWorkflowContract.Upload(w.SelfA, ApiWorkflowContract.Png(100), "image/png", "p.png", ifMatch: null)
                        : Json(new HttpMethod(row.Method), row.Uri, row.Body);
                    using var response = await clients[i].SendAsync(request);
                    if ((int)response.StatusCode != row.Expected[i])
                    {
                        failures.Add($"{row.Method} {row.Uri} as {Callers[i]}: expected {row.Expected[i]}, got {(int)response.StatusCode} {Head(await response.Content.ReadAsStringAsync())}");
                    }
                }
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        Assert.IsEmpty(failures, string.Join(Environment.NewLine, failures));
        Assert.AreEqual(0, await host!.WithDbAsync(db => Task.FromResult(db.Answers.Count(a => a.AssessmentId == w.InspectionA))), "the matrix changed nothing");
    }

    [TestMethod]
    public async Task Center_staff_see_their_inspection_only_after_publication_and_never_another_centers()
    {
        using var staffA = await host!.SignInAsync(world!.StaffA);
        using var own = await staffA.GetAsync($"/api/assessments/{world.InspectionA}/checklist");
        Assert.AreEqual(HttpStatusCode.Forbidden, own.StatusCode, "unpublished inspection of the own center");
        using var other = await staffA.GetAsync($"/api/assessments/{world.SelfB}/checklist");
        Assert.AreEqual(HttpStatusCode.Forbidden, other.StatusCode, "another center's self-assessment");
        using var anonymous = host.Anonymous();
        using var redirect = await anonymous.GetAsync($"/api/assessments/{world.SelfA}/checklist");
        Assert.AreEqual(HttpStatusCode.Unauthorized, redirect.StatusCode, "the API answers 401, never a redirect to the login page");
        Assert.AreEqual("application/problem+json", redirect.Content.Headers.ContentType?.MediaType);
    }

    [TestMethod]
    public async Task A_cycles_assessment_list_shows_each_caller_only_what_they_may_read()
    {
        var w = world!;
        var expected = new Dictionary<string, int[]>
        {
            [w.Bureau] = [w.SelfA, w.InspectionA, w.SelfB, w.InspectionB],
            [w.Inspector] = [w.InspectionA, w.InspectionB],
            [w.OtherInspector] = [],
            [w.StaffA] = [w.SelfA],
            [w.StaffB] = [w.SelfB],
        };
        foreach (var (user, ids) in expected)
        {
            using var client = await host!.SignInAsync(user);
            using var response = await client.GetAsync($"/api/cycles/{w.CycleId}/assessments");
            var list = await response.ExpectAsync(HttpStatusCode.OK);
            CollectionAssert.AreEquivalent(ids, list.EnumerateArray().Select(a => a.GetProperty("id").GetInt32()).ToArray(), user);
        }
    }

    [TestMethod]
    public async Task The_OpenAPI_document_describes_the_checklist_api()
    {
        using var client = host!.Anonymous();
        using var response = await client.GetAsync("/openapi/v1.json");
        var document = await response.ExpectAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        Assert.IsTrue(paths.TryGetProperty("/api/assessments/{id}/checklist", out _), paths.ToString());
        Assert.IsTrue(paths.TryGetProperty("/api/cycles/{id}/publish", out _));
        Assert.IsTrue(paths.GetProperty("/api/assessments/{id}/answers").TryGetProperty("patch", out _));
    }

    private static string Head(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private sealed record Row(string Method, string Pattern, string Uri, object? Body, int[] Expected);

    /// <summary>Marks the multipart upload row.</summary>
    private sealed class Form
    {
        public static readonly Form Instance = new();
    }
}
