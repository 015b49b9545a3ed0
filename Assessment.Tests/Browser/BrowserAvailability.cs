namespace Assessment.Tests.Browser;

/// <summary>
/// Whether the browser tests can run here: Debian's <c>chromium</c> and <c>chromium-driver</c> (installed by
/// <c>.ci/install-chromium.sh</c>). Elsewhere the tests are reported as not run (inconclusive); under CI
/// (<c>CI=true</c>) a missing browser fails them instead, so that CI never passes without running them.
/// </summary>
public static class BrowserAvailability
{
    /// <summary>The Chromium binary; <c>ASSESSMENT_CHROMIUM</c> overrides <c>/usr/bin/chromium</c>.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("ASSESSMENT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The matching ChromeDriver; <c>ASSESSMENT_CHROMEDRIVER</c> overrides <c>/usr/bin/chromedriver</c>.</summary>
    public static string ChromeDriverPath => Environment.GetEnvironmentVariable("ASSESSMENT_CHROMEDRIVER") is { Length: > 0 } path ? path : "/usr/bin/chromedriver";

    public static bool IsInstalled => File.Exists(ChromiumPath) && File.Exists(ChromeDriverPath);

    public static bool IsCi => TestEnvironment.IsCi;

    /// <summary>Returns when the browser can run; otherwise ends the test: inconclusive, or failed under CI.</summary>
    public static void Require()
    {
        if (IsInstalled)
        {
            return;
        }

        var message = $"Chromium not installed: run .ci/install-chromium.sh (looked for {ChromiumPath} and {ChromeDriverPath}).";
        if (IsCi)
        {
            Assert.Fail(message + " CI=true: browser tests must run under CI");
        }

        Assert.Inconclusive(message);
    }
}
