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
    private const int Found = 302;
    private const int BadRequest = 400;
    private const int Unauthorized = 401;
    private const int Forbidden = 403;
    private const int Conflict = 409;
    private const int PreconditionRequired = 428;
    private const int Unprocessable = 422;
    private const int NotFound = 404;
    private const int UnsupportedMediaType = 415;

    /// <summary>The callers, in the column order of <see cref="Rows"/>.</summary>
    private static readonly string[] Callers =
        ["bureau", "inspector assigned", "inspector not assigned", "staff own center", "staff other center", "analyst", "anonymous"];

    private static ApiHost? host;
    private static ApiWorld? world;
    private static int evidenceId;
    private static int findingId;
    private static int closedActionId;
    private static int openActionId;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        host = ApiHost.Sqlite();
        world = await ApiWorld.CreateAsync(host);
        using var staff = await host.SignInAsync(world.StaffA);
        var version = await host.WithDbAsync(db => Task.FromResult(db.Assessments.Single(a => a.Id == world.SelfA).Version));
        using var upload = await staff.SendAsync(ApiWorkflowContract.Upload(world.SelfA, ApiWorkflowContract.Png(100), "image/png", "p.png", version));
        evidenceId = (await upload.ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();

        // Center A's ledger through the API: a problem split into two specific problems; the center completes the
        // first with evidence and the bureau closes it (销号), the second is not started.
        var ledger = $"/api/rectification/centers/{world.CenterA}/cycles/{world.CycleId}";
        using var added = await staff.SendAsync(Json(HttpMethod.Post, $"{ledger}/findings", new
        {
            findings = new[]
            {
                new
                {
                    aspect = "制度建设方面",
                    source = "InspectionTour",
                    description = "交易服务制度不健全",
                    actions = new[] { new { specificProblem = "服务指南未及时更新" }, new { specificProblem = "档案管理制度缺失" } },
                },
            },
        }));
        var finding = (await added.ExpectAsync(HttpStatusCode.OK))[0];
        findingId = finding.GetProperty("id").GetInt32();
        closedActionId = finding.GetProperty("actions")[0].GetProperty("id").GetInt32();
        openActionId = finding.GetProperty("actions")[1].GetProperty("id").GetInt32();
        using var completed = await staff.SendAsync(Json(HttpMethod.Put, $"/api/rectification/actions/{closedActionId}/status", new { status = "Completed", completedOn = "2021-12-20" }));
        await completed.ExpectAsync(HttpStatusCode.OK);
        using var proven = await staff.SendAsync(Json(HttpMethod.Put, $"/api/rectification/actions/{closedActionId}/evidence", new { evidenceIds = new[] { evidenceId } }));
        await proven.ExpectAsync(HttpStatusCode.OK);
        using var bureau = await host.SignInAsync(world.Bureau);
        using var closed = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/rectification/actions/{closedActionId}/close", new { conclusion = "经核查佐证材料，同意销号。" }));
        await closed.ExpectAsync(HttpStatusCode.OK);
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
        new("GET", "/healthz/ready", "/healthz/ready", null, [Ok, Ok, Ok, Ok, Ok, Ok, Ok]),

        // Web pages (method *: a page answers GET and POST; the matrix sends GET). A page a caller may not open
        // redirects anonymous callers to the login page and signed-in ones to /account/denied (both 302).
        new("*", "", "/", null, [Found, Found, Found, Found, Found, Found, Found]),
        new("*", "Index", "/Index", null, [Found, Found, Found, Found, Found, Found, Found]),
        new("*", "account/login", "/account/login", null, [Ok, Ok, Ok, Ok, Ok, Ok, Ok]),
        new("*", "account/logout", "/account/logout", null, [Found, Found, Found, Found, Found, Found, Found]),
        new("*", "account/denied", "/account/denied", null, [Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden]),
        new("*", "culture", "/culture", null, [Found, Found, Found, Found, Found, Found, Found]),

        // Pages: the bureau's cycle management. 新建考核周期 is the bureau's alone. The dashboard's handlers 开启填报, 开始审核
        // and 安排考核 (?handler=Open|Review|Schedule) are on bureau/cycles/{id:int} (its row is below) under the same page
        // policy; CyclePagesTests posts each of them as the refused roles.
        new("*", "bureau/cycles/new", "/bureau/cycles/new", null, [Ok, Found, Found, Found, Found, Found, Found]),

        // Pages: the feed's help page and the user's API keys (any signed-in user: the keys are their own).
        new("*", "feed", "/feed", null, [Ok, Ok, Ok, Ok, Ok, Ok, Found]),

        // Pages: the bureau's cycles and the results. /bureau/* is the bureau's alone; /results the bureau's and analysts'
        // (center staff and inspectors have their own pages). This cycle is open: no results page for it (404), and no job.
        new("*", "bureau/cycles", "/bureau/cycles", null, [Ok, Found, Found, Found, Found, Found, Found]),
        new("*", "bureau/cycles/{id:int}", $"/bureau/cycles/{w.CycleId}", null, [Ok, Found, Found, Found, Found, Found, Found]),
        new("*", "bureau/cycles/{id:int}/centers/{centerId:int}", $"/bureau/cycles/{w.CycleId}/centers/{w.CenterA}", null, [Ok, Found, Found, Found, Found, Found, Found]),
        new("*", "bureau/cycles/{id:int}/publication", $"/bureau/cycles/{w.CycleId}/publication", null, [Ok, Found, Found, Found, Found, Found, Found]),
        new("*", "bureau/assessments/{id:int}", $"/bureau/assessments/{w.InspectionA}", null, [Ok, Found, Found, Found, Found, Found, Found]),
        new("*", "bureau/report-jobs/{jobId:guid}", $"/bureau/report-jobs/{Guid.Empty}", null, [NotFound, Found, Found, Found, Found, Found, Found]),
        new("*", "results", "/results", null, [Ok, Found, Found, Found, Found, Ok, Found]),
        new("*", "results/{cycleId:int}", $"/results/{w.CycleId}", null, [NotFound, Found, Found, Found, Found, NotFound, Found]),

        // Pages: capture (我的考核 and the checklist). The list is for checklist users (analysts are sent to the
        // refusal page); a checklist opens only for whom the read rule admits, the others land on /account/denied.
        new("*", "checklists", "/checklists", null, [Ok, Ok, Ok, Ok, Ok, Found, Found]),
        new("*", "checklists/{id:int}", $"/checklists/{w.InspectionA}", null, [Ok, Ok, Found, Found, Found, Found, Found]),
        new("*", "checklists/{id:int}", $"/checklists/{w.SelfA}", null, [Ok, Found, Found, Ok, Found, Found, Found]),


        // Pages: center, ledger, criteria. The center page is the signed-in staff member's own center (center B's staff
        // see theirs); the ledger pages check the center like the ledger API (unassigned inspector and other center
        // refused); the overview sends center staff to their own ledger (B has none: to /center); editing and import are
        // the center's and the bureau's; the criteria are for every signed-in user.
        new("*", "center", "/center", null, [Found, Found, Found, Ok, Ok, Found, Found]),
        new("*", "ledger", "/ledger", null, [Ok, Ok, Ok, Found, Found, Ok, Found]),
        new("*", "ledger/{centerId:int}/{cycleId:int}", $"/ledger/{w.CenterA}/{w.CycleId}", null, [Ok, Ok, Found, Ok, Found, Ok, Found]),
        new("*", "ledger/{centerId:int}/{cycleId:int}/actions/{actionId:int}", $"/ledger/{w.CenterA}/{w.CycleId}/actions/{openActionId}", null, [Ok, Found, Found, Ok, Found, Found, Found]),
        new("*", "ledger/{centerId:int}/{cycleId:int}/import", $"/ledger/{w.CenterA}/{w.CycleId}/import", null, [Ok, Found, Found, Ok, Found, Found, Found]),
        new("*", "criteria", "/criteria", null, [Ok, Ok, Ok, Ok, Ok, Ok, Found]),
        new("*", "criteria/{versionId}", "/criteria/qh-demo-2021", null, [Ok, Ok, Ok, Ok, Ok, Ok, Found]),
        new("*", "criteria/diff", "/criteria/diff?from=qh-demo-2021&to=qh-demo-2022", null, [Ok, Ok, Ok, Ok, Ok, Ok, Found]),
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
        // bureau's and that center's staff's (this cycle is not published: 409; center A's ledger reports at any time); the zip job the bureau's.
        new("GET", "/api/cycles/{id:int}/publication", $"/api/cycles/{w.CycleId}/publication", null, [Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("PUT", "/api/cycles/{id:int}/publication", $"/api/cycles/{w.CycleId}/publication", new { number = 1 }, [PreconditionRequired, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        // Corrections of a published circular's settings: the bureau's alone (this cycle is open: the history is empty; a
        // correction without If-Match is 428 before anything is read).
        new("GET", "/api/cycles/{id:int}/publication/corrections", $"/api/cycles/{w.CycleId}/publication/corrections", null, [Ok, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("POST", "/api/cycles/{id:int}/publication/corrections", $"/api/cycles/{w.CycleId}/publication/corrections", new { number = 1, correctionReason = "更正" }, [PreconditionRequired, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("GET", "/api/cycles/{id:int}/reports/circular", $"/api/cycles/{w.CycleId}/reports/circular", null, [Conflict, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("GET", "/api/cycles/{id:int}/reports/feedback/{centerId:int}", $"/api/cycles/{w.CycleId}/reports/feedback/{w.CenterA}", null, [Conflict, Forbidden, Forbidden, Conflict, Forbidden, Forbidden, Unauthorized]),
        new("GET", "/api/cycles/{id:int}/reports/rectification/{centerId:int}", $"/api/cycles/{w.CycleId}/reports/rectification/{w.CenterA}", null, [Ok, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Unauthorized]),
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

        // Rectification ledger of center A (issue 7). Reads: the bureau, the inspector assigned to the center, the own
        // center and analysts; never another center or an unassigned inspector.
        new("GET", "/api/rectification/centers/{centerId:int}/cycles/{cycleId:int}/ledger", $"{Ledger(w)}/ledger", null, [Ok, Ok, Forbidden, Ok, Forbidden, Ok, Unauthorized]),
        new("GET", "/api/rectification/centers/{centerId:int}/cycles/{cycleId:int}/progress", $"{Ledger(w)}/progress", null, [Ok, Ok, Forbidden, Ok, Forbidden, Ok, Unauthorized]),
        new("GET", "/api/rectification/centers/{centerId:int}/cycles/{cycleId:int}/reminders", $"{Ledger(w)}/reminders", null, [Ok, Ok, Forbidden, Ok, Forbidden, Ok, Unauthorized]),
        new("GET", "/api/rectification/centers/{centerId:int}/cycles/{cycleId:int}/previous-cycle-rate", $"{Ledger(w)}/previous-cycle-rate", null, [Ok, Ok, Forbidden, Ok, Forbidden, Ok, Unauthorized]),
        new("GET", "/api/rectification/cycles/{cycleId:int}/progress", $"/api/rectification/cycles/{w.CycleId}/progress", null, [Ok, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Unauthorized]),

        // Findings: raised by the bureau, the assigned inspector and the own center (an empty list stops at 422);
        // proposals come from an inspection only for the bureau and its inspectors (this one is a draft: 422).
        new("POST", "/api/rectification/centers/{centerId:int}/cycles/{cycleId:int}/findings", $"{Ledger(w)}/findings", new { findings = Array.Empty<object>() }, [Unprocessable, Unprocessable, Forbidden, Unprocessable, Forbidden, Forbidden, Unauthorized]),
        new("GET", "/api/rectification/assessments/{assessmentId:int}/proposals", $"/api/rectification/assessments/{w.InspectionA}/proposals", null, [Unprocessable, Unprocessable, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),

        // The finding has a closed action: whoever may edit it gets as far as 409; only the bureau and the assigned
        // inspector may drop one, never the center.
        new("PUT", "/api/rectification/findings/{findingId:int}", $"/api/rectification/findings/{findingId}", new { description = "" }, [Conflict, Conflict, Forbidden, Conflict, Forbidden, Forbidden, Unauthorized]),
        new("DELETE", "/api/rectification/findings/{findingId:int}", $"/api/rectification/findings/{findingId}", null, [Conflict, Conflict, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),

        // Actions are the center's (and the bureau's): a split problem needs its specific problem (422); the closed
        // action refuses every change (409). Inspectors and analysts only read.
        new("POST", "/api/rectification/findings/{findingId:int}/actions", $"/api/rectification/findings/{findingId}/actions", new { }, [Unprocessable, Forbidden, Forbidden, Unprocessable, Forbidden, Forbidden, Unauthorized]),
        new("PUT", "/api/rectification/actions/{actionId:int}", $"/api/rectification/actions/{closedActionId}", new { measures = "改" }, [Conflict, Forbidden, Forbidden, Conflict, Forbidden, Forbidden, Unauthorized]),
        new("PUT", "/api/rectification/actions/{actionId:int}/status", $"/api/rectification/actions/{closedActionId}/status", new { status = "InProgress" }, [Conflict, Forbidden, Forbidden, Conflict, Forbidden, Forbidden, Unauthorized]),
        new("PUT", "/api/rectification/actions/{actionId:int}/evidence", $"/api/rectification/actions/{closedActionId}/evidence", new { evidenceIds = Array.Empty<int>() }, [Conflict, Forbidden, Forbidden, Conflict, Forbidden, Forbidden, Unauthorized]),

        // Verification (销号 / 退回) is the bureau's alone: closing twice is 409, sending back without a reason 422.
        new("POST", "/api/rectification/actions/{actionId:int}/close", $"/api/rectification/actions/{closedActionId}/close", new { conclusion = "同意销号" }, [Conflict, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),
        new("POST", "/api/rectification/actions/{actionId:int}/send-back", $"/api/rectification/actions/{closedActionId}/send-back", new { reason = "" }, [Unprocessable, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Unauthorized]),

        // Import: the center's or the bureau's; a JSON body is not a workbook (415); an unknown preview token is 404.
        new("POST", "/api/rectification/centers/{centerId:int}/cycles/{cycleId:int}/import", $"{Ledger(w)}/import", new { }, [UnsupportedMediaType, Forbidden, Forbidden, UnsupportedMediaType, Forbidden, Forbidden, Unauthorized]),
        new("POST", "/api/rectification/imports/{token}/confirm", "/api/rectification/imports/no-such-token/confirm", null, [NotFound, Forbidden, Forbidden, NotFound, NotFound, Forbidden, Unauthorized]),

        // Last, so the matrix above runs signed in: signing out answers 204 to any signed-in caller.
        new("POST", "/api/account/logout", "/api/account/logout", null, [NoContent, NoContent, NoContent, NoContent, NoContent, NoContent, Unauthorized]),
    ];

    [TestMethod]
    public void Every_endpoint_has_a_row_in_the_matrix_and_every_row_an_endpoint()
    {
        var endpoints = host!.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !IsStaticAsset(e))
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
            .Where(e => !IsStaticAsset(e))
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
                    using var request = row.Method == "*"
                        ? new HttpRequestMessage(HttpMethod.Get, row.Uri)
                        : row.Body is Form
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
        var ledger = await host.WithDbAsync(db => Task.FromResult(db.RectificationActions.Where(a => a.FindingId == findingId)
            .OrderBy(a => a.Order).Select(a => new { a.Status, Closed = a.ClosedAt != null }).ToList()));
        Assert.AreEqual("Completed True, NotStarted False", string.Join(", ", ledger.Select(a => $"{a.Status} {a.Closed}")), "the matrix changed no ledger item");
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

    private static string Ledger(ApiWorld w) => $"/api/rectification/centers/{w.CenterA}/cycles/{w.CycleId}";

    private static string Head(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>Files of wwwroot (stylesheet, scripts, ECharts): anonymous by design, no data in them.</summary>
    /// MapStaticAssets also adds, outside production, a catch-all <c>{**path:file}</c> for files added after the build.
    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText == "{**path:file}"
        || endpoint.Metadata.Any(m => m.GetType().FullName?.StartsWith("Microsoft.AspNetCore.StaticAssets.", StringComparison.Ordinal) == true);

    private sealed record Row(string Method, string Pattern, string Uri, object? Body, int[] Expected);

    /// <summary>Marks the multipart upload row.</summary>
    private sealed class Form
    {
        public static readonly Form Instance = new();
    }
}
