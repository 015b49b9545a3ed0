using Assessment.Scoring.Criteria;

namespace Assessment.Benchmarks;

/// <summary>Loads a criteria version shipped in the repository's criteria folder.</summary>
internal static class ShippedCriteria
{
    public static CriteriaVersion Load(string id)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "criteria", id + ".yaml");
            if (File.Exists(path))
            {
                var result = CriteriaParser.Parse(File.ReadAllText(path), path);
                return result.Version ?? throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
            }
        }

        throw new FileNotFoundException($"criteria/{id}.yaml not found above {AppContext.BaseDirectory}");
    }
}
