namespace Assessment.Tests;

/// <summary>Where the tests run. Under CI a missing requirement (a server, a browser, a tool, root) fails a test instead of skipping it.</summary>
internal static class TestEnvironment
{
    /// <summary>CI=true or CI=1, as CI services set it (and <c>.ci/run</c> exports).</summary>
    public static bool IsCi => Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");
}
