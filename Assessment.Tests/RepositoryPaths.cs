namespace Assessment.Tests;

/// <summary>Paths inside the repository the tests run from (found by walking up to Assessment.sln).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string CriteriaFolder => Path.Combine(Root, "criteria");

    public static string Criteria(string fileName) => Path.Combine(CriteriaFolder, fileName);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Assessment.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Assessment.sln not found above {AppContext.BaseDirectory}.");
    }
}
