using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Assessment.Tests.Web.Ui;
using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static Assessment.Tests.Web.ApiRequests;

namespace Assessment.Tests.Web.Faults;

/// <summary>
/// Two bureau administrators save a cycle's publication settings for the first time at the same moment: both read
/// "nothing stored yet" (version 0), both insert, and the database's unique index on the cycle refuses the second.
/// One save wins whole; the other is told, in Chinese, that someone else saved the same record at the same time
/// (409, not a 500), and nothing of it is stored, not even its audit entry.
/// </summary>
/// <remarks>
/// The race is made certain, not left to timing: <see cref="BothReadBeforeEitherSaves"/> holds each save's read of
/// the stored settings until both requests have read, so both insert.
/// </remarks>
[TestClass]
[TestCategory("Faults")]
[DoNotParallelize]
public sealed class PublicationSettingsRaceTests
{
    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Two_simultaneous_first_saves_on_SQLite_keep_one_whole_and_refuse_the_other_with_409()
    {
        var race = new BothReadBeforeEitherSaves();
        await using var host = ApiHost.Sqlite(services: race.Install);
        await TwoFirstSavesThroughTheApiAsync(host, race);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Two_simultaneous_first_saves_on_PostgreSQL_keep_one_whole_and_refuse_the_other_with_409()
    {
        var server = await PostgresServer.ConnectAsync();
        server.Require();
        var race = new BothReadBeforeEitherSaves();
        await using var host = (await ApiHost.PostgresAsync(server, services: race.Install))!;
        await TwoFirstSavesThroughTheApiAsync(host, race);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Two_simultaneous_first_saves_through_the_page_show_the_loser_a_409_page_that_says_to_reload()
    {
        var race = new BothReadBeforeEitherSaves();
        await using var host = ApiHost.Sqlite(services: race.Install);
        var world = await ApiWorld.CreateAsync(host);
        using var first = await host.SignInAsync(world.Bureau);
        using var second = await host.SignInAsync(world.Bureau);
        var path = $"/bureau/cycles/{world.CycleId}/publication";
        var forms = new List<List<KeyValuePair<string, string>>>();
        foreach (var (client, title) in new[] { (first, "甲"), (second, "乙") })
        {
            var fields = PageHtml.FormFields(await client.GetPageAsync(path), "<form method=\"post\" class=\"settings\"");
            Assert.AreEqual("0", fields.Value("Form.Version"), "never saved before");
            forms.Add(fields.With("Form.Title", $"关于考核情况的通报（{title}）"));
        }

        race.Arm();
        var responses = await Task.WhenAll(PostAsBrowserAsync(first, path, forms[0]), PostAsBrowserAsync(second, path, forms[1]));
        try
        {
            Assert.IsTrue(race.Raced, "both saves found nothing stored");
            var won = responses.Single(r => r.StatusCode == HttpStatusCode.Redirect);
            var lost = responses.Single(r => r != won);
            var html = await lost.Content.ReadAsStringAsync();
            Assert.AreEqual(HttpStatusCode.Conflict, lost.StatusCode, html);
            Assert.AreEqual("text/html", lost.Content.Headers.ContentType?.MediaType);
            StringAssert.Contains(html, "他人同时保存了同一条记录，本次保存未生效，请刷新后重试。");
            StringAssert.Contains(html, "出错了（409）");

            var winner = Array.IndexOf(responses, won);
            var stored = await host.WithDbAsync(db => db.PublicationSettings.AsNoTracking().SingleAsync(s => s.CycleId == world.CycleId));
            Assert.AreEqual($"关于考核情况的通报（{(winner == 0 ? "甲" : "乙")}）", stored.Title);
            Assert.AreEqual(1, await InsertsAuditedAsync(host), "only the winner's insert is in the audit log");
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    private static async Task TwoFirstSavesThroughTheApiAsync(ApiHost host, BothReadBeforeEitherSaves race)
    {
        var world = await ApiWorld.CreateAsync(host);
        using var first = await host.SignInAsync(world.Bureau);
        using var second = await host.SignInAsync(world.Bureau);
        var uri = $"/api/cycles/{world.CycleId}/publication";
        using var read = await first.GetAsync(uri);
        Assert.AreEqual(0L, read.ETag(), "never saved before");
        var defaults = (await read.ExpectAsync(HttpStatusCode.OK)).GetRawText();
        JsonObject Body(string title)
        {
            var body = JsonNode.Parse(defaults)!.AsObject();
            body["title"] = title;
            return body;
        }

        var titles = new[] { "关于考核情况的通报（甲）", "关于考核情况的通报（乙）" };
        race.Arm();
        var responses = await Task.WhenAll(
            first.SendAsync(Json(HttpMethod.Put, uri, Body(titles[0]), ifMatch: 0)),
            second.SendAsync(Json(HttpMethod.Put, uri, Body(titles[1]), ifMatch: 0)));
        try
        {
            Assert.IsTrue(race.Raced, "both saves found nothing stored");
            var won = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
            var lost = responses.Single(r => r != won);
            var problem = await lost.ExpectAsync(HttpStatusCode.Conflict);
            Assert.AreEqual("application/problem+json", lost.Content.Headers.ContentType?.MediaType);
            Assert.AreEqual("他人同时保存了同一条记录，本次保存未生效，请刷新后重试。", problem.GetProperty("title").GetString());
            Assert.AreEqual(409, problem.GetProperty("status").GetInt32());

            // The winner's settings, whole; none of the loser's.
            var winner = titles[Array.IndexOf(responses, won)];
            using var again = await second.GetAsync(uri);
            var stored = await again.ExpectAsync(HttpStatusCode.OK);
            Assert.AreEqual(winner, stored.GetProperty("title").GetString());
            Assert.AreEqual(1L, again.ETag());
            Assert.AreEqual(1, await host.WithDbAsync(db => db.PublicationSettings.CountAsync(s => s.CycleId == world.CycleId)));
            Assert.AreEqual(1, await InsertsAuditedAsync(host), "only the winner's insert is in the audit log");

            // Reloading and saving again, as the message says, works.
            var body = JsonNode.Parse(stored.GetRawText())!.AsObject();
            body["title"] = titles[1 - Array.IndexOf(responses, won)];
            using var retried = await (won == responses[0] ? second : first).SendAsync(Json(HttpMethod.Put, uri, body, ifMatch: 1));
            await retried.ExpectAsync(HttpStatusCode.OK);
            Assert.AreEqual(2L, retried.ETag());
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    /// <summary>Posts a form as a browser navigating does (its Accept header: HTML first, then anything).</summary>
    private static async Task<HttpResponseMessage> PostAsBrowserAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8");
        return await client.SendAsync(request);
    }

    private static Task<int> InsertsAuditedAsync(ApiHost host) =>
        host.WithDbAsync(db => db.AuditLog.CountAsync(e => e.EntityType == nameof(PublicationSettings) && e.Action == AuditAction.Insert));

    /// <summary>
    /// Once <see cref="Arm"/>ed, holds each query of the publication settings (the saves' "is anything stored?") until a
    /// second one has run too (or 20 s pass), so that two saves that both found nothing stored both insert. Holding the
    /// read, not the save, matters on SQLite: a save first takes the database's write lock, which would hold the other.
    /// </summary>
    private sealed class BothReadBeforeEitherSaves : DbCommandInterceptor
    {
        private readonly TaskCompletionSource both = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int arrived;
        private volatile bool armed;

        /// <summary>Whether two reads met.</summary>
        public bool Raced => both.Task.IsCompletedSuccessfully;

        public void Install(IServiceCollection services)
        {
            services.ConfigureDbContext<SqliteAssessmentDbContext>(options => options.AddInterceptors(this));
            services.ConfigureDbContext<PostgresAssessmentDbContext>(options => options.AddInterceptors(this));
        }

        /// <summary>From now on, the next two reads of publication settings wait for each other.</summary>
        public void Arm() => armed = true;

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (armed && command.CommandText.Contains("FROM \"PublicationSettings\"", StringComparison.Ordinal))
            {
                if (Interlocked.Increment(ref arrived) == 2)
                {
                    both.TrySetResult();
                }

                await Task.WhenAny(both.Task, Task.Delay(TimeSpan.FromSeconds(20), cancellationToken));
            }

            return result;
        }
    }
}
