using Assessment.Reports;
using Assessment.Scoring.Criteria;

namespace Assessment.Tests.Reports;

/// <summary>
/// The 2021 Qinghai circular (青政务〔2022〕3号) as a model: the eight centers with realistic scores
/// (海北州 and 格尔木市 demonstration; 海东市 passes 90 but not the hardware share), the bureau's
/// paragraphs from the published circular, and 2020 totals for the year-over-year comparison.
/// Tests read every expected number from the model this builds, never from literals in the writer.
/// </summary>
internal sealed class CircularModelBuilder
{
    public static readonly Dimension[] Dimensions =
    [
        new("A", "服务内容", 25m),
        new("B", "业务咨询", 10m),
        new("C", "硬件设施", 25m),
        new("D", "场所设置", 20m),
        new("E", "服务质量", 20m),
    ];

    public static readonly string[] Grades = ["优秀", "良好", "合格", "不合格"];

    // Center, five dimension scores, demonstration, 2020 total. 黄南州's venue score is rescaled (an item not applicable).
    private static readonly (string Center, decimal[] Scores, bool Demonstration, decimal Previous)[] Qinghai =
    [
        ("海北州", [23.5m, 9.5m, 23.0m, 18.5m, 19.0m], true, 88.0m),
        ("格尔木市", [23.0m, 9.0m, 22.5m, 18.5m, 18.5m], true, 85.5m),
        ("海东市", [23.5m, 9.25m, 19.5m, 19.0m, 19.0m], false, 87.0m),
        ("西宁市", [22.5m, 8.5m, 20.5m, 17.0m, 17.5m], false, 84.5m),
        ("海西州", [22.0m, 8.5m, 21.0m, 17.5m, 17.0m], false, 82.0m),
        ("黄南州", [20.0m, 8.0m, 17.5m, 14.0m / 18m * 19m, 16.5m], false, 75.0m),
        ("海南州", [19.5m, 7.5m, 17.0m, 15.5m, 15.0m], false, 70.5m),
        ("玉树州", [17.0m, 7.0m, 14.5m, 13.0m, 14.0m], false, 61.0m),
    ];

    private IReadOnlyList<(string Center, decimal[] Scores, bool Demonstration, decimal? Previous)> centers =
        Qinghai.Select(c => (c.Center, c.Scores, c.Demonstration, (decimal?)c.Previous)).ToArray();

    private bool withPrevious = true;

    /// <summary>A synthetic province of <paramref name="count"/> centers (for size and speed), the first two demonstration.</summary>
    public CircularModelBuilder WithCenters(int count)
    {
        centers = Enumerable.Range(1, count).Select(i =>
        {
            var factor = 0.95m - (0.3m * i / count);
            var scores = Dimensions.Select((d, k) => Math.Round(d.Weight * (factor + (0.01m * ((i + k) % 5))), 2)).ToArray();
            return ($"测试中心{i:000}", scores, i <= 2, (decimal?)Math.Round(scores.Sum() - 2m + (i % 7), 2));
        }).ToArray();
        return this;
    }

    /// <summary>The first centers renamed to <paramref name="names"/> (e.g. text that a spreadsheet would take for a formula).</summary>
    public CircularModelBuilder Renamed(params string[] names)
    {
        centers = centers.Select((c, i) => i < names.Length ? (names[i], c.Scores, c.Demonstration, c.Previous) : c).ToArray();
        return this;
    }

    public CircularModelBuilder WithoutPreviousYear()
    {
        withPrevious = false;
        return this;
    }

