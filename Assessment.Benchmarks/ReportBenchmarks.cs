using Assessment.Reports;
using Assessment.Scoring.Criteria;
using BenchmarkDotNet.Attributes;

namespace Assessment.Benchmarks;

/// <summary>
/// Time to write the annual circular (body, four native charts with their workbooks, three attachment
/// tables, imprint) for the 8 Qinghai-sized province and for a cycle of 200 centers.
/// Run: dotnet run -c Release --project Assessment.Benchmarks -- --filter '*ReportBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private CircularModel model = null!;

    [Params(8, 200)]
    public int Centers { get; set; }

    [GlobalSetup]
    public void Setup() => model = SyntheticCircular.Create(Centers);

    [Benchmark]
    public byte[] Circular() => CircularWriter.Write(model);
}

/// <summary>A circular model with synthetic centers: scores spread from 95 down to about 65, three issues each.</summary>
internal static class SyntheticCircular
{
    private static readonly Dimension[] Dimensions =
    [
        new("A", "服务内容", 25m),
        new("B", "业务咨询", 10m),
        new("C", "硬件设施", 25m),
        new("D", "场所设置", 20m),
        new("E", "服务质量", 20m),
    ];

    public static CircularModel Create(int count)
    {
        var rows = Enumerable.Range(1, count).Select(i =>
        {
            var share = 0.95m - (0.3m * i / count);
            var scores = Dimensions.Select((d, k) => Math.Round(d.Weight * (share + (0.01m * ((i + k) % 5))), 2)).ToArray();
            return (Center: $"中心{i:000}", Scores: scores, Total: scores.Sum(), Previous: scores.Sum() - 2m + (i % 7));
        }).OrderByDescending(r => r.Total).ToArray();
        var results = rows.Select((r, i) => new CenterResult(
            r.Center,
            r.Scores,
            r.Total,
            1 + rows.Count(o => o.Total > r.Total),
            r.Total >= 90m ? "优秀" : r.Total >= 80m ? "良好" : r.Total >= 60m ? "合格" : "不合格",
            i < 2)
        {
            PreviousTotal = r.Previous,
        }).ToArray();

        return new CircularModel
        {
            IssuerName = "青海省政务服务监督管理局",
            IssuerMark = "青海省政务服务监督管理局文件",
            Number = new DocumentNumber("青政务", 2022, 3),
            Title = "青海省政务服务监督管理局\n关于2021年度示范公共资源交易中心考核情况的通报",
            Addressees = ["各市州政务服务监管局", "各市州公共资源交易中心"],
            Year = 2021,
            PreviousYear = 2020,
            Opening = new CircularOpening
            {
                Basis = "《关于印发考评实施方案的通知》（青政务函〔2021〕21号）",
                Start = new DateOnly(2021, 10, 18),
                End = new DateOnly(2021, 12, 17),
                Organizer = "省政务服务监督管理局",
                AssessmentName = "2021年度示范公共资源交易中心",
                Methods = [InspectionMethod.HearReport, InspectionMethod.CheckDocuments, InspectionMethod.SeeSite, InspectionMethod.Forum],
            },
            Dimensions = Dimensions,
            Results = results,
            Statistics = CircularStatistics.FromResults(results, ["优秀", "良好", "合格", "不合格"]),
            DemonstrationThreshold = 90m,
            SituationIntro = ["各政务服务监管局高度重视，精准谋划，科学部署。"],
            Situation = [new("强化标准，基础设施合理配置。", "各公共资源交易中心科学设置了各功能区。")],
            Highlights = [new("在提质增效上甘当务实有为的“孺子牛”。", "中心001推进跨省远程异地评标。")],
            ProblemsIntro = "但也存在一定的不足，具体表现在：",
            Problems = [new ProblemGroup("硬件设施", "基础设施还需完善", "部分中心设备不全。")],
            ResultsIntro = "考核组严格按照考评标准精确打分、汇总",
            Requirements = new CircularRequirements { Paragraphs = ["希望各中心再接再厉。"], RectifyWithinDays = 30, ReportTo = "省政务服务监督管理局" },
            Issues = results.Select(r => new CenterIssues(r.Center,
            [
                new CenterIssue("硬件设施", "无单独的公共资源交易监控室。"),
                new CenterIssue("场所设置", "无评标专家专用通道。"),
                new CenterIssue("业务咨询", "咨询记录不全。"),
            ])).ToArray(),
            AttachmentTitles = CircularAttachmentTitles.ForYear(2021),
            SignatureDate = new DateOnly(2022, 1, 27),
            Disclosure = "主动公开",
            Imprint = new Imprint { CopyTo = ["省政府办公厅"], PrintingOffice = "青海省政务服务监督管理局", PrintDate = new DateOnly(2022, 1, 29) },
        };
    }
}
