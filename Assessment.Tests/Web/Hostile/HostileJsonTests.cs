using System.Net;
using System.Text;

namespace Assessment.Tests.Web.Hostile;

/// <summary>
/// Every JSON endpoint of the assessment API, the account, API keys and publication settings, sent bodies no
/// client should send: broken, oversized, deeply nested, with duplicate keys, wrong types, numbers out of range,
/// strings too long for their column, characters the database or a document cannot hold. Each is a 4xx
/// ProblemDetails in Chinese naming the field, the server keeps serving, and the database does not change.
/// </summary>
[TestClass]
public sealed class HostileJsonTests
{
    private static HostileApi api = null!;

    /// <summary>A JSON endpoint with a body it accepts (so a malformation is the only thing wrong).</summary>
    private sealed record Endpoint(string Name, string User, HttpMethod Method, Func<HostileApi, string> Path, Func<HostileApi, string> Valid, Func<HostileApi, int?> IfMatch);

    /// <summary>One hostile request and what it must get.</summary>
    private sealed record Case(string Name, string User, HttpMethod Method, Func<HostileApi, string> Path, Func<HostileApi, Body> Body, Func<HostileApi, int?> IfMatch, HttpStatusCode Status, Func<HostileApi, string?> Field, IReadOnlyDictionary<string, string>? Headers = null);

    private static readonly Endpoint[] Endpoints =
    [
        new("PATCH answers", "staffA", HttpMethod.Patch, a => $"/api/assessments/{a.World.SelfA}/answers",
            a => $$"""{"answers":[{"itemId":"{{a.YesNoItem}}","met":true}]}""", a => a.World.SelfA),
        new("PUT one answer", "staffA", HttpMethod.Put, a => $"/api/assessments/{a.World.SelfA}/answers/{a.YesNoItem}",
            _ => """{"met":true}""", a => a.World.SelfA),
        new("PUT inspectors", "bureau", HttpMethod.Put, a => $"/api/assessments/{a.World.InspectionA}/inspectors",
            _ => """{"inspectorIds":[]}""", a => a.World.InspectionA),
        new("POST amend", "bureau", HttpMethod.Post, a => $"/api/assessments/{a.World.SelfA}/amend",
            _ => """{"reason":"更正"}""", a => a.World.SelfA),
        new("POST cycle", "bureau", HttpMethod.Post, _ => "/api/cycles/",
            _ => """{"year":2030,"title":"2030年度考核","criteriaVersionId":"qh-demo-2022","scheduleStart":"2030-10-01","scheduleEnd":"2030-12-01"}""", _ => null),
        new("POST cycle assessment", "bureau", HttpMethod.Post, a => $"/api/cycles/{a.World.CycleId}/assessments",
            a => $$"""{"centerId":{{a.World.CenterA}},"kind":"SelfAssessment"}""", _ => null),
        new("POST api key", "bureau", HttpMethod.Post, _ => "/api/account/api-keys",
            _ => """{"name":"Power BI"}""", _ => null),
        new("PUT publication", "bureau", HttpMethod.Put, a => $"/api/cycles/{a.World.CycleId}/publication",
            a => a.PublicationDefaults, _ => 0),
        new("POST login", "anonymous", HttpMethod.Post, _ => "/api/account/login",
            _ => """{"userName":"nobody-at-all","password":"x"}""", _ => null),
    ];

