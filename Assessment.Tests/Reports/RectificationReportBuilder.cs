using Assessment.Reports;

namespace Assessment.Tests.Reports;

/// <summary>
/// Rectification ledgers shaped like the published reports: 2 aspects with 6 problems all closed
/// (as 新野县 reported), or 4 aspects with 21 problems of which 20 are closed (as the report in seed 002).
/// </summary>
internal static class RectificationReportBuilder
{
    private static readonly string[] Aspects = ["硬件设施方面", "场所设置方面", "业务咨询方面", "服务质量方面"];

    /// <summary>2 aspects, 6 problems, all completed.</summary>
    public static RectificationReportModel AllSixDone() => Build([3, 3], open: 0);

    /// <summary>4 aspects, 21 problems, 20 completed and one still in progress.</summary>
    public static RectificationReportModel TwentyOfTwentyOne() => Build([6, 5, 5, 5], open: 1);

    /// <param name="problemsPerAspect">How many problems each aspect has.</param>
    /// <param name="open">How many of the last problems are not completed (the last one not started when two or more).</param>
    public static RectificationReportModel Build(int[] problemsPerAspect, int open)
    {
        var total = problemsPerAspect.Sum();
        var number = 0;
        var aspects = problemsPerAspect.Select((count, a) => new RectificationAspect(
            Aspects[a % Aspects.Length],
            Enumerable.Range(0, count).Select(_ =>
            {
                number++;
                var status = number <= total - open ? RectificationStatus.Completed
                    : open >= 2 && number == total ? RectificationStatus.NotStarted
                    : RectificationStatus.InProgress;
                return new RectificationProblem
                {
                    Problem = Problems[(number - 1) % Problems.Length] + (number > Problems.Length ? $"（第{number}项）" : ""),
                    Measures = Measures[(number - 1) % Measures.Length],
                    ResponsibleLeader = number % 2 == 0 ? "李明" : "王芳",
                    ResponsibleDepartment = number % 3 == 0 ? "综合科" : "交易服务科",
                    ResponsiblePerson = number % 2 == 0 ? "张华" : "赵强",
                    Deadline = new DateOnly(2022, 3, 31),
                    Status = status,
                    CompletedOn = status == RectificationStatus.Completed ? new DateOnly(2022, 3, 1).AddDays(number) : null,
                };
            }).ToArray())).ToArray();

        return new RectificationReportModel
        {
            Issuer = "海东市公共资源交易中心",
            Title = "海东市公共资源交易中心\n关于2021年度示范公共资源交易中心考核反馈问题整改情况的报告",
            Addressee = "青海省政务服务监督管理局",
            Center = "海东市公共资源交易中心",
            Year = 2021,
            Opening = "根据《青海省政务服务监督管理局关于2021年度“青海省创建示范公共资源交易中心”考核情况通报》（青政务〔2022〕3号）要求，我中心对照考核反馈问题逐项制定措施、建立台账、对账销号。现将整改情况报告如下：",
            Organization =
            [
                new("提高政治站位，压实整改责任。", "反馈意见下达后，中心即召开专题会议，成立由主任任组长的整改工作领导小组，明确责任领导、责任科室和完成时限。"),
                new("建立整改台账，逐项对账销号。", "将反馈问题逐条梳理形成问题清单、任务清单、责任清单，实行台账式管理、销号制落实。"),
            ],
            Aspects = aspects,
            LastingRules = ["评标区管理制度", "监控室管理规定", "咨询服务首问负责制度"],
            NextSteps =
            [
                new("持续巩固整改成果。", "对已完成的整改事项定期“回头看”，防止问题反弹回潮。"),
                new("健全长效机制。", "结合整改实践，对现有规章制度进行系统梳理和优化完善。"),
            ],
            SignatureDate = new DateOnly(2022, 3, 25),
        };
    }

    private static readonly string[] Problems =
    [
        "无单独的公共资源交易监控室",
        "谈判室、专家抽取室未纳入音视频监控",
        "无应急照明灯和安全出口标志",
        "无评标专家专用通道",
        "评标区与开标区未物理隔离",
        "导向标识不清晰",
        "咨询记录不全，未明确答复时限",
        "工作人员全流程电子化操作不熟练",
        "未落实一次性告知制",
        "投诉举报处理未按时反馈",
        "评标专家专业类别不全",
    ];

    private static readonly string[][] Measures =
    [
        ["改造机房，设立独立监控室", "配备专职监控人员，建立值班制度"],
        ["为谈判室、专家抽取室加装音视频监控设备", "将监控录像保存期限延长至90日"],
        ["在各楼层加装应急照明灯和安全出口标志"],
        ["利用侧门设置评标专家专用通道并加装门禁", "在一楼电梯入口设置专家通道指示牌"],
        ["加装隔断和门禁，实现评标区与开标区物理隔离"],
        ["更新导向标识、门牌标识"],
    ];
}
