using System.Globalization;

namespace Assessment.Benchmarks.Peer;

/// <summary>The arguments of <c>odata-peer</c>, with paths resolved and checked.</summary>
/// <param name="WebProject">The Assessment.Web project to build first when <c>--web</c> is not given (null: use <see cref="WebDll"/> as it is).</param>
public sealed record PeerOptions(string DatabaseFile, string WebDll, string? WebProject, string PeerFolder, int Rounds, int ExtractionRounds, int Warmup)
{
    /// <exception cref="ArgumentException">An argument is missing, unknown or invalid (the message says which).</exception>
    public static PeerOptions Parse(ReadOnlySpan<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i] is not ("--db" or "--rounds" or "--extraction-rounds" or "--warmup" or "--web" or "--peer"))
            {
                throw new ArgumentException($"unknown argument {args[i]}");
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{args[i]} needs a value");
            }

            values[args[i]] = args[i + 1];
        }

        if (!values.TryGetValue("--db", out var db))
        {
            throw new ArgumentException("--db is required");
        }

        var databaseFile = Path.GetFullPath(Directory.Exists(db) ? Path.Combine(db, "assessment.db") : db);
        if (!File.Exists(databaseFile) || Path.GetFileName(databaseFile) != "assessment.db")
        {
            throw new ArgumentException($"--db: no assessment.db at {databaseFile} (our app opens DATA_FOLDER/assessment.db)");
        }

        var repository = values.ContainsKey("--web") && values.ContainsKey("--peer") ? null : RepositoryRoot();
        // Without --web, Assessment.Web is built in this program's configuration (not a project reference:
        // BenchmarkDotNet rebuilds this project for every benchmark, and the web app would slow that down).
        var tfm = new DirectoryInfo(AppContext.BaseDirectory);
        var webProject = values.ContainsKey("--web") ? null : Path.Combine(repository!, "Assessment.Web", "Assessment.Web.csproj");
        var webDll = Path.GetFullPath(values.GetValueOrDefault("--web")
            ?? Path.Combine(repository!, "Assessment.Web", "bin", tfm.Parent!.Name, tfm.Name, "Assessment.Web.dll"));
        if (webProject is null && !File.Exists(webDll))
        {
            throw new ArgumentException($"--web: {webDll} does not exist");
        }

        var peer = Path.GetFullPath(values.GetValueOrDefault("--peer") ?? Path.Combine(repository!, "bench", "odata-peer"));
        if (!File.Exists(Path.Combine(peer, "package.json")))
        {
            throw new ArgumentException($"--peer: no package.json in {peer}");
        }

        return new PeerOptions(databaseFile, webDll, webProject, peer,
            Count(values, "--rounds", 20), Count(values, "--extraction-rounds", 3), Count(values, "--warmup", 3, minimum: 0));
    }

    private static int Count(Dictionary<string, string> values, string name, int fallback, int minimum = 1)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum
            ? n
            : throw new ArgumentException($"{name} must be a whole number ≥ {minimum}, not {text}");
    }

    /// <summary>The folder holding Assessment.sln, above the working directory or this program.</summary>
    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Assessment.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new ArgumentException("run inside the repository, or pass --web and --peer");
    }
}
