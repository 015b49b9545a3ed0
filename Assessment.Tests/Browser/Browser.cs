using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;

namespace Assessment.Tests.Browser;

/// <summary>The screen a test runs on.</summary>
public enum BrowserProfile
{
    /// <summary>An inspector's phone: 360 × 740 CSS pixels, device pixel ratio 2, touch, a mobile user agent.</summary>
    Phone,

    /// <summary>A desk: 1366 × 900.</summary>
    Desk,
}

/// <summary>
/// One headless Chromium (Debian's <c>/usr/bin/chromium</c>, driven through <c>/usr/bin/chromedriver</c>; Selenium
/// Manager is never asked to download anything) with a fresh profile, in Chinese (zh-CN). Paths given to
/// <see cref="Goto"/> are relative to the app's address. Every wait is bounded (<see cref="DefaultTimeout"/>);
/// a wait that times out saves a screenshot. Uncaught JavaScript errors are collected from the browser's log
/// (<see cref="JavaScriptErrors"/>); <see cref="BrowserTest"/> fails a test that leaves any.
/// </summary>
public sealed class Browser : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public const string PhoneUserAgent =
        "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly ChromeDriver driver;
    private readonly string profileFolder;
    private readonly TestContext context;
    private readonly List<string> errors = [];
    private readonly List<string> console = [];
    private int screenshots;

    private Browser(Uri baseAddress, BrowserProfile profile, TestContext context)
    {
        BaseAddress = baseAddress;
        Profile = profile;
        this.context = context;
        profileFolder = Directory.CreateTempSubdirectory("assessment-chromium-").FullName;

        // Selenium Manager would try to download a browser or driver it cannot find: it has nothing to find.
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var options = new ChromeOptions { BinaryLocation = BrowserAvailability.ChromiumPath };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--no-first-run", "--no-default-browser-check", "--no-proxy-server",
            "--lang=zh-CN", $"--user-data-dir={profileFolder}");
        options.AddUserProfilePreference("intl.accept_languages", "zh-CN,zh");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        if (profile == BrowserProfile.Phone)
        {
            options.AddArgument("--window-size=360,740");
            options.EnableMobileEmulation(new ChromiumMobileEmulationDeviceSettings
            {
                Width = 360,
                Height = 740,
                PixelRatio = 2,
                EnableTouchEvents = true,
                UserAgent = PhoneUserAgent,
            });
        }
        else
        {
            options.AddArgument("--window-size=1366,900");
        }

        var service = ChromeDriverService.CreateDefaultService(
            Path.GetDirectoryName(BrowserAvailability.ChromeDriverPath)!, Path.GetFileName(BrowserAvailability.ChromeDriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var watch = Stopwatch.StartNew();
        driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        StartTime = watch.Elapsed;
        driver.Manage().Timeouts().PageLoad = DefaultTimeout;
        driver.Manage().Timeouts().AsynchronousJavaScript = DefaultTimeout;
        driver.Manage().Timeouts().ImplicitWait = TimeSpan.Zero;
        if (profile == BrowserProfile.Desk)
        {
            // The window size includes no browser chrome in headless mode, but pin the viewport exactly.
            driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
            {
                ["width"] = 1366, ["height"] = 900, ["deviceScaleFactor"] = 1, ["mobile"] = false,
            });
        }

        context.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Chromium ({profile}) started in {StartTime.TotalMilliseconds:F0} ms"));
    }

    /// <summary>Starts a browser on <paramref name="baseAddress"/>; prefer <see cref="BrowserApp.OpenBrowser"/>.</summary>
    public static Browser Open(Uri baseAddress, BrowserProfile profile, TestContext context)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(context);
        BrowserAvailability.Require();
        return new Browser(baseAddress, profile, context);
    }

    public Uri BaseAddress { get; }

    public BrowserProfile Profile { get; }

    /// <summary>How long Chromium and ChromeDriver took to start.</summary>
    public TimeSpan StartTime { get; }

    /// <summary>The Selenium driver, for anything the helpers do not cover.</summary>
    public ChromeDriver Driver => driver;

    public bool IsDisposed { get; private set; }

    /// <summary>The page's current address.</summary>
    public Uri Url => new(driver.Url);

    /// <summary>Opens <paramref name="path"/> (relative to the app, e.g. <c>/account/login</c>) and waits for it to load.</summary>
    public void Goto(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        driver.Navigate().GoToUrl(new Uri(BaseAddress, path));
    }

    /// <summary>
    /// Signs in through the UI's login form: <paramref name="loginPath"/> has inputs named <c>UserName</c> and
    /// <c>Password</c> and a submit button. Returns once the browser has left the login page; fails with the
    /// page's message when the form shows an error instead.
    /// </summary>
    public void SignIn(string userName, string password, string loginPath = "/account/login")
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        Goto(loginPath);
        var user = WaitFor("input[name='UserName']");
        user.Clear();
        user.SendKeys(userName);
        var secret = Find("input[name='Password']");
        secret.Clear();
        secret.SendKeys(password);
        var form = user.FindElement(By.XPath("ancestor::form"));
        form.FindElement(By.CssSelector("button[type='submit'], input[type='submit'], button:not([type])")).Click();
        var loginAddress = new Uri(BaseAddress, loginPath).AbsolutePath;
        var outcome = WaitFor(d =>
        {
            if (!new Uri(d.Url).AbsolutePath.Equals(loginAddress, StringComparison.OrdinalIgnoreCase))
            {
                return "signed in";
            }

            var problems = d.FindElements(By.CssSelector(".validation-summary-errors, [data-valmsg-summary] li, .field-validation-error, [role='alert']"))
                .Select(e => e.Text.Trim()).Where(t => t.Length > 0).ToList();
            return problems.Count > 0 ? string.Join(" / ", problems) : null;
        }, $"sign-in of {userName} to leave {loginPath}");
        if (outcome != "signed in")
        {
            Screenshot("sign-in-failed");
            Assert.Fail($"Sign-in of {userName} failed: {outcome}");
        }
    }

    /// <summary>The first element matching <paramref name="css"/> now (fails when there is none).</summary>
    public IWebElement Find(string css) => driver.FindElement(By.CssSelector(css));

    public IReadOnlyList<IWebElement> FindAll(string css) => driver.FindElements(By.CssSelector(css));

    /// <summary>Waits until an element matching <paramref name="css"/> is displayed, and returns it.</summary>
    public IWebElement WaitFor(string css, TimeSpan? timeout = null) =>
        WaitFor(d => d.FindElements(By.CssSelector(css)).FirstOrDefault(e => e.Displayed), $"'{css}' to be displayed", timeout);

    /// <summary>Waits until <paramref name="condition"/> returns non-null (or true), and returns that; a timeout fails the test with <paramref name="description"/> and a screenshot.</summary>
    public T WaitFor<T>(Func<IWebDriver, T?> condition, string description, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            try
            {
                var value = condition(driver);
                if (value is not null && !(value is bool done && !done))
                {
                    return value;
                }
            }
            catch (Exception e) when (e is StaleElementReferenceException or NoSuchElementException or JavaScriptException)
            {
                last = e;
            }

            if (watch.Elapsed > limit)
            {
                var shot = Screenshot("timeout");
                throw new AssertFailedException(
                    $"Waited {limit.TotalSeconds:F0} s for {description} at {driver.Url}; screenshot {shot}." + (last is null ? "" : $" Last error: {last.Message}"));
            }

            Thread.Sleep(Poll);
        }
    }

    /// <summary>Waits until the JavaScript <paramref name="expression"/> is truthy.</summary>
    public void WaitUntil(string expression, TimeSpan? timeout = null) =>
        WaitFor(_ => Run<bool>($"return !!({expression});"), expression, timeout);

    /// <summary>
    /// Runs <paramref name="script"/> in the page (a function body: <c>return …</c>, <c>arguments[0]</c>); a returned
    /// promise is awaited. Numbers come back as long or double, objects as dictionaries, arrays as collections.
    /// </summary>
    public object? Run(string script, params object?[] args) => driver.ExecuteScript(script, args);

    /// <summary><see cref="Run"/> converted to <typeparamref name="T"/> (string, bool, long, int, double, …).</summary>
    public T Run<T>(string script, params object?[] args)
    {
        var value = Run(script, args);
        return value switch
        {
            T typed => typed,
            null => default!,
            _ => (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// Where screenshots go: <c>ASSESSMENT_SCREENSHOTS</c>, else <c>TestResults/screenshots</c> at the repository root
    /// (beside CI's TRX files). MSTest's own results directories are the bin folder when deployment is off.
    /// </summary>
    public static string ScreenshotFolder => Environment.GetEnvironmentVariable("ASSESSMENT_SCREENSHOTS") is { Length: > 0 } folder
        ? Path.GetFullPath(folder)
        : Path.Combine(RepositoryPaths.Root, "TestResults", "screenshots");

    /// <summary>Saves a PNG of the viewport under the test results (screenshots/…), attaches it to the test result, and returns its path.</summary>
    public string Screenshot(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var folder = ScreenshotFolder;
        Directory.CreateDirectory(folder);
        var number = Interlocked.Increment(ref screenshots);
        var file = Path.Combine(folder, Sanitize($"{context.TestName}-{Profile}-{number:00}-{name}") + ".png");
        driver.GetScreenshot().SaveAsFile(file);
        context.AddResultFile(file);
        context.WriteLine($"Screenshot: {file}");
        return file;
    }

    /// <summary>Every uncaught JavaScript error (exceptions and unhandled rejections) the browser has logged so far.</summary>
    public IReadOnlyList<string> JavaScriptErrors
    {
        get
        {
            DrainLog();
            return errors.ToList();
        }
    }

    /// <summary>Everything else the browser logged (console messages, failed resource loads).</summary>
    public IReadOnlyList<string> ConsoleMessages
    {
        get
        {
            DrainLog();
            return console.ToList();
        }
    }

    /// <summary>Returns the uncaught errors so far and forgets them: for a test that expects an error.</summary>
    public IReadOnlyList<string> TakeJavaScriptErrors()
    {
        DrainLog();
        var taken = errors.ToList();
        errors.Clear();
        return taken;
    }

    public void AssertNoJavaScriptErrors()
    {
        var found = JavaScriptErrors;
        if (found.Count > 0)
        {
            Assert.Fail($"Uncaught JavaScript errors ({Profile}):{Environment.NewLine}{string.Join(Environment.NewLine, found)}");
        }
    }

    /// <summary>
    /// Emulates the phone's connectivity through the DevTools protocol (<c>Network.emulateNetworkConditions</c>):
    /// <c>navigator.onLine</c> and the <c>offline</c>/<c>online</c> events of the current tab follow. Requests of a
    /// service worker are not covered: <see cref="BrowserApp.Offline"/> also cuts the network itself.
    /// </summary>
    public void EmulateOffline(bool offline) =>
        driver.ExecuteCdpCommand("Network.emulateNetworkConditions", new Dictionary<string, object?>
        {
            ["offline"] = offline,
            ["latency"] = 0,
            ["downloadThroughput"] = -1,
            ["uploadThroughput"] = -1,
        });

    public void Dispose()
    {
        if (IsDisposed)
        {
            return;
        }

        IsDisposed = true;
        try
        {
            driver.Quit();
        }
        finally
        {
            driver.Dispose();
            try
            {
                Directory.Delete(profileFolder, recursive: true);
            }
            catch (IOException)
            {
                // Chromium's last writes may still be in flight: the temp folder is left for the OS.
            }
        }
    }

    private void DrainLog()
    {
        if (IsDisposed)
        {
            return;
        }

        foreach (var entry in driver.Manage().Logs.GetLog(LogType.Browser))
        {
            var line = $"{entry.Level}: {entry.Message}";
            if (entry.Level == LogLevel.Severe && entry.Message.Contains("Uncaught", StringComparison.Ordinal))
            {
                errors.Add(line);
            }
            else
            {
                console.Add(line);
            }
        }
    }

    private static string Sanitize(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(invalid.Contains(c) || char.IsWhiteSpace(c) ? '_' : c);
        }

        return builder.ToString();
    }
}
