namespace Assessment.Tests.Reports;

/// <summary>
/// Keeps generated documents for people to look at when ASSESSMENT_REPORTS_OUT names a directory
/// (e.g. a CI artifact folder); does nothing otherwise.
/// </summary>
internal static class ReportOutput
{
    public static string? Directory => Environment.GetEnvironmentVariable("ASSESSMENT_REPORTS_OUT") is { Length: > 0 } dir ? dir : null;

    public static void Keep(string name, byte[] content)
    {
        if (Directory is { } dir)
        {
            System.IO.Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, name), content);
        }
    }
}
