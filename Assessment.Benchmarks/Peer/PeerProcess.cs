using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Assessment.Benchmarks.Peer;

/// <summary>
/// A server process the benchmark started (our app or CAP), its output copied to a log file. Disposing it ends
/// that process and its children, and only them.
/// </summary>
public sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private PeerProcess(Process process, StreamWriter log, string logPath)
    {
        this.process = process;
        this.log = log;
        LogPath = logPath;
    }

    public string LogPath { get; }

    public int Id => process.Id;

    public static PeerProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string> environment, string logPath)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        var sync = new Lock();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (sync) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (sync) { log.WriteLine(e.Data); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PeerProcess(process, log, logPath);
    }

    /// <summary>Runs a command to its end; its output goes to <paramref name="logPath"/>.</summary>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string> environment, string logPath)
    {
        await using var run = Start(fileName, arguments, workingDirectory, environment, logPath);
        await run.process.WaitForExitAsync().ConfigureAwait(false);
        return run.process.ExitCode;
    }

    /// <summary>Polls <paramref name="probe"/> until it answers 200, the process exits, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitUntilServingAsync(HttpClient client, Uri probe, TimeSpan timeout, string name)
    {
        ArgumentNullException.ThrowIfNull(client);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new PeerBenchmarkException($"{name} exited with code {process.ExitCode} before serving; its output: {LogPath}\n{Tail()}");
            }

            try
            {
                using var response = await client.GetAsync(probe).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        throw new PeerBenchmarkException($"{name} did not answer {probe} within {timeout.TotalSeconds:0} s; its output: {LogPath}\n{Tail()}");
    }

    /// <summary>The last lines of the log, for error messages.</summary>
    public string Tail(int lines = 20)
    {
        log.Flush();
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

    /// <summary>A TCP port on the loopback address that is free now.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        process.Dispose();
        await log.DisposeAsync().ConfigureAwait(false);
    }
}
