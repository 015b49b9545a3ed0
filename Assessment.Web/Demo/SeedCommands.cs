using System.Data.Common;
using Assessment.Scoring.Cycles;
using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Demo;

/// <summary>The <c>seed</c> command: <c>seed demo</c>.</summary>
public static class SeedCommands
{
    public const string Usage = """
        用法 (usage):
          seed demo    向空数据库写入演示数据和演示账号 (write the demo data and demo accounts into an empty database)
        """ + "\n" + Synthetic.SyntheticSeedCommand.Usage;

    /// <summary>Whether <paramref name="args"/> is a <c>seed</c> command (for the command dispatcher).</summary>
    public static bool Handles(IReadOnlyList<string> args) => args is ["seed", ..];

    /// <summary>Runs a <c>seed</c> command; <paramref name="args"/> starts with <c>seed</c>.</summary>
    /// <returns>
    /// 0 when the demo data was written or was already there (nothing changed, said so); 1 when the database
    /// holds other data or the seed failed (nothing changed), or when the data was written but the registered
    /// publisher failed to publish 2021; 2 for bad arguments (with the usage printed).
    /// </returns>
    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        if (args is ["seed", "synthetic", .. var options])
        {
            return await Synthetic.SyntheticSeedCommand.RunAsync(options, services, output).ConfigureAwait(false);
        }

        if (args is not ["seed", "demo"])
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        DemoSeedResult result;
        try
        {
            // The embedded database is created and migrated as at start-up (PostgreSQL: run `db migrate` first).
            await services.PrepareEmbeddedDatabaseAsync().ConfigureAwait(false);
            result = await DemoSeeding.SeedAsync(services).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or DbException or DbUpdateException)
        {
            await output.WriteLineAsync($"错误 (error): 演示数据未写入，数据库未做更改 (demo data not written, nothing changed): {e.GetBaseException().Message}").ConfigureAwait(false);
            return 1;
        }

        switch (result.Status)
        {
            case DemoSeedStatus.AlreadySeeded:
                await output.WriteLineAsync("演示数据已存在，未做任何更改。(Demo data already present: nothing changed.)").ConfigureAwait(false);
                return 0;
            case DemoSeedStatus.DatabaseNotEmpty:
                await output.WriteLineAsync(
                    "数据库中已有其他数据（行政区划、交易中心、考核周期或用户），演示数据只写入空数据库，未做任何更改。"
                    + "(The database already holds other data; the demo is written only into an empty database. Nothing changed.)").ConfigureAwait(false);
                return 1;
            default:
                await output.WriteLineAsync(Summary(result)).ConfigureAwait(false);
                return result.PublishError is null ? 0 : 1;
        }
    }

    private static string Summary(DemoSeedResult result)
    {
        var lines = new List<string>
        {
            $"已写入演示数据 (demo data written)：{result.Regions}个行政区划、{result.Centers}个公共资源交易中心、2个考核周期（2021、2022）、{result.Accounts}个演示账号。",
            "2021年度考核结果（由评分引擎根据各项作答计算）：",
        };
        var analysis = result.Analysis2021!;
        foreach (var ranking in analysis.Rankings)
        {
            var demonstration = ranking.Demonstration.IsSelected ? "  示范" : "";
            lines.Add($"  {ranking.Rank}. {ranking.Name}  {PublishedFigures.Format(ranking.Total)}分  {ranking.Grade}{demonstration}");
        }

        lines.Add($"示范公共资源交易中心：{string.Join("、", analysis.Demonstration.Selected.Select(d => d.Name))}");
        foreach (var recheck in analysis.SelfAssessments.Where(s => s.NeedsRecheck))
        {
            lines.Add($"需复核：{recheck.Name}，{recheck.RecheckReason}");
        }

        lines.Add(result switch
        {
            { Published2021: true } => "2021年度考核结果已发布。(The 2021 cycle is published.)",
            { PublishError: { } error } => $"2021年度考核结果发布失败，周期仍处于“审核中”：{error}(Publishing 2021 failed; it stays under review.)",
            _ => "2021年度考核周期处于“审核中”，全部考核已定稿，可以发布。(The 2021 cycle is under review, every inspection finalized: ready to publish.)",
        });
        lines.Add("2022年度考核进行中：部分自评已提交，部分仍为草稿。(2022 is open: work in progress.)");
        lines.Add("演示账号和密码见 README.md 的“Demo accounts”一节。(Demo accounts and passwords: README.md, section \"Demo accounts\".)");
        return string.Join(Environment.NewLine, lines);
    }
}
