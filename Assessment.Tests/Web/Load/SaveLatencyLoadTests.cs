using System.Diagnostics;
using System.Globalization;
using System.Net;
using Assessment.Web.Persistence;
using Assessment.Web.Workflow;
using Microsoft.Extensions.DependencyInjection;
using static Assessment.Tests.Web.ApiRequests;

namespace Assessment.Tests.Web.Load;

/// <summary>
/// Checklist save latency under concurrent writers, over real sockets on 127.0.0.1 (Kestrel). Not part of
/// the normal run: set <c>ASSESSMENT_LOAD=1</c> (see docs/load/save-latency.md). Each writer is a signed-in
/// inspector client saving one answer at a time to its own center's inspection with If-Match and Idempotency-Key,
/// as the capture UI does (full checklist response, then Prefer: return=minimal as the offline sync client); a
/// last pass puts all writers on one assessment to measure 412 contention.
/// </summary>
[TestClass]
[TestCategory("Load")]
public sealed class SaveLatencyLoadTests
{
    private const string Switch = "ASSESSMENT_LOAD";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("Sqlite", 20)]
    [DataRow("Sqlite", 50)]
    [DataRow("Postgres", 20)]
    [DataRow("Postgres", 50)]
    public async Task Concurrent_writers_save_answers_and_the_latency_is_reported(string provider, int writers)
    {
        if (Environment.GetEnvironmentVariable(Switch) != "1")
        {
            Assert.Inconclusive($"Load test: set {Switch}=1 to run it.");
        }

        var saves = int.Parse(Environment.GetEnvironmentVariable("ASSESSMENT_LOAD_SAVES") ?? "40", CultureInfo.InvariantCulture);
        ApiHost host;
        if (provider == "Postgres")
        {
            var server = await PostgresServer.ConnectAsync();
            server.Require();
            host = (await ApiHost.PostgresAsync(server, kestrel: true))!;
        }
        else
        {
            host = ApiHost.Sqlite(kestrel: true);
        }

        await using var _ = host;
        var world = await ApiWorld.CreateAsync(host);
        var assessments = await CreateInspectionsAsync(host, world, writers);
        var items = world.Criteria.Items.Where(i => i.Rule is Assessment.Scoring.Criteria.DeductionRule).Select(i => i.Id).ToArray();

        // Own assessment per writer.
        var clients = new List<HttpClient>();
        for (var i = 0; i < writers; i++)
        {
            clients.Add(await host.SignInAsync(world.Inspector));
        }

        var own = await RunAsync(clients, (writer, _) => assessments[writer], items, saves, minimal: false);
        Report(provider, writers, saves, "own assessment each, full checklist response", own);
        Assert.AreEqual(0, own.Failures, "no save to an own assessment may fail");

        // The offline sync client: Prefer: return=minimal (204 + ETag), the next save's If-Match from the last ETag.
        var minimal = await RunAsync(clients, (writer, _) => assessments[writer], items, saves, minimal: true);
        Report(provider, writers, saves, "own assessment each, Prefer: return=minimal", minimal);
        Assert.AreEqual(0, minimal.Failures, "no minimal save to an own assessment may fail");

        // Inspectors at a human pace: each waits a think time between saves (default 1 s — tapping through a checklist
        // on site is slower), starting at random moments within the first think time. The passes above are
        // back-to-back, a saturation test: there the latency is the writers' count over the machine's throughput.
        var think = TimeSpan.FromMilliseconds(int.Parse(Environment.GetEnvironmentVariable("ASSESSMENT_LOAD_THINK_MS") ?? "1000", CultureInfo.InvariantCulture));
        var paced = await RunAsync(clients, (writer, _) => assessments[writer], items, saves, minimal: true, think: think);
        Report(provider, writers, saves, $"own assessment each, Prefer: return=minimal, {think.TotalMilliseconds:0} ms between saves", paced);
        Assert.AreEqual(0, paced.Failures, "no paced save to an own assessment may fail");

        // All writers on one assessment: optimistic concurrency turns collisions into 412s, never lost updates.
        var shared = await RunAsync(clients, (_, _) => assessments[0], items, Math.Max(5, saves / 4), minimal: false, "shared");
        Report(provider, writers, Math.Max(5, saves / 4), "one shared assessment", shared);
        var version = await host.WithDbAsync(db => Task.FromResult(db.Assessments.Single(a => a.Id == assessments[0]).Version));
        Assert.AreEqual(1 + (saves * 3L) + shared.Successes, version, "every successful save raised the version exactly once");
        clients.ForEach(c => c.Dispose());
    }

    private static async Task<int[]> CreateInspectionsAsync(ApiHost host, ApiWorld world, int count)
    {
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<AssessmentService>();
        var inspectorId = db.Users.Single(u => u.UserName == world.Inspector).Id;
        var region = db.Centers.Where(c => c.Id == world.CenterA).Select(c => c.RegionId).Single();
        var ids = new int[count];
        for (var i = 0; i < count; i++)
        {
            var center = new Center { Code = PersistenceBuilders.Unique("L"), Name = $"负载测试中心{i}", Level = CenterLevel.County, RegionId = region };
            db.Centers.Add(center);
            await db.SaveChangesAsync();
            ids[i] = (await service.CreateAsync(world.CycleId, new NewAssessment(center.Id, AssessmentKind.Inspection, [inspectorId]))).Id;
        }

        return ids;
    }

    /// <summary>
    /// Each writer saves <paramref name="saves"/> answers, one at a time, each with a new Idempotency-Key as the capture
    /// UI sends. Full mode reads the checklist (for the ETag) before each save and gets the whole checklist back;
    /// minimal mode reads it once and then takes each If-Match from the previous save's 204. With <paramref name="think"/>, a writer
    /// waits that long before each save (the first: a random part of it).
    /// </summary>
    private static async Task<Result> RunAsync(
        List<HttpClient> clients, Func<int, int, int> target, string[] items, int saves, bool minimal, string shared = "own", TimeSpan think = default)
    {
        var latencies = new List<double>[clients.Count];
        var failures = 0;
        var conflicts = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, writer) => Task.Run(async () =>
        {
            var mine = latencies[writer] = [];
            long? version = null;
            for (var n = 0; n < saves; n++)
            {
                if (think > TimeSpan.Zero)
                {
                    await Task.Delay(n == 0 ? think * Random.Shared.NextDouble() : think);
                }

                var id = target(writer, n);
                if (!minimal || version is null)
                {
                    using var read = await client.GetAsync($"/api/assessments/{id}/checklist");
                    version = read.ETag();
                }

                var item = items[(writer + n) % items.Length];
                using var request = Json(HttpMethod.Put, $"/api/assessments/{id}/answers/{item}", new { number = n % 2, note = $"{(minimal ? "minimal" : "full")} {shared} think {think.TotalMilliseconds} writer {writer} save {n}" }, version, Guid.NewGuid().ToString("N"));
                if (minimal)
                {
                    request.Headers.Add("Prefer", "return=minimal");
                }

                var watch = Stopwatch.StartNew();
                using var response = await client.SendAsync(request);
                await response.Content.LoadIntoBufferAsync();
                watch.Stop();
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent)
                {
                    mine.Add(watch.Elapsed.TotalMilliseconds);
                    version = response.ETag();
                }
                else if (response.StatusCode == HttpStatusCode.PreconditionFailed)
                {
                    Interlocked.Increment(ref conflicts);
                    version = null;
                }
                else
                {
                    Interlocked.Increment(ref failures);
                    version = null;
                }
            }
        })));
        total.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(all, failures, conflicts, total.Elapsed, cpu);
    }

    private void Report(string provider, int writers, int saves, string mode, Result result)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{provider}, {writers} writers × {saves} saves, {mode}: ok {result.Successes}, 412 {result.Conflicts}, failed {result.Failures}; " +
            $"p50 {Percentile(result.Latencies, 50):F1} ms, p95 {Percentile(result.Latencies, 95):F1} ms, p99 {Percentile(result.Latencies, 99):F1} ms, " +
            $"max {(result.Latencies.Length == 0 ? 0 : result.Latencies[^1]):F1} ms; {result.Successes / result.Elapsed.TotalSeconds:F0} saves/s; " +
            $"CPU {result.Cpu.TotalMilliseconds / Math.Max(1, result.Successes + result.Conflicts):F1} ms per save (server and clients)");
        TestContext.WriteLine(line);
        Console.WriteLine(line);
    }

    private static double Percentile(double[] sorted, int p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed record Result(double[] Latencies, int Failures, int Conflicts, TimeSpan Elapsed, TimeSpan Cpu)
    {
        public int Successes => Latencies.Length;
    }
}
