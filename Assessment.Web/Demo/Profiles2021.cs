using static Assessment.Scoring.Criteria.InspectionMethod;
using static Assessment.Web.Demo.Finding;

namespace Assessment.Web.Demo;

/// <summary>
/// What each center's 2021 self-assessment and the inspection team found, under qh-demo-2021, told item by
/// item: the circular's highlights (亮点做法) as notes on items met, and its problems (存在问题及不足) — no
/// separate monitoring room, no expert passage, no expert apartment, no primary/backup mode, missing fire
/// equipment and emergency lights, staff unfamiliar with full-process e-trading — as points lost. Items not
/// listed are fully met. No total is written anywhere: the engine scores these answers.
/// </summary>
internal static class Profiles2021
{
    public static IReadOnlyList<CenterPlan> All { get; } =
    [
        Xining(), Haidong(), Haibei(), Huangnan(), Hainan(), Yushu(), Haixi(), Golmud(),
    ];

    /// <summary>
    /// The provincial capital: the busiest center. Bid opening rooms run short at peak times and the
    /// evaluation area shares a lift with the opening area, so experts have no passage of their own.
    /// </summary>
    private static CenterPlan Xining() => new(
        "QH-XN",
        SelfSubmitted: new(2021, 10, 12),
        Visited: new(2021, 10, 19),
        SelfAssessment:
        [
            AtLevel("A5", "B", "政府采购项目已实行不见面开标，工程建设项目正在推广", SystemCheck),
            AtLevel("D2", "B", "工程建设项目集中开标时段开标室偏紧", SeeSite),
            NotMet("D3", "评标区与开标区共用电梯，专家专用通道正在改造", SeeSite),
        ],
        Inspection:
        [
            Defects("A2", 2, "系统抽查15个进场项目，2个项目受理时间超过承诺时限", SystemCheck),
            AtLevel("A5", "B", "政府采购项目已实行不见面开标，工程建设项目尚未常态化", SystemCheck),
            Measured("A8", 96, "抽查公告、公示信息25条，1条中标结果公示超过规定时限", SystemCheck),
            AtLevel("B3", "B", "暗访电话咨询工程建设项目进场，未一次告知授权委托材料要求", MysteryVisit),
            AtLevel("C4", "B", "评标区入口仅人工核验登记，未设门禁", SeeSite),
            Defects("C7", 1, "开标系统未配备UPS不间断电源", SeeSite),
            AtLevel("D2", "B", "开标室6间，工程建设项目集中开标时段不能满足需要", CheckDocuments),
            NotMet("D3", "评标区与开标区共用电梯，未设评标专家专用通道", SeeSite),
            Measured("E4", 87.5m, "座谈会发放问卷40份，满意和基本满意35份，满意度87.5%", Forum),
            Defects("E5", 1, "个别窗口工作人员对全流程电子化业务流程不熟练", SeeSite),
        ]);

    /// <summary>
    /// Strong on service and supervision (the circular praises its staff assessment rules, the county
    /// procurement desks and third-party supervision), but its hardware lags: new negotiation rooms without
    /// cameras, remote evaluation and CA recognition not yet live, no fire equipment or emergency lights in
    /// the evaluation corridor. A high total, yet the hardware dimension misses the demonstration minimum.
    /// </summary>
    private static CenterPlan Haidong() => new(
        "QH-HD",
        SelfSubmitted: new(2021, 10, 14),
        Visited: new(2021, 10, 21),
        SelfAssessment:
        [
            Defects("C1", 1, "新建谈判室监控正在安装", SeeSite),
            AtLevel("C3", "C", "远程异地评标和CA互认正在对接", SystemCheck),
        ],
        Inspection:
        [
            Defects("A2", 0, "将农村集体产权交易职能划转到市公共资源交易中心，在五县设立政府采购受理部，政府采购项目就近受理", CheckDocuments),
            Defects("C1", 2, "新建的2号、3号谈判室未安装视频监控", SeeSite),
            AtLevel("C3", "C", "听取汇报并核对系统：已实现电子招投标和不见面开标，远程异地评标、CA互认尚未实现", HearReport),
            Defects("C7", 2, "评标区走廊未配置消防器材；无应急照明灯及疏散标志", SeeSite),
            Defects("D7", 1, "评标区缺少禁止标识", SeeSite),
            Defects("E1", 0, "制定《交易中心工作人员综合考核办法》，强化内控机制，全面提升工作效率", CheckDocuments),
            Defects("E3", 0, "引入第三方监督，强化舆论监督，形成立体式、全覆盖的监管机制", CheckDocuments),
        ]);

