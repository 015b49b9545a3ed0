using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Assessment.Tests.Web;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Browser;

/// <summary>
/// The real application for a real browser: <see cref="WebApplicationFactory{TEntryPoint}"/> on Kestrel
/// (127.0.0.1, an ephemeral port) over a SQLite file in a new temporary data folder, with the demo seeded as on a
/// first run (the demo accounts of the README exist), and a <see cref="NetworkSwitch"/> in front of it. Browsers
/// opened with <see cref="OpenBrowser"/> talk to <see cref="Address"/> (the switch); <see cref="Offline"/> and
/// <see cref="Online"/> take the network away and give it back as a phone losing its signal would.
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    /// <summary>Where <see cref="ServePage"/> pages live; nothing of the app is under it.</summary>
    public const string HarnessPrefix = "/_harness/";

    private readonly WebApplicationFactory<Program> factory;
    private readonly string folder;
    private readonly ConcurrentDictionary<string, (string ContentType, byte[] Body)> pages = new(StringComparer.Ordinal);
    private readonly List<Browser> browsers = [];

    private BrowserApp(string folder, bool seedDemo, Action<IWebHostBuilder>? configure)
    {
        this.folder = folder;
        DataFolder = Path.Combine(folder, "data");
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Sqlite));
            builder.UseSetting("Database:DataFolder", DataFolder);
            builder.UseSetting("Demo:SeedOnFirstRun", seedDemo ? "true" : "false");
            builder.UseSetting("Criteria:Folder", RepositoryPaths.CriteriaFolder);
            // appsettings.json asks for localhost:5080, which a developer's running app may hold.
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new HarnessPages(pages)));
            configure?.Invoke(builder);
        });
        if (seedDemo)
        {
            // The demo's first-run seed (evidence files included, under the data folder) takes seconds: it is
            // made once per test run and copied, so the app starts on exactly what a first run writes.
            DemoTemplate.CopyTo(DataFolder);
        }

        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        DirectAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        Network = new NetworkSwitch(new IPEndPoint(IPAddress.Loopback, DirectAddress.Port));
    }

    /// <summary>
    /// Starts the app (migrated, and with the demo seeded unless <paramref name="seedDemo"/> is false);
    /// <paramref name="configure"/> may add settings or services after the defaults.
    /// </summary>
    public static BrowserApp Start(bool seedDemo = true, Action<IWebHostBuilder>? configure = null) =>
        new(Directory.CreateTempSubdirectory("assessment-browser-").FullName, seedDemo, configure);

    /// <summary>The address browsers use: through <see cref="Network"/>.</summary>
    public Uri Address => Network.Address;

    /// <summary>Kestrel itself, bypassing the switch: for the test's own checks of the server while "offline".</summary>
    public Uri DirectAddress { get; }

    /// <summary>The relay between the browsers and the app.</summary>
    public NetworkSwitch Network { get; }

    /// <summary>The temporary folder of the SQLite database file.</summary>
    public string DataFolder { get; }

    public IServiceProvider Services => factory.Services;

    public AsyncServiceScope Scope() => factory.Services.CreateAsyncScope();

    /// <summary>Runs <paramref name="action"/> with a scoped <see cref="AssessmentDbContext"/> (to check what the server stored).</summary>
    public async Task<T> WithDbAsync<T>(Func<AssessmentDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Scope();
        return await action(scope.ServiceProvider.GetRequiredService<AssessmentDbContext>());
    }

    /// <summary>An HTTP client straight to Kestrel (not through the switch), with its own cookies.</summary>
    public HttpClient CreateClient() => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = DirectAddress,
    });

    /// <summary>
    /// Serves <paramref name="content"/> at <paramref name="path"/> (under <see cref="HarnessPrefix"/>) on the
    /// app's origin, for harness pages and scripts the app itself does not have (e.g. a test service worker).
    /// </summary>
    public Uri ServePage(string path, string content, string contentType = "text/html; charset=utf-8")
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        if (!path.StartsWith(HarnessPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Harness pages live under {HarnessPrefix}, not to shadow the app's own: {path}", nameof(path));
        }

        pages[path] = (contentType, Encoding.UTF8.GetBytes(content));
        return new Uri(Address, path);
    }

    /// <summary>Opens a new headless Chromium on <see cref="Address"/>, closed with the app.</summary>
    public Browser OpenBrowser(BrowserProfile profile, TestContext context)
    {
        var browser = Browser.Open(Address, profile, context);
        lock (browsers)
        {
            browsers.Add(browser);
        }

        return browser;
    }

    /// <summary>The browsers opened with <see cref="OpenBrowser"/> and not yet disposed.</summary>
    public IReadOnlyList<Browser> Browsers
    {
        get
        {
            lock (browsers)
            {
                return browsers.Where(b => !b.IsDisposed).ToList();
            }
        }
    }

    /// <summary>
    /// No signal: the switch refuses and cuts every connection (pages, fetches, service workers), and every
    /// open browser emulates being offline (<c>navigator.onLine</c> false, the <c>offline</c> event fires).
    /// </summary>
    public void Offline()
    {
        Network.TurnOff();
        foreach (var browser in Browsers)
        {
            browser.EmulateOffline(true);
        }
    }

    /// <summary>The signal is back: the switch accepts again, then the browsers go online (the <c>online</c> event fires).</summary>
    public void Online()
    {
        Network.TurnOn();
        foreach (var browser in Browsers)
        {
            browser.EmulateOffline(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var browser in Browsers)
        {
            browser.Dispose();
        }

        await Network.DisposeAsync();
        await factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is left for the OS to clean.
        }
    }

    /// <summary>A data folder with the demo seeded by the app's own first run, made once per test run.</summary>
    private static class DemoTemplate
    {
        private static readonly Lazy<string> Folder = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

        public static void CopyTo(string dataFolder) => Copy(new DirectoryInfo(Folder.Value), dataFolder);

        private static string Create()
        {
            var root = Directory.CreateTempSubdirectory("assessment-browser-demo-").FullName;
            var data = Path.Combine(root, "data");
            var seeding = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Testing");
                builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Sqlite));
                builder.UseSetting("Database:DataFolder", data);
                builder.UseSetting("Demo:SeedOnFirstRun", "true");
                builder.UseSetting("Criteria:Folder", RepositoryPaths.CriteriaFolder);
            });
            using (seeding)
            {
                _ = seeding.Server;
            }

            SqliteConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (IOException)
                {
                    // Left for the OS to clean.
                }
            };
            return data;
        }

        private static void Copy(DirectoryInfo source, string target)
        {
            Directory.CreateDirectory(target);
            foreach (var file in source.EnumerateFiles())
            {
                file.CopyTo(Path.Combine(target, file.Name));
            }

            foreach (var folder in source.EnumerateDirectories())
            {
                Copy(folder, Path.Combine(target, folder.Name));
            }
        }
    }

    /// <summary>Serves the registered harness pages ahead of the app's own pipeline.</summary>
    private sealed class HarnessPages(ConcurrentDictionary<string, (string ContentType, byte[] Body)> pages) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path.Value is { } path && path.StartsWith(HarnessPrefix, StringComparison.Ordinal))
                {
                    if (!pages.TryGetValue(path, out var page))
                    {
                        context.Response.StatusCode = StatusCodes.Status404NotFound;
                        return;
                    }

                    context.Response.ContentType = page.ContentType;
                    context.Response.Headers.CacheControl = "no-store";
                    await context.Response.Body.WriteAsync(page.Body);
                    return;
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