    public CircularModel Build()
    {
        var ordered = centers
            .Select(c => (c.Center, c.Scores, c.Demonstration, c.Previous, Total: c.Scores.Sum()))
            .OrderByDescending(c => c.Total)
            .ToArray();
        var results = ordered.Select(c => new CenterResult(
                c.Center,
                c.Scores,
                c.Total,
                Rank: 1 + ordered.Count(o => o.Total > c.Total),
                Grade: c.Total >= 90m ? "优秀" : c.Total >= 80m ? "良好" : c.Total >= 60m ? "合格" : "不合格",
                c.Demonstration)
        {
            PreviousTotal = withPrevious ? c.Previous : null,
        }).ToArray();

        return new CircularModel
        {
            IssuerName = "青海省政务服务监督管理局",
            IssuerMark = "青海省政务服务监督管理局文件",
            Number = new DocumentNumber("青政务", 2022, 3),
            Title = "青海省政务服务监督管理局\n关于2021年度“青海省创建示范公共资源\n交易中心”考核情况通报",
            Addressees = ["各市州政务服务监管局", "格尔木市政务服务监管局", "各市州公共资源交易中心", "格尔木市公共资源交易中心"],
            Year = 2021,
            PreviousYear = withPrevious ? 2020 : null,
            Opening = new CircularOpening
            {
                Basis = "《关于印发青海省创建示范公共资源交易中心考评实施方案的通知》（青政务函〔2021〕21号）",
                Start = new DateOnly(2021, 10, 18),
                End = new DateOnly(2021, 12, 17),
                Organizer = "省政务服务监督管理局",
                AssessmentName = "2021年度“青海省创建示范公共资源交易中心”",
                ShortName = "示范公共资源交易中心",
                Methods = [InspectionMethod.HearReport, InspectionMethod.CheckDocuments, InspectionMethod.SeeSite, InspectionMethod.Forum],
            },
            Dimensions = Dimensions,
            Results = results,
            Statistics = CircularStatistics.FromResults(results, Grades),
            DemonstrationThreshold = 90m,
            SituationIntro =
            [
                "各政务服务监管局高度重视，精准谋划，科学部署，靶向发力，全力打造青海省示范公共资源交易中心，大力优化公共资源交易领域营商环境，有力促进了我省公共资源交易健康有序发展。",
            ],
            Situation =
            [
                new("强化标准，基础设施合理配置。", "各公共资源交易中心科学设置了咨询服务台、市场主体休息等候区、开标室、评标室、谈判室、专家抽取室、档案室等，并配备了相应的服务人员和必要的设施设备；评标区实现了与咨询、办事、开标等公共场所的物理隔离。"),
                new("尽心尽力，服务质量再上台阶。", "各公共资源交易中心实施首问负责制、一次性告知制和限时办结制，提高了工作质量和服务质效；规范公共资源交易投诉举报接受、转办、反馈工作机制，实现部门协同监管。"),
                new("规范透明，制度建设持续发力。", "各公共资源交易中心强化制度建设，积极推进“制度+流程”模式，确保我省公共资源交易制度规则公开透明、协调统一。"),
            ],
            Highlights =
            [
                new("在提质增效上甘当务实有为的“孺子牛”。", "海北州、海西州公共资源交易中心注重评标专家队伍建设，熟练掌握全流程电子化评标流程，提高了交易效率；海东市公共资源交易中心制定了《交易中心工作人员综合考核办法》，强化内控机制。"),
                new("在利企便民上争做敢闯敢试的“拓荒牛”。", "海北州公共资源交易中心积极推进跨省远程异地评标，与山东省滨州市公共资源交易中心达成协议，共享双方专家库资源与评标场地；格尔木市公共资源交易中心推行“自助”模式，方便市场主体查询信息、办理业务。"),
                new("在公平公正上甘做永葆初心的“老黄牛”。", "海东市公共资源交易中心引入了第三方监督，形成了立体式、全覆盖的监管机制；格尔木市公共资源交易中心强化信息化数据应用，有效遏制围标串标陪标等违法违规行为。"),
            ],
            ProblemsIntro = "从考核情况看，各政务服务监管局、各公共资源交易中心坚持目标导向，狠抓服务质效落地落实，但也存在一定的不足，具体表现在：",
            Problems =
            [
                new ProblemGroup("硬件设施", "基础设施还需完善", "各公共资源交易中心基础设施建设还存在设备不全等薄弱环节。")
                {
                    TypicalGaps = ["无单独的公共资源交易监控室", "无评标专家专用通道", "无主备模式", "无应急照明灯和标志"],
                },
                new ProblemGroup("业务咨询", "业务能力还需加力", "部分工作人员全流程电子化业务流程不熟练、政策法规掌握不全面，需制定人员素质提升计划，及时准确地为各方主体答疑解惑。"),
                new ProblemGroup("服务质量", "服务质效还需提升", "存在评标专家专业类别不全、数量不足、分布不均等现象，需加强评标专家征集、培训等工作。"),
            ],
            ResultsIntro = "考核组秉持公开、公平、公正的原则，严格按照考评标准精确打分、汇总",
            Requirements = new CircularRequirements
            {
                Paragraphs =
                [
                    "希望各政务服务监管局、各公共资源交易中心在现有的基础上再部署、再发力、再学习、再提高，两个“示范公共资源交易中心”以更高的标准、更严的要求再创新成绩，其他中心向“示范公共资源交易中心”看齐，加强交流、取长补短、精准施策、集中攻坚。",
                ],
                RectifyWithinDays = 30,
                ReportTo = "省政务服务监督管理局",
            },
            Issues = results.Select(r => new CenterIssues(r.Center, r.IsDemonstration
                ? [new CenterIssue("服务质量", "评标专家专业类别不全。")]
                : [new CenterIssue("硬件设施", "无单独的公共资源交易监控室。"), new CenterIssue("场所设置", "无评标专家专用通道，评标区未与开标区物理隔离。"), new CenterIssue("业务咨询", "咨询记录不全，未明确答复时限。")])).ToArray(),
            AttachmentTitles = CircularAttachmentTitles.ForYear(2021),
            SignatureDate = new DateOnly(2022, 1, 27),
            Disclosure = "主动公开",
            Imprint = new Imprint
            {
                CopyTo = ["省政府办公厅"],
                Distribution = ["局长，副局长，各处室、局属各单位"],
                PrintingOffice = "青海省政务服务监督管理局",
                PrintDate = new DateOnly(2022, 1, 29),
            },
        };
    }
}
