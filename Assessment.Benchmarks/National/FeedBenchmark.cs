using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Assessment.Benchmarks.National;

/// <summary>
/// The OData feed on a seeded dataset, end to end: starts the built application (<c>Assessment.Web.dll</c>, the
/// same configuration as this executable) as a separate process on 127.0.0.1 over the dataset's data folder, with
/// the feed's rate limit lifted (<c>OData:RateLimitPermits</c>) and the first-run demo seed off, signs in with HTTP
/// Basic as an account of the dataset, and measures typical analyst queries (p50/p95 over N runs each, after a
/// warm-up) and a complete paged extraction of every ItemScores row (following <c>@odata.nextLink</c>).
/// </summary>
internal static class FeedBenchmark
{
    /// <param name="postgres">A PostgreSQL connection string (a database migrated and seeded by <c>seed synthetic</c>), or null for the SQLite file in <paramref name="folder"/>.</param>
    public static async Task<int> RunAsync(string folder, int runs, string user, bool extract, string? postgres, TextWriter output)
    {
        var root = Machine.RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        // Built here rather than referenced by the project: BenchmarkDotNet rebuilds this project for every run,
        // and the web application would make that build slow for the other benchmarks.
        var server = Path.Combine(root, "Assessment.Web", "bin", configuration, "net10.0", "Assessment.Web.dll");
        await output.WriteLineAsync($"building Assessment.Web ({configuration}) …");
        using (var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", configuration, "--nologo", "-v", "q", Path.Combine(root, "Assessment.Web", "Assessment.Web.csproj")]) { UseShellExecute = false, RedirectStandardOutput = true }))
        {
            var log = await build!.StandardOutput.ReadToEndAsync();
            await build.WaitForExitAsync();
            if (build.ExitCode != 0 || !File.Exists(server))
            {
                await output.WriteLineAsync($"building Assessment.Web failed:{Environment.NewLine}{log}");
                return 1;
            }
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(server);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["Database__DataFolder"] = Path.GetFullPath(folder);
        start.Environment["Demo__SeedOnFirstRun"] = "false";
        if (postgres is not null)
        {
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["Database__ConnectionString"] = postgres;
        }

        start.Environment["OData__RateLimitPermits"] = "1000000";
        start.Environment["Criteria__Folder"] = Path.Combine(root, "criteria");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        var serverLog = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (serverLog) { serverLog.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (serverLog) { serverLog.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromMinutes(5),
            };
            if (!await WaitUntilUpAsync(client, process))
            {
                await output.WriteLineAsync("the server did not start:" + Environment.NewLine + serverLog);
                return 1;
            }

            var password = Environment.GetEnvironmentVariable("ASSESSMENT_NEW_PASSWORD") is { Length: > 0 } given ? given : "Synthetic-Data-2026";
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
            await output.WriteLineAsync($"server: {server} on port {port} (pid {process.Id}), user {user}, data folder {folder}");

            var years = await YearsAsync(client);
            var centers = await CenterCodesAsync(client);
            var itemScores = long.Parse(await client.GetStringAsync("/odata/ItemScores/$count"), CultureInfo.InvariantCulture);
            await output.WriteLineAsync($"dataset: {centers.Count:N0} centers, published years {string.Join(",", years)}, {itemScores:N0} ItemScores rows visible to {user}");

            cpuOf = () => ServerCpuMilliseconds(process.Id);
            var random = new Random(8);
            await MeasureAsync(output, client, runs, "ItemScores filtered 1,000-row page",
                i => $"/odata/ItemScores?$filter=CycleYear eq {years[i % years.Count]} and DimensionCode eq 'C' and Points lt MaxPoints");
            await MeasureAsync(output, client, runs, "ItemScores 1,000-row page, one center and year",
                i => $"/odata/ItemScores?$filter=CenterCode eq '{centers[random.Next(centers.Count)]}' and CycleYear eq {years[i % years.Count]}");
            await MeasureAsync(output, client, runs, "Rankings of a cycle (every page, ordered by rank)",
                i => $"/odata/Rankings?$filter=CycleYear eq {years[i % years.Count]}&$orderby=Rank", followNextLinks: true);
            await MeasureAsync(output, client, runs, "a center's history (Rankings by center, by year)",
                _ => $"/odata/Rankings?$filter=CenterCode eq '{centers[random.Next(centers.Count)]}'&$orderby=CycleYear");
            if (extract)
            {
                await ExtractAsync(output, client, "/odata/ItemScores");
            }

            await output.WriteLineAsync($"load average after: {Machine.LoadAverage()}");
            return 0;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    /// <summary>CPU time the server process has used so far (ms), or NaN where /proc is not available.</summary>
    private static Func<double> cpuOf = () => double.NaN;

    private static double ServerCpuMilliseconds(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return double.NaN;
        }

        // Fields after the command name: state is field 3; utime and stime are fields 14 and 15, in clock ticks (100 per second).
        var text = File.ReadAllText(stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    private const int WarmUpRuns = 20;

    private static async Task MeasureAsync(TextWriter output, HttpClient client, int runs, string name, Func<int, string> url, bool followNextLinks = false)
    {
        // Warm-up until the server's code is in steady state: .NET's tiered JIT recompiles a method after 30 calls
        // (in the background, at a cost to the requests measured meanwhile), so 3 warm-up requests measured tier-0 code.
        for (var i = 0; i < WarmUpRuns; i++)
        {
            await FetchAsync(client, url(i), followNextLinks);
        }

        var times = new List<double>(runs);
        long rows = 0;
        var cpuBefore = cpuOf();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            rows += await FetchAsync(client, url(i), followNextLinks);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        var cpu = (cpuOf() - cpuBefore) / runs;
        times.Sort();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{name}: p50 {Percentile(times, 0.5):0.0} ms, p95 {Percentile(times, 0.95):0.0} ms, max {times[^1]:0.0} ms, server CPU {cpu:0.0} ms per request, {rows / (double)runs:0} rows per request, {runs} runs ({url(0)})"));
    }

    private static async Task ExtractAsync(TextWriter output, HttpClient client, string first)
    {
        var clock = Stopwatch.StartNew();
        var cpuBefore = cpuOf();
        long rows = 0;
        var pages = 0;
        long bytes = 0;
        for (var next = first; next is not null; pages++)
        {
            using var response = await client.GetAsync(next);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{next}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
            }

            bytes += body.Length;
            using var document = JsonDocument.Parse(body);
            rows += document.RootElement.GetProperty("value").GetArrayLength();
            next = document.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
            if (pages % 250 == 0)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  extraction: {rows:N0} rows, {clock.Elapsed.TotalSeconds:0} s"));
            }
        }

        clock.Stop();
        var cpuSeconds = (cpuOf() - cpuBefore) / 1000;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"full extraction of {first}: {rows:N0} rows in {pages:N0} pages, {clock.Elapsed.TotalSeconds:0.0} s, {rows / clock.Elapsed.TotalSeconds:N0} rows/s, {bytes / 1e6:0} MB; server CPU {cpuSeconds:0.0} s ({rows / cpuSeconds:N0} rows per server CPU second)"));
    }

    private static async Task<long> FetchAsync(HttpClient client, string url, bool followNextLinks)
    {
        long rows = 0;
        for (string? next = url; next is not null;)
        {
            using var response = await client.GetAsync(next);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{next}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
            }

            using var document = JsonDocument.Parse(body);
            rows += document.RootElement.GetProperty("value").GetArrayLength();
            next = followNextLinks && document.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return rows;
    }

    private static async Task<List<int>> YearsAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/odata/Cycles?$filter=Status eq 'Published'&$select=Year&$orderby=Year"));
        var years = document.RootElement.GetProperty("value").EnumerateArray().Select(c => c.GetProperty("Year").GetInt32()).ToList();
        return years.Count > 0 ? years : throw new InvalidOperationException("the dataset has no published cycle");
    }

    private static async Task<List<string>> CenterCodesAsync(HttpClient client)
    {
        var codes = new List<string>();
        for (string? next = "/odata/Centers?$select=Code"; next is not null;)
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync(next));
            codes.AddRange(document.RootElement.GetProperty("value").EnumerateArray().Select(c => c.GetProperty("Code").GetString()!));
            next = document.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return codes;
    }

    private static async Task<bool> WaitUntilUpAsync(HttpClient client, Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90) && !process.HasExited)
        {
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
