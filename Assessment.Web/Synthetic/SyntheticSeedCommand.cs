using System.Data.Common;
using System.Globalization;
using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Synthetic;

/// <summary><c>seed synthetic --centers N --years Y [--seed S]</c>: a deterministic synthetic dataset of any size.</summary>
public static class SyntheticSeedCommand
{
    public const string Usage = """
          seed synthetic --centers N --years Y [--seed S]
                       向空数据库写入合成数据：N个中心、Y个年度（截至2022年），同一种子结果相同
                       (a deterministic synthetic dataset of N centers over Y cycles ending 2022, into an empty database;
                       accounts admin and analyst, password from ASSESSMENT_NEW_PASSWORD or the documented default)
        """;

    /// <summary>Runs the command; <paramref name="options"/> are the arguments after <c>seed synthetic</c>.</summary>
    /// <returns>0 written; 1 the database is not empty or the seed failed; 2 bad arguments.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> options, IServiceProvider services, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        if (Parse(options) is not { } size)
        {
            await output.WriteLineAsync("用法 (usage):" + Environment.NewLine + Usage).ConfigureAwait(false);
            return 2;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(SyntheticSeeder.PasswordVariable) is { Length: > 0 };
        var password = fromEnvironment ? Environment.GetEnvironmentVariable(SyntheticSeeder.PasswordVariable)! : SyntheticSeeder.DefaultPassword;
        SyntheticSeedResult result;
        try
        {
            await services.PrepareEmbeddedDatabaseAsync().ConfigureAwait(false);
            var scope = services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                result = await ActivatorUtilities.CreateInstance<SyntheticSeeder>(scope.ServiceProvider).SeedAsync(size, password, output).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or DbException or DbUpdateException)
        {
            await output.WriteLineAsync($"错误 (error): 合成数据未完整写入 (synthetic data not fully written): {e.GetBaseException().Message}").ConfigureAwait(false);
            return 1;
        }

        if (result.Status == SyntheticSeedStatus.DatabaseNotEmpty)
        {
            await output.WriteLineAsync(
                "数据库中已有数据（行政区划、交易中心、考核周期或用户），合成数据只写入空数据库，未做任何更改。"
                + "(The database already holds data; synthetic data is written only into an empty database. Nothing changed.)").ConfigureAwait(false);
            return 1;
        }

        var passwordNote = fromEnvironment
            ? $"密码为环境变量 {SyntheticSeeder.PasswordVariable} 的值"
            : $"密码 {SyntheticSeeder.DefaultPassword}（仅限合成数据；设置 {SyntheticSeeder.PasswordVariable} 可另行指定）";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            已写入合成数据 (synthetic data written)，种子 {size.Seed}，用时 {result.Elapsed.TotalSeconds:0.0} s：
              {result.Regions}个行政区划、{result.Centers}个中心、{result.Years.Count}个考核周期（{result.Years[0]}–{result.Years[^1]}，除{result.Years[^1]}年外均已发布）
              {result.Assessments}份定稿考核（自评和考核组评分）、{result.Answers}条作答、{result.ItemScores}条逐项得分、{result.Findings}个整改问题、{result.Results}条排名结果
              共 {result.Rows} 行 ({result.Rows / Math.Max(0.001, result.Elapsed.TotalSeconds):0} rows/s)
            账号 (accounts)：{string.Join("、", result.UserNames)}（省局管理员、数据分析人员），{passwordNote}
            """)).ConfigureAwait(false);
        return 0;
    }

    private static SyntheticSize? Parse(IReadOnlyList<string> options)
    {
        int? centers = null, years = null;
        var seed = SyntheticSize.DefaultSeed;
        for (var i = 0; i < options.Count; i += 2)
        {
            if (i + 1 >= options.Count || !int.TryParse(options[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            switch (options[i])
            {
                case "--centers" when value is >= 1 and <= 100_000:
                    centers = value;
                    break;
                case "--years" when value is >= 1 and <= 50:
                    years = value;
                    break;
                case "--seed":
                    seed = value;
                    break;
                default:
                    return null;
            }
        }

        return centers is { } n && years is { } y ? new SyntheticSize(n, y, seed) : null;
    }
}
