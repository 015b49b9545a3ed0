namespace Assessment.Benchmarks.National;

/// <summary>
/// Benchmarks over a dataset made by <c>seed synthetic</c> (e.g. the national size, 3,000 centers × 10 years), run
/// as verbs of this executable before BenchmarkDotNet's switcher:
/// <c>dotnet run -c Release --project Assessment.Benchmarks -- national-feed --db FOLDER</c> and
/// <c>… -- national-rescore --db FOLDER</c>. FOLDER is the data folder the dataset was seeded into
/// (<c>Database:DataFolder</c>, holding <c>assessment.db</c>).
/// </summary>
internal static class NationalCommands
{
    public const string Usage = """
        national-feed    (--db FOLDER | --postgres CONNECTION-STRING) [--runs N] [--user NAME] [--extract true|false]
                         OData on the dataset: p50/p95 of analyst queries, rows/s of a full ItemScores extraction
                         (starts the built Assessment.Web on 127.0.0.1; password from ASSESSMENT_NEW_PASSWORD or the synthetic default)
        national-rescore --db FOLDER
                         loads every stored answer and scores every assessment again with the engine on one thread
        """;

    public static bool Handles(string[] args) => args is ["national-feed" or "national-rescore", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        var postgres = options.GetValueOrDefault("--postgres");
        if (postgres is not null && args[0] == "national-feed")
        {
            // The server reads PostgreSQL; its data folder (evidence files) is a temporary one.
            options.TryAdd("--db", Directory.CreateTempSubdirectory("national-feed-").FullName);
        }
        else if (!options.TryGetValue("--db", out var sqliteFolder) || !File.Exists(Path.Combine(sqliteFolder, "assessment.db")))
        {
            await output.WriteLineAsync("--db FOLDER must name a data folder holding assessment.db (made by `seed synthetic`)." + Environment.NewLine + Usage);
            return 2;
        }

        var folder = options["--db"];
        await output.WriteLineAsync($"machine: {Environment.ProcessorCount} logical processors, load average {Machine.LoadAverage()}, {Environment.OSVersion}, .NET {Environment.Version}");
        return args[0] switch
        {
            "national-feed" => await FeedBenchmark.RunAsync(
                folder,
                int.Parse(options.GetValueOrDefault("--runs", "30"), System.Globalization.CultureInfo.InvariantCulture),
                options.GetValueOrDefault("--user", "admin"),
                !string.Equals(options.GetValueOrDefault("--extract", "true"), "false", StringComparison.OrdinalIgnoreCase),
                postgres,
                output),
            _ => await RescoreBenchmark.RunAsync(folder, output),
        };
    }
}

internal static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "n/a".</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The repository root (the folder holding Assessment.sln) above this executable.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Assessment.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Assessment.sln not found above {AppContext.BaseDirectory}");
    }
}
