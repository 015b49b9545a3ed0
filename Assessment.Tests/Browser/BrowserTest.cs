namespace Assessment.Tests.Browser;

/// <summary>
/// Base of the browser test classes: each test gets its own <see cref="App"/> (the real app with the demo
/// seeded, behind a <see cref="NetworkSwitch"/>), opens browsers with <see cref="OpenBrowser"/>, and at the end
/// gets a screenshot of every open browser when it failed, and fails when a page threw an uncaught JavaScript
/// error that the test did not take (<see cref="Browser.TakeJavaScriptErrors"/>). Without Chromium the tests are
/// inconclusive, under CI they fail (<see cref="BrowserAvailability.Require"/>).
/// Derived classes should carry <c>[DoNotParallelize]</c>: two Chromiums at once on a 2-core machine make timings flaky.
/// </summary>
public abstract class BrowserTest
{
    private BrowserApp? app;

    public TestContext TestContext { get; set; } = null!;

    /// <summary>The app under test, started before each test.</summary>
    protected BrowserApp App => app ?? throw new InvalidOperationException("The app starts in TestInitialize.");

    /// <summary>Whether the app seeds the demo (the README's accounts and data); true unless a class overrides it.</summary>
    protected virtual bool SeedDemo => true;

    [TestInitialize]
    public void StartApp()
    {
        BrowserAvailability.Require();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        app = BrowserApp.Start(SeedDemo);
        TestContext.WriteLine($"App started (demo seeded: {SeedDemo}) in {watch.ElapsedMilliseconds} ms at {app.DirectAddress}, switch at {app.Address}");
    }

    /// <summary>Opens a headless Chromium on the app (through the switch).</summary>
    protected Browser OpenBrowser(BrowserProfile profile = BrowserProfile.Phone) => App.OpenBrowser(profile, TestContext);

    [TestCleanup]
    public async Task StopAppAsync()
    {
        if (app is null)
        {
            return;
        }

        var problems = new List<string>();
        try
        {
            foreach (var browser in app.Browsers)
            {
                if (TestContext.CurrentTestOutcome != UnitTestOutcome.Passed)
                {
                    browser.Screenshot("failed");
                }

                problems.AddRange(browser.JavaScriptErrors.Select(e => $"[{browser.Profile}] {e}"));
            }
        }
        finally
        {
            await app.DisposeAsync();
            app = null;
        }

        if (problems.Count > 0)
        {
            Assert.Fail($"Uncaught JavaScript errors:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }
    }
}