    /// <summary>
    /// The circular's model: expert training, full-process e-evaluation, cross-province remote evaluation
    /// with 山东省滨州市. Minor gaps only: one file short, archives not cross-referenced, no first-aid kit.
    /// </summary>
    private static CenterPlan Haibei() => new(
        "QH-HB",
        SelfSubmitted: new(2021, 10, 18),
        Visited: new(2021, 10, 26),
        SelfAssessment:
        [
            Defects("C7", 1, "急救药箱正在采购", SeeSite),
            AtLevel("D2", "B", "开标高峰期开标室偶有不足", SeeSite),
            Measured("E4", 96, "中心组织市场主体座谈并发放问卷，满意度96%", Forum),
        ],
        Inspection:
        [
            Defects("A2", 1, "系统抽查12个进场项目，1个项目受理材料缺少法定代表人授权委托书原件", SystemCheck),
            Defects("A6", 0, "与山东省滨州市公共资源交易中心签订协议，开展跨省远程异地评标，共享双方专家库资源与评标场地", CheckDocuments),
            Defects("A10", 1, "抽查3个项目，开评标音视频资料未按项目编号与纸质档案对应归档", SeeSite),
            Measured("B5", 6, "本年度开展政策宣讲和系统操作培训6次", CheckDocuments),
            AtLevel("C3", "A", "电子招投标、不见面开标、远程异地评标、CA互认均已实现，评标专家熟练掌握全流程电子化评标", SystemCheck),
            Defects("C7", 1, "评标区未配备急救药箱", SeeSite),
            AtLevel("D2", "B", "开标室3间，工程建设项目集中开标时段偶有排期冲突", SeeSite),
            Met("D6", "评标封闭区内设隔夜评标休息室，管理制度上墙", SeeSite),
            Defects("E2", 1, "好差评评价结果未定期分析公开", CheckDocuments),
            Measured("E4", 93.33m, "座谈会发放问卷30份，满意和基本满意28份，满意度93.33%", Forum),
            Defects("E5", 0, "定期组织评标专家和工作人员开展全流程电子化评标培训", CheckDocuments),
        ]);

    /// <summary>
    /// A small venue with few staff: no sample display, no separate monitoring room, the evaluation area
    /// not separated from bid opening. No overnight evaluation this year (D6 not applicable). The circular
    /// praises its staff conduct supervision and questionnaires handed out by the bureau's leaders.
    /// </summary>
    private static CenterPlan Huangnan() => new(
        "QH-HUN",
        SelfSubmitted: new(2021, 10, 25),
        Visited: new(2021, 11, 2),
        SelfAssessment:
        [
            AtLevel("C3", "C", "远程异地评标和CA互认尚未实现", SystemCheck),
            Defects("D1", 1, "受场地限制未设样品展示区", SeeSite),
            NotMet("D3", "场地面积小，无评标专家专用通道", SeeSite),
            NotApplicable("D6", "本年度无隔夜评标项目", CheckDocuments),
        ],
        Inspection:
        [
            AtLevel("A3", "B", "场地预约以电话预约为主，系统预约使用率低", SeeSite),
            Defects("A6", 1, "本年度未开展远程异地评标", CheckDocuments),
            Measured("B5", 2, "本年度开展市场主体培训2次", CheckDocuments),
            AtLevel("C3", "C", "已实现电子招投标和不见面开标，远程异地评标和CA互认未实现", SystemCheck),
            AtLevel("C4", "B", "评标区入口仅人工核验登记", SeeSite),
            Defects("C7", 2, "服务大厅无自助服务终端和排队叫号设备", SeeSite),
            Defects("D1", 2, "受场地面积限制，未设样品展示区，监督监控区与办公区合用", SeeSite),
            NotMet("D3", "场地面积小，评标区未与开标区物理隔离，无评标专家专用通道", SeeSite),
            Defects("D5", 1, "无单独的监控室", SeeSite),
            NotApplicable("D6", "本年度无隔夜评标项目，有交易系统评标时长统计佐证", CheckDocuments),
            Defects("E5", 0, "建立工作人员行为规范监督机制，由局领导向各方主体发放调查问卷，推行精细化服务", CheckDocuments),
            Measured("E6", 90, "听取整改情况汇报并核对台账：上年度反馈问题10个，已完成整改9个", HearReport),
        ]);

