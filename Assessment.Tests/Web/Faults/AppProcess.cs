using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Assessment.Tests.Web.Faults;

/// <summary>
/// The real application as a child process (<c>dotnet Assessment.Web.dll</c> from the test's output folder, where
/// the project reference puts it), on a data folder of the test's, listening on a free loopback port. Killed
/// with <see cref="Kill"/> as a power cut of the process would (SIGKILL, no shutdown code runs). The demo is not
/// seeded (it takes a minute on a loaded machine): the caller prepares the database.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private AppProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The last lines the application wrote (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                var text = output.ToString();
                return text.Length > 4000 ? text[^4000..] : text;
            }
        }
    }

    /// <summary>Starts the application on <paramref name="dataFolder"/> and waits until <c>/healthz/ready</c> answers.</summary>
    public static async Task<AppProcess> StartAsync(string dataFolder, IReadOnlyDictionary<string, string>? settings = null, TimeSpan? timeout = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Assessment.Web.dll");
        Assert.IsTrue(File.Exists(dll), $"{dll} is missing: the test project references Assessment.Web, whose output is copied beside the tests.");
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // ASPNETCORE_URLS alone is not enough: appsettings.json sets Urls, which overrides the host's variable.
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["Urls"] = address.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Database__DataFolder"] = dataFolder;
        start.Environment["Demo__SeedOnFirstRun"] = "false";
        start.Environment["Criteria__Folder"] = RepositoryPaths.CriteriaFolder;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new AppProcess(process, address);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilReadyAsync(timeout ?? TimeSpan.FromSeconds(60));
        return app;
    }

    /// <summary>A client of this process, with cookies, that does not follow redirects.</summary>
    public HttpClient Client() => new(new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false })
    {
        BaseAddress = Address,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>kill -9 of the process and everything it started; returns when it is gone.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                Assert.Fail($"The application exited with code {process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync("/healthz/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(100);
        }

        Kill();
        Assert.Fail($"The application was not ready within {timeout.TotalSeconds:F0} s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            if (output.Length > 64_000)
            {
                output.Remove(0, output.Length - 16_000);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
