using Assessment.Scoring.Criteria;
using Assessment.Web.Criteria;

namespace Assessment.Web.Cli;

/// <summary><c>criteria validate | diff | lock</c>.</summary>
internal static class CriteriaCommands
{
    public static int Validate(string[] paths, TextWriter output, TextWriter error)
    {
        var result = paths.Length == 0 ? CriteriaFolder.Load(CriteriaFolder.Locate()) : CriteriaFolder.Load(paths);
        foreach (var version in result.Versions)
        {
            var locked = result.Unlocked.Any(v => v.Id == version.Id) ? "new, not locked yet" : "locked";
            output.WriteLine($"{version.Id}  {version.Title}  effective {version.EffectiveDate:yyyy-MM-dd}  " +
                $"{version.Dimensions.Count} dimensions, {version.Items.Count} items, {version.Vetoes.Count} vetoes  {version.ContentHash} ({locked})");
        }

        if (result.Errors.Count > 0)
        {
            foreach (var problem in result.Errors)
            {
                error.WriteLine(problem);
            }

            error.WriteLine($"{result.Errors.Count} error(s).");
            return CommandLine.Failed;
        }

        output.WriteLine($"{result.Versions.Count} version(s) valid.");
        return CommandLine.Ok;
    }

    public static int Diff(string from, string to, TextWriter output, TextWriter error)
    {
        var catalog = CriteriaFolder.Load(CriteriaFolder.Locate());
        var a = Resolve(from, catalog, error);
        var b = Resolve(to, catalog, error);
        if (a is null || b is null)
        {
            return CommandLine.Failed;
        }

        var diff = CriteriaDiff.Compare(a, b);
        output.WriteLine($"{a.Id} → {b.Id}");
        if (diff.IsEmpty)
        {
            output.WriteLine("两个版本内容相同。");
        }

        foreach (var line in diff.ToLines())
        {
            output.WriteLine(line);
        }

        return CommandLine.Ok;
    }

    public static int Lock(string? folder, TextWriter output, TextWriter error)
    {
        folder ??= CriteriaFolder.Locate();
        var result = CriteriaFolder.Load(folder);
        if (result.Errors.Count > 0)
        {
            foreach (var problem in result.Errors)
            {
                error.WriteLine(problem);
            }

            error.WriteLine("Nothing locked: fix the errors first.");
            return CommandLine.Failed;
        }

        if (result.Unlocked.Count == 0)
        {
            output.WriteLine("Every version is already locked.");
            return CommandLine.Ok;
        }

        File.WriteAllText(CriteriaFolder.LockPath(folder), result.UpdatedLockText);
        foreach (var version in result.Unlocked)
        {
            output.WriteLine($"locked {version.Id} {version.ContentHash}");
        }

        return CommandLine.Ok;
    }

    /// <summary>A version id from the criteria folder, or a path to a criteria file.</summary>
    private static CriteriaVersion? Resolve(string reference, CatalogResult catalog, TextWriter error)
    {
        if (File.Exists(reference))
        {
            var parsed = CriteriaParser.Parse(File.ReadAllText(reference), reference);
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine(problem);
            }

            return parsed.Version;
        }

        var version = catalog.Versions.FirstOrDefault(v => v.Id == reference);
        if (version is null)
        {
            error.WriteLine($"No criteria version or file '{reference}'. Known versions: {string.Join(", ", catalog.Versions.Select(v => v.Id))}.");
        }

        return version;
    }
}
