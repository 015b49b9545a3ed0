using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Assessment.Scoring.Criteria;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Tests.Web.Hostile;

/// <summary>
/// The JSON API (assessments, cycles, account, API keys, publication settings) of one <see cref="ApiHost"/> on a
/// SQLite file with one <see cref="ApiWorld"/>, its users signed in once, and the request of a hostile case.
/// </summary>
internal sealed class HostileApi : IAsyncDisposable
{
    private readonly Dictionary<string, HttpClient> clients = [];

    private HostileApi(ApiHost host, ApiWorld world)
    {
        Host = host;
        World = world;
    }

    public ApiHost Host { get; }

    public ApiWorld World { get; }

    /// <summary>The publication settings of the world's cycle as the API returns them (the defaults): a valid PUT body.</summary>
    public string PublicationDefaults { get; private set; } = "";

    public string YesNoItem => Item<YesNoRule>();

    public string DeductionItem => Item<DeductionRule>();

    public string CountItem => Item<TargetRule>(r => r.Measure == TargetMeasure.Count);

    public string RateItem => Item<TargetRule>(r => r.Measure == TargetMeasure.Rate);

    public string LevelItem => Item<LevelsRule>();

    public string VetoId => World.Criteria.Vetoes[0].Id;

    public static async Task<HostileApi> StartAsync()
    {
        var host = ApiHost.Sqlite();
        var world = await ApiWorld.CreateAsync(host);
        var api = new HostileApi(host, world);
        api.clients["bureau"] = await host.SignInAsync(world.Bureau);
        api.clients["staffA"] = await host.SignInAsync(world.StaffA);
        api.clients["inspector"] = await host.SignInAsync(world.Inspector);
        api.clients["anonymous"] = host.Anonymous();
        using var defaults = await api.clients["bureau"].GetAsync(new Uri($"/api/cycles/{world.CycleId}/publication", UriKind.Relative));
        api.PublicationDefaults = (await defaults.ExpectAsync(HttpStatusCode.OK)).GetRawText();
        return api;
    }

    public HttpClient Client(string user) => clients[user];

    /// <summary>The publication defaults with <paramref name="change"/> applied.</summary>
    public string Publication(Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var body = JsonNode.Parse(PublicationDefaults)!.AsObject();
        change(body);
        return body.ToJsonString();
    }

    public Task<long> VersionAsync(int assessmentId) =>
        Host.WithDbAsync(db => db.Assessments.Where(a => a.Id == assessmentId).Select(a => a.Version).SingleAsync());

    /// <summary>Sends a hostile request; <paramref name="ifMatch"/> is the assessment whose current version goes in If-Match (0: the publication's version 0).</summary>
    public async Task<HttpResponseMessage> SendAsync(string user, HttpMethod method, string path, HttpContent? content, int? ifMatch, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (ifMatch is { } id)
        {
            var version = id == 0 ? 0 : await VersionAsync(id);
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Client(user).SendAsync(request);
    }

    /// <summary>A normal request right after: the server is up and answers as before.</summary>
    public async Task AssertStillServingAsync(string because)
    {
        using var response = await Client("bureau").GetAsync(new Uri($"/api/assessments/{World.SelfA}/checklist", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, $"{because}: the follow-up request failed");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        await Host.DisposeAsync();
    }

    private string Item<TRule>(Func<TRule, bool>? where = null)
        where TRule : ItemRule =>
        World.Criteria.Items.First(i => i.Rule is TRule rule && (where is null || where(rule))).Id;
}