    /// <summary>
    /// Behind on e-trading and the evaluation area (no remote bid opening, no signal shielding, no expert
    /// passage, no overnight place although it had overnight evaluations), and its self-assessment
    /// acknowledges only part of it: flagged for re-check.
    /// </summary>
    private static CenterPlan Hainan() => new(
        "QH-HAN",
        SelfSubmitted: new(2021, 10, 27),
        Visited: new(2021, 11, 4),
        SelfAssessment:
        [
            AtLevel("A5", "C", "不见面开标系统正在建设", SystemCheck),
            AtLevel("C3", "C", "远程异地评标和CA互认尚未实现", SystemCheck),
            NotMet("D3", "无评标专家专用通道", SeeSite),
            NotMet("D6", "隔夜评标场所正在筹建", SeeSite),
        ],
        Inspection:
        [
            AtLevel("A3", "B", "部分场地仍以电话预约", SystemCheck),
            Defects("A4", 1, "抽查3个项目，专家抽取过程无全程录像", CheckDocuments),
            AtLevel("A5", "C", "未开展不见面开标", SystemCheck),
            Measured("A8", 93.33m, "抽查信息30条，2条超过规定时限公开", SystemCheck),
            Defects("B4", 2, "未公布答复时限；抽查10条咨询记录，3条未按时答复", CheckDocuments),
            Measured("B5", 2, "本年度开展市场主体培训2次", CheckDocuments),
            AtLevel("C2", "B", "现场调取2个项目，1个项目评标录像不完整", SystemCheck),
            AtLevel("C3", "C", "已实现电子招投标和CA互认，不见面开标和远程异地评标未实现", SystemCheck),
            Defects("C5", 2, "评标区无信号屏蔽设备；评标电脑可连接互联网", SeeSite),
            AtLevel("C6", "B", "交易系统已定期备份，但未完成等级保护备案测评", CheckDocuments),
            Defects("C7", 2, "无急救药箱；部分灭火器超过有效期", SeeSite),
            NotMet("D3", "评标区未物理隔离，无评标专家专用通道", SeeSite),
            Defects("D5", 1, "无单独的监控室", SeeSite),
            NotMet("D6", "本年度有隔夜评标项目，但未设隔夜评标场所", CheckDocuments),
            Defects("E2", 2, "未设置评价器或二维码，评价覆盖率不足90%，差评未回访", SystemCheck),
            Measured("E4", 88, "座谈会发放问卷25份，满意和基本满意22份，满意度88%", Forum),
            Defects("E5", 1, "工作人员全流程电子化业务操作不熟练", SeeSite),
        ]);

    /// <summary>
    /// Remote and high: every gap the circular lists at once — no separate monitoring room, no expert
    /// passage, no expert apartment, no primary/backup mode, no fire equipment or emergency lights, staff
    /// unfamiliar with e-trading. Its self-assessment is far more generous: flagged for re-check.
    /// </summary>
    private static CenterPlan Yushu() => new(
        "QH-YS",
        SelfSubmitted: new(2021, 11, 8),
        Visited: new(2021, 11, 25),
        SelfAssessment:
        [
            AtLevel("A3", "C", "场地网上预约尚未实现", SystemCheck),
            AtLevel("A5", "C", "尚未开展不见面开标", SystemCheck),
            Defects("A6", 1, "本年度未开展远程异地评标", CheckDocuments),
            AtLevel("C3", "C", "已实现电子招投标和CA互认", SystemCheck),
            AtLevel("C6", "B", "数据定期备份，等级保护测评尚未完成", CheckDocuments),
            Defects("C7", 3, "消防器材、应急照明灯和UPS正在申请配置", SeeSite),
            NotMet("D3", "无评标专家专用通道", SeeSite),
            Defects("D5", 1, "监控室与办公室合用", SeeSite),
            NotMet("D6", "隔夜评标专家安排在宾馆住宿", SeeSite),
            Defects("E5", 1, "年度培训计划尚未制定", CheckDocuments),
        ],
        Inspection:
        [
            Defects("A1", 2, "服务大厅未公示收费标准和办理时限", SeeSite),
            AtLevel("A3", "C", "未实现场地网上预约", SystemCheck),
            AtLevel("A5", "C", "未开展不见面开标", SystemCheck),
            Defects("A6", 2, "通讯工具未统一存放；未开展远程异地评标", SeeSite),
            Defects("A7", 2, "抽查5个项目，2个项目见证记录不完整", CheckDocuments),
            Defects("B1", 1, "门户网站未开通在线咨询", CheckDocuments),
            AtLevel("B3", "B", "有一次性告知单，暗访时告知内容不完整", MysteryVisit),
            Measured("B5", 1, "本年度开展市场主体培训1次", CheckDocuments),
            Defects("C1", 2, "专家抽取室和谈判室未安装视频监控", SeeSite),
            AtLevel("C3", "C", "仅实现电子招投标和CA互认，工作人员对全流程电子化流程不熟练", SystemCheck),
            Defects("C5", 1, "评标区无信号屏蔽设备", SeeSite),
            AtLevel("C6", "B", "数据仅本地备份，无主备模式，交易系统未完成等级保护备案测评", CheckDocuments),
            Defects("C7", 3, "无消防器材；无应急照明灯及疏散标志；无UPS不间断电源", SeeSite),
            Defects("D1", 1, "未设样品展示区", SeeSite),
            NotMet("D3", "无评标专家专用通道，专家与投标人经同一通道进出", SeeSite),
            Defects("D5", 1, "无单独的公共资源交易监控室", SeeSite),
            NotMet("D6", "无单独专家公寓，隔夜评标专家安排在社会宾馆住宿", SeeSite),
            Defects("E2", 1, "差评未全部回访整改", CheckDocuments),
            Measured("E4", 85, "座谈会发放问卷20份，满意和基本满意17份，满意度85%", Forum),
            Defects("E5", 2, "工作人员全流程电子化业务流程不熟练、操作不规范；未制定年度业务培训计划", SeeSite),
            Measured("E6", 85, "上年度反馈问题20个，已完成整改17个", CheckDocuments),
        ]);

