using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Assessment.Benchmarks.Peer;

/// <summary>
/// <c>odata-peer --db PATH [--rounds N] [--extraction-rounds M] [--warmup W] [--web Assessment.Web.dll] [--peer bench/odata-peer]</c>:
/// our OData feed and SAP CAP side by side, on the same rows and the same queries, with the same client.
/// Steps: a benchmark user (Analyst) in the database; our app on a loopback port; ItemScores and Rankings read through
/// our feed into the CAP project's CSV; CAP deployed to a SQLite file and served on another loopback port; the query
/// list run against both (warm-up, then rounds alternating which server goes first); a table of p50/p95, rows/s and the
/// ratio. Any difference in the rows the two return stops the run (exit 1).
/// </summary>
public static class PeerCommand
{
    public const string Verb = "odata-peer";

    /// <summary>The account the benchmark reads our feed with; created (or its password reset) in the database given.</summary>
    public const string UserName = "odata-peer-bench";

    /// <summary>Rows per page on both servers (our <c>OData:PageSize</c>, CAP's <c>cds.query.limit</c> in package.json).</summary>
    public const int PageSize = 1000;

    public const string Usage = """
        usage: odata-peer --db PATH/assessment.db [--rounds N] [--extraction-rounds M] [--warmup W] [--web PATH/Assessment.Web.dll] [--peer PATH/bench/odata-peer]
          --db                 our embedded database (the file assessment.db or its data folder); a user odata-peer-bench (Analyst) is added to it
          --rounds             measured rounds of each query (default 20)
          --extraction-rounds  measured rounds of the full extraction (default 3)
          --warmup             unmeasured rounds first (default 3; 1 for the extraction)
          --web                a built Assessment.Web.dll (default: Assessment.Web of this repository, built first in this configuration)
          --peer               the CAP project (default: bench/odata-peer of this repository)
        """;