    private static readonly (string Name, Func<string, Body> Make, HttpStatusCode Status)[] Malformations =
    [
        ("truncated", valid => Body.Json(valid[..(valid.Length / 2)]), HttpStatusCode.BadRequest),
        ("not JSON at all", _ => Body.Json("答案：是"), HttpStatusCode.BadRequest),
        ("an array instead of an object", _ => Body.Json("[]"), HttpStatusCode.BadRequest),
        ("JSON null", _ => Body.Json("null"), HttpStatusCode.BadRequest),
        ("empty", _ => Body.Raw([]), HttpStatusCode.BadRequest),
        ("UTF-16 with a BOM", valid => Body.Raw([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(valid)]), HttpStatusCode.BadRequest),
        ("broken UTF-8", valid => Body.Raw([.. Encoding.UTF8.GetBytes(valid[..^1]), 0xC3, 0x28, (byte)'}']), HttpStatusCode.BadRequest),
        ("nested 10,000 deep", _ => Body.Json("""{"x":""" + HostileChecks.Nested(10_000) + "}"), HttpStatusCode.BadRequest),
        ("nested 40 deep", _ => Body.Json("""{"x":""" + HostileChecks.Nested(40) + "}"), HttpStatusCode.BadRequest),
        ("2 MB", _ => Body.Json("""{"pad":" """ + new string('x', 2 * 1024 * 1024) + "\"}"), HttpStatusCode.RequestEntityTooLarge),
        ("declared as text/plain", valid => Body.Raw(Encoding.UTF8.GetBytes(valid), "text/plain"), HttpStatusCode.UnsupportedMediaType),
        ("declared as a form", valid => Body.Raw(Encoding.UTF8.GetBytes(valid), "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType),
    ];

    public static IEnumerable<TestDataRow<string>> MalformedBodies =>
        Endpoints.SelectMany(e => Malformations.Select(m => Row($"{e.Name}: {m.Name} body")));

    public static IEnumerable<TestDataRow<string>> FieldCases => Fields.Select(c => Row(c.Name));

    private static TestDataRow<string> Row(string name) => new(name) { DisplayName = name };

    private static IEnumerable<Case> Cases =>
        Endpoints.SelectMany(e => Malformations.Select(m => new Case(
            $"{e.Name}: {m.Name} body", e.User, e.Method, e.Path, a => m.Make(e.Valid(a)), e.IfMatch, m.Status,
            _ => m.Status == HttpStatusCode.RequestEntityTooLarge ? "$" : null)))
        .Concat(Fields);

    private static string Long(int length) => new('长', length);

    private static Case Answers(string name, Func<HostileApi, string> answer, HttpStatusCode status, Func<HostileApi, string?> field) =>
        new($"PATCH answers: {name}", "staffA", HttpMethod.Patch, a => $"/api/assessments/{a.World.SelfA}/answers",
            a => Body.Json($$"""{"answers":[{{answer(a)}}]}"""), a => a.World.SelfA, status, field);

    private static Case Cycle(string name, string body, string field) =>
        new($"POST cycle: {name}", "bureau", HttpMethod.Post, _ => "/api/cycles/", _ => Body.Json(body), _ => null, HttpStatusCode.BadRequest, _ => field);

    private static Case NewAssessment(string name, Func<HostileApi, string> body, string field) =>
        new($"POST cycle assessment: {name}", "bureau", HttpMethod.Post, a => $"/api/cycles/{a.World.CycleId}/assessments",
            a => Body.Json(body(a)), _ => null, HttpStatusCode.BadRequest, _ => field);

    private static Case Publication(string name, Action<System.Text.Json.Nodes.JsonObject> change, string field) =>
        new($"PUT publication: {name}", "bureau", HttpMethod.Put, a => $"/api/cycles/{a.World.CycleId}/publication",
            a => Body.Json(a.Publication(change)), _ => 0, HttpStatusCode.BadRequest, _ => field);

    private static Case ApiKey(string name, string body, string field) =>
        new($"POST api key: {name}", "bureau", HttpMethod.Post, _ => "/api/account/api-keys", _ => Body.Json(body), _ => null, HttpStatusCode.BadRequest, _ => field);

    private const string CycleDates = "\"criteriaVersionId\":\"qh-demo-2022\",\"scheduleStart\":\"2030-10-01\",\"scheduleEnd\":\"2030-12-01\"";

    private static readonly Case[] Fields =
    [
        // Answers: every field of an answer, wrong.
        Answers("note longer than 4000 characters", a => $$"""{"itemId":"{{a.DeductionItem}}","number":1,"note":"{{Long(4001)}}"}""", HttpStatusCode.BadRequest, a => a.DeductionItem),
        Answers("note with NUL", a => $$"""{"itemId":"{{a.DeductionItem}}","number":1,"note":"a\u0000b"}""", HttpStatusCode.BadRequest, _ => "$.answers[0].note"),
        Answers("note with a lone surrogate", a => $$"""{"itemId":"{{a.DeductionItem}}","number":1,"note":"a\ud800b"}""", HttpStatusCode.BadRequest, _ => "$.answers[0].note"),
        Answers("note with a right-to-left override", a => $$"""{"itemId":"{{a.DeductionItem}}","number":1,"note":"合格\u202Egnp.exe"}""", HttpStatusCode.BadRequest, _ => "$.answers[0].note"),
        Answers("note with a bell character", a => $$"""{"itemId":"{{a.DeductionItem}}","number":1,"note":"a\u0007b"}""", HttpStatusCode.BadRequest, _ => "$.answers[0].note"),
        Answers("note as a number", a => $$"""{"itemId":"{{a.DeductionItem}}","number":1,"note":12}""", HttpStatusCode.BadRequest, _ => "$.answers[0].note"),
        Answers("number 1e400", a => $$"""{"itemId":"{{a.CountItem}}","number":1e400}""", HttpStatusCode.BadRequest, _ => "$.answers[0].number"),
        Answers("number NaN", a => $$"""{"itemId":"{{a.CountItem}}","number":NaN}""", HttpStatusCode.BadRequest, _ => "$"),
        Answers("number \"NaN\" as text", a => $$"""{"itemId":"{{a.CountItem}}","number":"NaN"}""", HttpStatusCode.BadRequest, _ => "$.answers[0].number"),
        Answers("number \"Infinity\" as text", a => $$"""{"itemId":"{{a.CountItem}}","number":"Infinity"}""", HttpStatusCode.BadRequest, _ => "$.answers[0].number"),
        Answers("count of decimal's largest value", a => $$"""{"itemId":"{{a.CountItem}}","number":79228162514264337593543950335}""", HttpStatusCode.BadRequest, a => a.CountItem),
        Answers("count of 10^15", a => $$"""{"itemId":"{{a.CountItem}}","number":1000000000000000}""", HttpStatusCode.BadRequest, a => a.CountItem),
        Answers("deduction of decimal's largest value", a => $$"""{"itemId":"{{a.DeductionItem}}","number":79228162514264337593543950335}""", HttpStatusCode.BadRequest, a => a.DeductionItem),
        Answers("rate with 20 decimals", a => $$"""{"itemId":"{{a.RateItem}}","number":50.00000000000000000001}""", HttpStatusCode.BadRequest, a => a.RateItem),
        Answers("negative rate", a => $$"""{"itemId":"{{a.RateItem}}","number":-0.5}""", HttpStatusCode.BadRequest, a => a.RateItem),
        Answers("negative deduction", a => $$"""{"itemId":"{{a.DeductionItem}}","number":-1}""", HttpStatusCode.BadRequest, a => a.DeductionItem),
        Answers("level of 10,000 characters", a => $$"""{"itemId":"{{a.LevelItem}}","level":"{{Long(10_000)}}"}""", HttpStatusCode.BadRequest, a => a.LevelItem),
        Answers("item id of 10,000 characters", _ => $$"""{"itemId":"{{new string('A', 10_000)}}","met":true}""", HttpStatusCode.BadRequest, _ => new string('A', 10_000)),
        Answers("item id with NUL", _ => """{"itemId":"A1\u0000","met":true}""", HttpStatusCode.BadRequest, _ => "$.answers[0].itemId"),
        Answers("item id missing", _ => """{"met":true}""", HttpStatusCode.BadRequest, _ => "$"),
        Answers("met as \"yes\"", a => $$"""{"itemId":"{{a.YesNoItem}}","met":"yes"}""", HttpStatusCode.BadRequest, _ => "$.answers[0].met"),
        Answers("met given twice", a => $$"""{"itemId":"{{a.YesNoItem}}","met":true,"met":false}""", HttpStatusCode.BadRequest, _ => "$.answers[0].met"),
        Answers("method as a number", a => $$"""{"itemId":"{{a.YesNoItem}}","met":true,"method":99}""", HttpStatusCode.BadRequest, _ => "$.answers[0].method"),
        Answers("method as a numeric string", a => $$"""{"itemId":"{{a.YesNoItem}}","met":true,"method":"1"}""", HttpStatusCode.BadRequest, _ => "$.answers[0].method"),
        Answers("method unknown", a => $$"""{"itemId":"{{a.YesNoItem}}","met":true,"method":"Telepathy"}""", HttpStatusCode.BadRequest, _ => "$.answers[0].method"),
        Answers("evidence id beyond int", a => $$"""{"itemId":"{{a.YesNoItem}}","met":true,"evidenceIds":[2147483648]}""", HttpStatusCode.BadRequest, _ => "$.answers[0].evidenceIds[0]"),
        Answers("evidence id negative", a => $$"""{"itemId":"{{a.YesNoItem}}","met":true,"evidenceIds":[-1]}""", HttpStatusCode.BadRequest, a => a.YesNoItem),
        Answers("a null answer", _ => "null", HttpStatusCode.BadRequest, _ => "answers[0].itemId"),
        new("PATCH answers: answers given twice", "staffA", HttpMethod.Patch, a => $"/api/assessments/{a.World.SelfA}/answers",
            a => Body.Json($$"""{"answers":[{"itemId":"{{a.YesNoItem}}","met":true}],"answers":[]}"""), a => a.World.SelfA, HttpStatusCode.BadRequest, _ => "$.answers"),
        new("PATCH answers: veto id of 5,000 characters", "inspector", HttpMethod.Patch, a => $"/api/assessments/{a.World.InspectionA}/answers",
            _ => Body.Json($$"""{"vetoes":[{"vetoId":"{{new string('V', 5000)}}","triggered":true}]}"""), a => a.World.InspectionA, HttpStatusCode.BadRequest, _ => "veto:" + new string('V', 5000)),
        new("PATCH answers: veto note longer than 2000 characters", "inspector", HttpMethod.Patch, a => $"/api/assessments/{a.World.InspectionA}/answers",
            a => Body.Json($$"""{"vetoes":[{"vetoId":"{{a.VetoId}}","triggered":true,"note":"{{Long(2001)}}"}]}"""), a => a.World.InspectionA, HttpStatusCode.BadRequest, a => "veto:" + a.VetoId),
        new("PATCH answers: cycle id beyond int", "staffA", HttpMethod.Patch, a => $"/api/assessments/{a.World.SelfA}/answers",
            a => Body.Json($$"""{"answers":[{"itemId":"{{a.YesNoItem}}","met":true}],"cycleId":99999999999}"""), a => a.World.SelfA, HttpStatusCode.BadRequest, _ => "$.cycleId"),
        new("PUT one answer: item id in the path of 2,000 characters", "staffA", HttpMethod.Put, a => $"/api/assessments/{a.World.SelfA}/answers/{new string('B', 2000)}",
            _ => Body.Json("""{"met":true}"""), a => a.World.SelfA, HttpStatusCode.BadRequest, _ => new string('B', 2000)),
        new("PUT one answer: item id in the path with an encoded control character", "staffA", HttpMethod.Put, a => $"/api/assessments/{a.World.SelfA}/answers/A1%07",
            _ => Body.Json("""{"met":true}"""), a => a.World.SelfA, HttpStatusCode.BadRequest, _ => "A1\u0007"),
        new("PUT one answer: Idempotency-Key of 200 characters", "staffA", HttpMethod.Put, a => $"/api/assessments/{a.World.SelfA}/answers/{a.YesNoItem}",
            _ => Body.Json("""{"met":true}"""), a => a.World.SelfA, HttpStatusCode.BadRequest, _ => "Idempotency-Key",
            new Dictionary<string, string> { ["Idempotency-Key"] = new string('k', 200) }),
        new("PUT inspectors: ids as a string", "bureau", HttpMethod.Put, a => $"/api/assessments/{a.World.InspectionA}/inspectors",
            _ => Body.Json("""{"inspectorIds":"all"}"""), a => a.World.InspectionA, HttpStatusCode.BadRequest, _ => "$.inspectorIds"),
        new("PUT inspectors: an id of 10,000 characters", "bureau", HttpMethod.Put, a => $"/api/assessments/{a.World.InspectionA}/inspectors",
            _ => Body.Json($$"""{"inspectorIds":["{{new string('u', 10_000)}}"]}"""), a => a.World.InspectionA, HttpStatusCode.BadRequest, _ => "inspectorIds"),
        new("PUT inspectors: an injection-like id", "bureau", HttpMethod.Put, a => $"/api/assessments/{a.World.InspectionA}/inspectors",
            _ => Body.Json("""{"inspectorIds":["' OR '1'='1"]}"""), a => a.World.InspectionA, HttpStatusCode.BadRequest, _ => "inspectorIds"),
        new("POST amend: reason longer than 1000 characters", "bureau", HttpMethod.Post, a => $"/api/assessments/{a.World.SelfA}/amend",
            _ => Body.Json($$"""{"reason":"{{Long(1001)}}"}"""), a => a.World.SelfA, HttpStatusCode.BadRequest, _ => "reason"),

        // Cycles.
        Cycle("year as Chinese text", """{"year":"明年","title":"t",""" + CycleDates + "}", "$.year"),
        Cycle("year beyond int", """{"year":99999999999,"title":"t",""" + CycleDates + "}", "$.year"),
        Cycle("year as 2.5", """{"year":2030.5,"title":"t",""" + CycleDates + "}", "$.year"),
        Cycle("negative year", """{"year":-5,"title":"t",""" + CycleDates + "}", "year"),
        Cycle("year given twice", """{"year":2030,"year":2031,"title":"t",""" + CycleDates + "}", "$.year"),
        Cycle("title longer than 200 characters", """{"year":2030,"title":" """ + Long(201) + "\"," + CycleDates + "}", "title"),
        Cycle("title with NUL", """{"year":2030,"title":"考核\u0000",""" + CycleDates + "}", "$.title"),
        Cycle("title with a right-to-left isolate", """{"year":2030,"title":"考核\u2067",""" + CycleDates + "}", "$.title"),
        Cycle("criteria version as a path", """{"year":2030,"title":"t","criteriaVersionId":"../../etc/passwd","scheduleStart":"2030-10-01","scheduleEnd":"2030-12-01"}""", "criteriaVersionId"),
        Cycle("criteria version missing", """{"year":2030,"title":"t","scheduleStart":"2030-10-01","scheduleEnd":"2030-12-01"}""", "criteriaVersionId"),
        Cycle("schedule missing", """{"year":2030,"title":"t","criteriaVersionId":"qh-demo-2022"}""", "scheduleStart"),
        Cycle("schedule on 30 February", """{"year":2030,"title":"t","criteriaVersionId":"qh-demo-2022","scheduleStart":"2030-02-30","scheduleEnd":"2030-12-01"}""", "$.scheduleStart"),
        Cycle("schedule in year 9999", """{"year":2030,"title":"t","criteriaVersionId":"qh-demo-2022","scheduleStart":"2030-10-01","scheduleEnd":"9999-12-31"}""", "scheduleEnd"),

        // New assessments.
        NewAssessment("center id beyond int", _ => """{"centerId":2147483648,"kind":"SelfAssessment"}""", "$.centerId"),
        NewAssessment("negative center id", _ => """{"centerId":-1,"kind":"Inspection"}""", "centerId"),
        NewAssessment("kind as a number", a => $$"""{"centerId":{{a.World.CenterA}},"kind":99}""", "$.kind"),
        NewAssessment("kind as a numeric string", a => $$"""{"centerId":{{a.World.CenterA}},"kind":"1"}""", "$.kind"),
        NewAssessment("kind unknown", a => $$"""{"centerId":{{a.World.CenterA}},"kind":"Audit"}""", "$.kind"),

        // API keys.
        ApiKey("name longer than 100 characters", $$"""{"name":"{{Long(101)}}"}""", "name"),
        ApiKey("name with NUL", """{"name":"key\u0000"}""", "$.name"),
        ApiKey("name with a left-to-right override", """{"name":"\u202Dkey"}""", "$.name"),
        ApiKey("name as an object", """{"name":{"text":"key"}}""", "$.name"),

        // Publication settings.
        Publication("title longer than 500 characters", p => p["title"] = Long(501), "title"),
        Publication("issuer name longer than 100 characters", p => p["issuerName"] = Long(101), "issuerName"),
        Publication("highlight lead longer than 500 characters", p => p["highlights"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["lead"] = Long(501), ["text"] = "正文" }), "highlights[0]"),
        Publication("problem heading longer than 500 characters", p => p["problems"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["dimension"] = "服务内容", ["heading"] = Long(501), ["text"] = "正文" }), "problems[0]"),
        Publication("addressee with NUL", p => p["addressees"] = new System.Text.Json.Nodes.JsonArray("各市州", "中心\0"), "$.addressees[1]"),
        Publication("number beyond int", p => p["number"] = 1e20, "$.number"),
        Publication("rectification days negative", p => p["rectifyWithinDays"] = -1, "rectifyWithinDays"),
        Publication("signature date as text", p => p["signatureDate"] = "去年", "$.signatureDate"),

        // Sign-in.
        new("POST login: user name with NUL", "anonymous", HttpMethod.Post, _ => "/api/account/login",
            _ => Body.Json("""{"userName":"admin\u0000","password":"x"}"""), _ => null, HttpStatusCode.BadRequest, _ => "$.userName"),
        new("POST login: password as a number", "anonymous", HttpMethod.Post, _ => "/api/account/login",
            _ => Body.Json("""{"userName":"nobody","password":123456}"""), _ => null, HttpStatusCode.BadRequest, _ => "$.password"),
    ];

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
    [DynamicData(nameof(MalformedBodies))]
    public Task A_malformed_body_is_a_Chinese_4xx_and_changes_nothing(string name) => RunAsync(name);

    [TestMethod]
    [DynamicData(nameof(FieldCases))]
    public Task A_bad_field_is_a_Chinese_4xx_naming_it_and_changes_nothing(string name) => RunAsync(name);

    private static async Task RunAsync(string name)
    {
        var hostile = Cases.Single(c => c.Name == name);
        var database = await HostileChecks.DatabaseAsync(api.Host.Services);
        var files = HostileChecks.Files(api.Host.EvidenceFolder);

        using (var response = await api.SendAsync(hostile.User, hostile.Method, hostile.Path(api), hostile.Body(api).Content(), hostile.IfMatch(api), hostile.Headers))
        {
            await HostileChecks.ExpectProblemAsync(response, hostile.Status, hostile.Field(api), name);
        }

        Assert.AreEqual(database, await HostileChecks.DatabaseAsync(api.Host.Services), $"{name}: the database changed");
        Assert.AreEqual(files, HostileChecks.Files(api.Host.EvidenceFolder), $"{name}: the evidence folder changed");
        await api.AssertStillServingAsync(name);
    }
}