    /// <summary>
    /// Good all round, praised with 海北州 for its expert training; deposits fully replaced by electronic
    /// guarantees (A9 not applicable). Qualifies, but two centers do better and the quota is two.
    /// </summary>
    private static CenterPlan Haixi() => new(
        "QH-HX",
        SelfSubmitted: new(2021, 11, 8),
        Visited: new(2021, 11, 16),
        SelfAssessment:
        [
            AtLevel("A5", "B", "工程建设项目不见面开标正在推广", SystemCheck),
            NotApplicable("A9", "已全面推行电子保函，中心不经手保证金", CheckDocuments),
            AtLevel("C4", "B", "人脸识别门禁已列入年度采购计划", SeeSite),
        ],
        Inspection:
        [
            Defects("A2", 1, "抽查10个项目，1个项目场地安排记录缺失", SystemCheck),
            Defects("A4", 0, "注重评标专家队伍建设，加强专家全流程电子化评标培训", CheckDocuments),
            AtLevel("A5", "B", "已开展不见面开标，工程建设项目仍以现场开标为主，未常态化", SystemCheck),
            NotApplicable("A9", "已全面推行电子保函替代投标保证金，中心不经手保证金", CheckDocuments),
            Defects("B1", 1, "门户网站未开通在线咨询", CheckDocuments),
            Defects("C1", 1, "评标专家通道未覆盖视频监控", SeeSite),
            AtLevel("C4", "B", "评标区入口仅人工核验登记，未设门禁", SeeSite),
            Defects("D1", 1, "未设样品展示区", SeeSite),
            Defects("E2", 1, "好差评评价覆盖率82%，未达到90%", SystemCheck),
            Measured("E4", 93.1m, "座谈会发放问卷29份，满意和基本满意27份，满意度93.1%", Forum),
        ]);

    /// <summary>
    /// The circular's other model: self-service kiosks (“自助”模式) and data analysis against collusive
    /// bidding. Remote evaluation is live but unused this year, the monitoring room shares an office.
    /// </summary>
    private static CenterPlan Golmud() => new(
        "QH-GEM",
        SelfSubmitted: new(2021, 11, 10),
        Visited: new(2021, 11, 18),
        SelfAssessment:
        [
            Defects("A6", 1, "本年度无远程异地评标项目", CheckDocuments),
            AtLevel("C3", "B", "远程异地评标功能已上线，本年度未使用", SystemCheck),
            Defects("D5", 1, "监控室与信息科合用", SeeSite),
        ],
        Inspection:
        [
            Defects("A1", 1, "门户网站办事指南中的收费标准未按新文件更新", CheckDocuments),
            Defects("A6", 1, "本年度未开展远程异地评标（主场、副场均无）", CheckDocuments),
            Defects("A7", 0, "运用交易数据分析投标文件制作机器码、IP地址等信息，发现异常及时移交行业监管部门，有效遏制围标串标陪标", SystemCheck),
            Defects("B4", 1, "咨询登记台账中部分疑难问题未回访", CheckDocuments),
            Measured("B5", 3, "本年度开展市场主体培训3次", CheckDocuments),
            AtLevel("C3", "B", "远程异地评标功能已上线，但本年度未实际使用", SystemCheck),
            Defects("C7", 0, "推行“自助”模式，服务大厅配备自助服务终端，市场主体可自助查询信息、办理业务", SeeSite),
            Defects("D5", 1, "监控室与信息科办公室合用，未单独设置", SeeSite),
            Defects("D7", 1, "专家通道缺少导向标识", SeeSite),
            Measured("E4", 92, "座谈会发放问卷25份，满意和基本满意23份，满意度92%", Forum),
            Measured("E6", 95, "上年度审计反馈问题20个，已完成整改19个", CheckDocuments),
        ]);
}

/// <summary>One center's 2021: when it submitted its self-assessment, when the team visited, what each found.</summary>
internal sealed record CenterPlan(
    string CenterCode,
    DateOnly SelfSubmitted,
    DateOnly Visited,
    IReadOnlyList<Finding> SelfAssessment,
    IReadOnlyList<Finding> Inspection);