    public static bool Handles(string[] args) => args is [Verb, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        PeerOptions options;
        try
        {
            options = PeerOptions.Parse(args.AsSpan(1));
        }
        catch (ArgumentException e)
        {
            await output.WriteLineAsync($"error: {e.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            await RunAsync(options, output).ConfigureAwait(false);
            return 0;
        }
        catch (PeerBenchmarkException e)
        {
            await output.WriteLineAsync($"FAILED: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task RunAsync(PeerOptions options, TextWriter output)
    {
        var logs = Directory.CreateTempSubdirectory("odata-peer-").FullName;
        await output.WriteLineAsync($"database: {options.DatabaseFile}\nour app:  {options.WebDll}\nCAP:      {options.PeerFolder}\nlogs:     {logs}").ConfigureAwait(false);
        using var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseCookies = false,
            MaxConnectionsPerServer = 4,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(10) };

        if (options.WebProject is not null)
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            await output.WriteLineAsync($"building Assessment.Web ({configuration}) …").ConfigureAwait(false);
            var buildLog = Path.Combine(logs, "build.log");
            if (await PeerProcess.RunAsync("dotnet", ["build", "-c", configuration, "--nologo", "-v", "q", options.WebProject],
                    Path.GetDirectoryName(options.WebProject)!, new Dictionary<string, string>(), buildLog).ConfigureAwait(false) != 0
                || !File.Exists(options.WebDll))
            {
                throw new PeerBenchmarkException($"Building {options.WebProject} failed: see {buildLog}");
            }
        }

        var webFolder = Path.GetDirectoryName(options.WebDll)!;
        var password = NewPassword();
        var ourEnvironment = new Dictionary<string, string>
        {
            ["Database__DataFolder"] = Path.GetDirectoryName(options.DatabaseFile)!,
            ["Demo__SeedOnFirstRun"] = "false",
            ["OData__PageSize"] = PageSize.ToString(CultureInfo.InvariantCulture),
            ["OData__RateLimitPermits"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASSESSMENT_NEW_PASSWORD"] = password,
        };

        // The benchmark user: added, or its password reset when it exists (user add refuses a taken name with 1).
        var userLog = Path.Combine(logs, "user.log");
        var added = await PeerProcess.RunAsync("dotnet", [options.WebDll, "user", "add", "--role", "Analyst", "--name", UserName, "--display-name", "OData 对比基准"],
            webFolder, ourEnvironment, userLog).ConfigureAwait(false);
        if (added != 0 && await PeerProcess.RunAsync("dotnet", [options.WebDll, "user", "reset-password", UserName], webFolder, ourEnvironment, userLog).ConfigureAwait(false) != 0)
        {
            throw new PeerBenchmarkException($"Could not create or reset the user {UserName}: see {userLog}");
        }

        ourEnvironment.Remove("ASSESSMENT_NEW_PASSWORD");
        var ourPort = PeerProcess.FreeLoopbackPort();
        // Not ASPNETCORE_URLS: appsettings.json sets Urls, which overrides it.
        ourEnvironment["Urls"] = $"http://127.0.0.1:{ourPort}";
        await using var ourApp = PeerProcess.Start("dotnet", [options.WebDll], webFolder, ourEnvironment, Path.Combine(logs, "ours.log"));
        await ourApp.WaitUntilServingAsync(client, new Uri($"http://127.0.0.1:{ourPort}/healthz"), TimeSpan.FromMinutes(2), "our app").ConfigureAwait(false);
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{password}")));
        var ours = new FeedEndpoint("ours", new Uri($"http://127.0.0.1:{ourPort}/odata/"), basic);
        await output.WriteLineAsync($"our app: pid {ourApp.Id}, {ours.ServiceRoot}").ConfigureAwait(false);

        var export = await PeerExport.RunAsync(ours, client, Path.Combine(options.PeerFolder, "db", "data")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"exported through our feed: {PeerCsv.Count(export.ItemScores)} ItemScores, {PeerCsv.Count(export.Rankings)} Rankings rows in {export.Elapsed.TotalSeconds:0.0} s; "
            + $"queries on cycle {export.Parameters.CycleYear}, dimension {export.Parameters.DimensionCode}, center {export.Parameters.CenterCode}, item {export.Parameters.ItemId}")).ConfigureAwait(false);

        await using var cap = await StartCapAsync(options, client, logs, output).ConfigureAwait(false);
        var peer = new FeedEndpoint("CAP", new Uri($"http://127.0.0.1:{cap.Port}/odata/"), authorization: null);

        var queries = PeerQueries.For(export.Parameters);
        var results = new List<PeerResult>();
        foreach (var query in queries)
        {
            var extraction = query.Kind == PeerQueryKind.Extraction;
            var result = await PeerMeasurement.MeasureAsync(client, ours, peer, query,
                warmup: extraction ? 1 : options.Warmup, rounds: extraction ? options.ExtractionRounds : options.Rounds).ConfigureAwait(false);
            if (extraction && result.Rows != export.ItemScores)
            {
                throw new PeerBenchmarkException($"The extraction returned {result.Rows} rows; the export wrote {export.ItemScores}.");
            }

            results.Add(result);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {query.Name}: {result.Rows} rows, ours p50 {result.Ours.P50:0.0} ms, CAP p50 {result.Peer.P50:0.0} ms")).ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(PeerMeasurement.Table(results, options)).ConfigureAwait(false);
    }

    private static async Task<CapServer> StartCapAsync(PeerOptions options, HttpClient client, string logs, TextWriter output)
    {
        var folder = options.PeerFolder;
        var npmLog = Path.Combine(logs, "npm.log");
        var environment = new Dictionary<string, string> { ["NODE_ENV"] = "production", ["CDS_ENV"] = "production" };
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            await output.WriteLineAsync("CAP: npm ci (node_modules is missing), then npm rebuild better-sqlite3").ConfigureAwait(false);
            if (await PeerProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, environment, npmLog).ConfigureAwait(false) != 0
                || await PeerProcess.RunAsync("npm", ["rebuild", "better-sqlite3"], folder, environment, npmLog).ConfigureAwait(false) != 0)
            {
                throw new PeerBenchmarkException($"npm failed in {folder}: see {npmLog}");
            }
        }

        // A fresh SQLite file from the CSV (cds-deploy uses cds.requires.db of package.json: db.sqlite).
        foreach (var file in Directory.GetFiles(folder, "db.sqlite*"))
        {
            File.Delete(file);
        }

        var deployLog = Path.Combine(logs, "cap-deploy.log");
        var deploy = Stopwatch.StartNew();
        if (await PeerProcess.RunAsync(Path.Combine(folder, "node_modules", ".bin", "cds-deploy"), [], folder, environment, deployLog).ConfigureAwait(false) != 0)
        {
            throw new PeerBenchmarkException($"cds-deploy failed: see {deployLog}");
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"CAP: CSV deployed into {Path.Combine(folder, "db.sqlite")} in {deploy.Elapsed.TotalSeconds:0.0} s")).ConfigureAwait(false);
        var port = PeerProcess.FreeLoopbackPort();
        var process = PeerProcess.Start(Path.Combine(folder, "node_modules", ".bin", "cds-serve"), ["all", "--port", port.ToString(CultureInfo.InvariantCulture)],
            folder, environment, Path.Combine(logs, "cap.log"));
        try
        {
            await process.WaitUntilServingAsync(client, new Uri($"http://127.0.0.1:{port}/odata/$metadata"), TimeSpan.FromMinutes(2), "CAP").ConfigureAwait(false);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await output.WriteLineAsync($"CAP: pid {process.Id}, http://127.0.0.1:{port}/odata/").ConfigureAwait(false);
        return new CapServer(process, port);
    }

    /// <summary>A password the Identity rules accept (length, digit, upper and lower case), new for each run.</summary>
    private static string NewPassword() => "Peer-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)) + "-x9";

    private sealed class CapServer(PeerProcess process, int port) : IAsyncDisposable
    {
        public int Port { get; } = port;

        public ValueTask DisposeAsync() => process.DisposeAsync();
    }
}
