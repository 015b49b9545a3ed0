using Assessment.Scoring.Criteria;

namespace Assessment.Web.Criteria;

/// <summary>
/// Reads criteria files from disk for the engine, which does no I/O of its own. A criteria folder holds
/// one YAML file per version and a <c>criteria.lock</c> with the hashes of the released versions.
/// </summary>
public static class CriteriaFolder
{
    public const string LockFileName = "criteria.lock";

    /// <summary>
    /// The criteria folder to use when none is given: <c>criteria/</c> in the current directory or the
    /// nearest parent that has one (so the command works from the repository or a project folder),
    /// else the copy deployed beside the executable.
    /// </summary>
    public static string Locate()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "criteria");
            if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate).Any(IsCriteriaFile))
            {
                return candidate;
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "criteria");
    }

    public static bool IsCriteriaFile(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads every criteria file of a folder and checks them against the folder's lock file.</summary>
    public static CatalogResult Load(string folder)
    {
        var files = Directory.EnumerateFiles(folder)
            .Where(IsCriteriaFile)
            .Order(StringComparer.Ordinal)
            .Select(path => (Display(path), File.ReadAllText(path)))
            .ToList();
        return LoadFiles(files, folder);
    }

    /// <summary>Loads the given files (and folders), checking them against the lock file of the folder they are in.</summary>
    public static CatalogResult Load(IReadOnlyList<string> paths)
    {
        var files = new List<(string Path, string Text)>();
        string? lockFolder = null;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path).Where(IsCriteriaFile).Order(StringComparer.Ordinal).Select(p => (Display(p), File.ReadAllText(p))));
                lockFolder ??= path;
            }
            else if (File.Exists(path))
            {
                files.Add((Display(path), File.ReadAllText(path)));
                lockFolder ??= Path.GetDirectoryName(Path.GetFullPath(path));
            }
            else
            {
                throw new FileNotFoundException($"No such criteria file or folder: {path}", path);
            }
        }

        return LoadFiles(files, lockFolder ?? Locate());
    }

    public static string LockPath(string folder) => Path.Combine(folder, LockFileName);

    private static CatalogResult LoadFiles(IReadOnlyList<(string Path, string Text)> files, string folder)
    {
        var lockPath = LockPath(folder);
        var lockText = File.Exists(lockPath) ? File.ReadAllText(lockPath) : null;
        return CriteriaCatalog.Load(files, lockText, Display(lockPath));
    }

    /// <summary>A path as the user would type it: relative to the current directory when inside it.</summary>
    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(path) : relative;
    }
}
