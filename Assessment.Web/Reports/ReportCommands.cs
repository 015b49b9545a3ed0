using System.Globalization;
using Assessment.Reports;
using Assessment.Web.Workflow;

namespace Assessment.Web.Reports;

/// <summary>
/// The <c>report</c> commands: the circular of a published cycle, a center's feedback letter and a center's
/// rectification report, written as .docx from the stored results (see <see cref="ReportModels"/>).
/// </summary>
public static class ReportCommands
{
    public const string Usage = """
        用法 (usage):
          report circular --cycle YEAR --out FILE.docx                    考核情况通报 (the annual circular)
          report feedback --cycle YEAR --center CODE --out FILE.docx      中心考核情况反馈意见 (a center's feedback letter)
          report rectification --center CODE --cycle YEAR --out FILE.docx 中心整改情况报告 (a center's rectification report)
        """;

    /// <summary>Whether <paramref name="args"/> is a <c>report</c> command (for the command dispatcher).</summary>
    public static bool Handles(IReadOnlyList<string> args) => args is ["report", ..];

    /// <summary>Runs a <c>report</c> command; <paramref name="args"/> starts with <c>report</c>.</summary>
    /// <returns>0 written; 1 the cycle is not published, the center or the ledger is unknown; 2 bad arguments (usage printed).</returns>
    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        if (Parse(args) is not { } command)
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var models = scope.ServiceProvider.GetRequiredService<ReportModels>();
            try
            {
                var cycle = await models.PublishedCycleOfYearAsync(command.Year).ConfigureAwait(false);
                byte[] document;
                string what;
                switch (command.Kind)
                {
                    case "circular":
                        document = CircularWriter.Write(await models.CircularAsync(cycle).ConfigureAwait(false));
                        what = $"{cycle.Year}年度考核情况通报";
                        break;
                    case "feedback":
                        var center = await models.CenterByCodeAsync(command.Center!).ConfigureAwait(false);
                        document = FeedbackLetterWriter.Write(await models.FeedbackLetterAsync(cycle, center).ConfigureAwait(false));
                        what = $"{center.Name}{cycle.Year}年度考核情况反馈意见";
                        break;
                    default:
                        var owner = await models.CenterByCodeAsync(command.Center!).ConfigureAwait(false);
                        document = RectificationReportWriter.Write(await models.RectificationReportAsync(cycle, owner).ConfigureAwait(false));
                        what = $"{owner.Name}{cycle.Year}年度整改情况报告";
                        break;
                }

                var path = Path.GetFullPath(command.Out);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, document).ConfigureAwait(false);
                await output.WriteLineAsync($"已生成{what} (written): {path}").ConfigureAwait(false);
                return 0;
            }
            catch (WorkflowException e)
            {
                await output.WriteLineAsync($"错误 (error): {e.Message}").ConfigureAwait(false);
                return 1;
            }
            catch (IOException e)
            {
                await output.WriteLineAsync($"错误 (error): 无法写入文件 (cannot write the file): {e.Message}").ConfigureAwait(false);
                return 1;
            }
        }
    }

    private sealed record Command(string Kind, int Year, string? Center, string Out);

    /// <summary>The options in any order, each once; null when anything is missing, repeated or unknown.</summary>
    private static Command? Parse(string[] args)
    {
        if (args.Length < 2 || args[1] is not ("circular" or "feedback" or "rectification") || (args.Length - 2) % 2 != 0)
        {
            return null;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 2; i < args.Length; i += 2)
        {
            if (args[i] is not ("--cycle" or "--center" or "--out") || string.IsNullOrWhiteSpace(args[i + 1]) || !options.TryAdd(args[i], args[i + 1]))
            {
                return null;
            }
        }

        var needsCenter = args[1] != "circular";
        if (!options.TryGetValue("--cycle", out var cycle) || !int.TryParse(cycle, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !options.TryGetValue("--out", out var file) || options.ContainsKey("--center") != needsCenter)
        {
            return null;
        }

        return new Command(args[1], year, options.GetValueOrDefault("--center"), file);
    }
}
