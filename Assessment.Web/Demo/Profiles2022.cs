using Assessment.Web.Persistence;
using static Assessment.Scoring.Criteria.InspectionMethod;
using static Assessment.Web.Demo.Finding;

namespace Assessment.Web.Demo;

/// <summary>
/// The 2022 cycle (qh-demo-2022) in progress, so the application has live work: some centers have submitted
/// their self-assessment, others are still filling it in; the inspection teams have started on two centers.
/// Findings follow up the 2021 circular: what was rectified is noted on the items now met.
/// </summary>
internal static class Profiles2022
{
    public static IReadOnlyList<CenterProgress> All { get; } =
    [
        new("QH-XN",
            Progress.Draft("ABC"),
            [
                Measured("A5", 75, "工程建设项目不见面开标率75%", SystemCheck),
                Measured("C3", 88, "全流程电子化交易率88%", SystemCheck),
                Defects("C8", 1, "UPS已配备，主备切换演练尚未开展", CheckDocuments),
            ],
            Progress.Draft(""),
            [],
            [DemoData.InspectorWang]),
        new("QH-HD",
            Progress.Submitted(new(2022, 10, 11)),
            [
                Defects("C1", 0, "2号、3号谈判室已安装视频监控（2021年考评反馈问题已整改）", SeeSite),
                Measured("C3", 86, "远程异地评标已上线，全流程电子化交易率86%", SystemCheck),
                Defects("C8", 2, "无网络双链路；未开展主备切换演练", CheckDocuments),
                Defects("C9", 0, "评标区走廊已配置消防器材，安装应急照明灯和疏散标志（已整改）", SeeSite),
            ],
            Progress.Draft(""),
            [],
            [DemoData.InspectorWang]),
        new("QH-HB",
            Progress.Submitted(new(2022, 10, 9)),
            [
                Measured("A5", 92, "本年度不见面开标率92%", SystemCheck),
                Defects("C8", 1, "主备切换演练尚未开展", CheckDocuments),
                Defects("C9", 0, "评标区已配备急救药箱（2021年考评反馈问题已整改）", SeeSite),
                AtLevel("D6", "A", "评标封闭区内单独设置专家公寓，封闭管理", SeeSite),
            ],
            Progress.Draft("AB"),
            [
                Defects("A2", 0, "系统抽查12个进场项目，登记受理规范", SystemCheck),
                Defects("A4", 0, "配合省级专家库开展专家征集宣传2次，组织评标专家培训3次", CheckDocuments),
                Defects("A10", 0, "音视频资料已按项目编号与纸质档案对应归档（已整改）", SeeSite),
                Measured("B5", 7, "本年度开展政策宣讲和系统操作培训7次", CheckDocuments),
            ],
            [DemoData.InspectorWang, DemoData.InspectorLi]),
        new("QH-HUN",
            Progress.Draft("A"),
            [
                AtLevel("A3", "B", "场地仍以电话预约为主", SeeSite),
                Measured("A5", 55, "不见面开标率55%", SystemCheck),
            ],
            Progress.Draft(""),
            [],
            [DemoData.InspectorLi]),
        new("QH-HAN",
            Progress.Draft("AB"),
            [
                Measured("A5", 40, "不见面开标系统2022年5月上线，不见面开标率40%", SystemCheck),
                Defects("B4", 1, "已公布答复时限，疑难问题回访尚未落实", CheckDocuments),
            ],
            Progress.Draft(""),
            [],
            [DemoData.InspectorWang]),
        new("QH-YS",
            Progress.Draft(""),
            [],
            Progress.Draft(""),
            [],
            [DemoData.InspectorLi]),
        new("QH-HX",
            Progress.Submitted(new(2022, 10, 13)),
            [
                Measured("A5", 80, "工程建设项目不见面开标率80%", SystemCheck),
                NotApplicable("A9", "已全面推行电子保函，中心不经手保证金", CheckDocuments),
                AtLevel("C4", "A", "评标区入口已安装人脸识别门禁（已整改）", SeeSite),
                Defects("D1", 1, "未设样品展示区", SeeSite),
            ],
            Progress.Draft(""),
            [],
            [DemoData.InspectorLi]),
        new("QH-GEM",
            Progress.Submitted(new(2022, 10, 12)),
            [
                Defects("A4", 1, "尚未配合开展评标专家征集宣传", CheckDocuments),
                Defects("A6", 0, "本年度作为副场参与远程异地评标5次", CheckDocuments),
                Measured("C3", 91, "全流程电子化交易率91%", SystemCheck),
                Defects("D5", 0, "已单独设置监控室，2022年6月启用（2021年考评反馈问题已整改）", SeeSite),
            ],
            Progress.Draft("A"),
            [
                Defects("A1", 0, "门户网站收费标准已按新文件更新", CheckDocuments),
                Measured("A5", 93, "系统导出本年度开标项目，不见面开标率93%", SystemCheck),
                Defects("A6", 0, "本年度作为副场参与远程异地评标5次", CheckDocuments),
            ],
            [DemoData.InspectorLi]),
    ];
}

/// <summary>One center's 2022 so far: its self-assessment and the inspection, each with its progress.</summary>
internal sealed record CenterProgress(
    string CenterCode,
    Progress Self,
    IReadOnlyList<Finding> SelfFindings,
    Progress Inspection,
    IReadOnlyList<Finding> InspectionFindings,
    IReadOnlyList<string> Inspectors);

/// <summary>A checklist's state: submitted (every item answered), or a draft answering some dimensions.</summary>
/// <param name="Dimensions">The dimension codes answered so far, e.g. <c>"AB"</c>; all for a submitted checklist.</param>
internal sealed record Progress(AssessmentStatus Status, string? Dimensions, DateOnly? SubmittedOn)
{
    public static Progress Submitted(DateOnly on) => new(AssessmentStatus.Submitted, null, on);

    public static Progress Draft(string dimensions) => new(AssessmentStatus.Draft, dimensions, null);

    public bool Answers(string dimensionCode) => Dimensions is null || Dimensions.Contains(dimensionCode, StringComparison.Ordinal);
}
