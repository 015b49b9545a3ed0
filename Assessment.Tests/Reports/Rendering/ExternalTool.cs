using System.Diagnostics;

namespace Assessment.Tests.Reports.Rendering;

/// <summary>Finds and runs the command-line tools of the rendering check (soffice, pdfinfo, pdftotext).</summary>
internal static class ExternalTool
{
    /// <summary>The full path of <paramref name="name"/> on the PATH, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// Returns the tools' paths. When one is missing the check cannot run: under CI (CI=true) that is a
    /// failure, elsewhere the test is inconclusive and says how to install them.
    /// </summary>
    public static string[] Require(params string[] names)
    {
        var paths = names.Select(Find).ToArray();
        var missing = names.Where((_, i) => paths[i] is null).ToArray();
        if (missing.Length > 0)
        {
            var message = $"Missing {string.Join(", ", missing)}: the PDF rendering check needs LibreOffice and poppler-utils. Install them with .ci/install-libreoffice.sh.";
            if (TestEnvironment.IsCi)
            {
                Assert.Fail(message);
            }

            Assert.Inconclusive(message);
        }

        return paths.Select(p => p!).ToArray();
    }

    public static (int ExitCode, string Output, string Error) Run(string file, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(file)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
