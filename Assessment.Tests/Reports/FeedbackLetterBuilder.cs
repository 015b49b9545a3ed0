using Assessment.Reports;
using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;

namespace Assessment.Tests.Reports;

/// <summary>
/// 海东市's feedback letter for 2021: a small criteria version and checklist scored by the real
/// <see cref="Scorer"/>, so the lost points, reasons and evidence in the letter come from the engine;
/// the province means come from the circular's model.
/// </summary>
internal sealed class FeedbackLetterBuilder
{
    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["A1"] = "服务事项清单和办事指南公开",
        ["A4"] = "评标专家随机抽取并全程记录",
        ["B2"] = "咨询服务台专人值守",
        ["C1"] = "开评标场所音视频监控全覆盖",
        ["C7"] = "便民及应急设施设备配置",
        ["D3"] = "评标区物理隔离并设专家专用通道",
        ["E4"] = "市场主体满意度",
    };

    public CriteriaVersion Criteria { get; } = BuildCriteria();

    public Checklist Checklist { get; } = new ChecklistBuilder("qh-demo-2021")
        .Add(ItemAnswer.WithNumber("A1", 1) with { Method = InspectionMethod.CheckDocuments, Evidence = ["服务指南文本"], Note = "办事指南未列明收费标准。" })
        .Yes("A4")
        .Yes("B2")
        .Add(ItemAnswer.WithNumber("C1", 2) with { Method = InspectionMethod.SeeSite, Evidence = ["现场照片3张", "监控室截图"], Note = "谈判室、专家抽取室无监控。" })
        .Add(ItemAnswer.WithNumber("C7", 3) with { Method = InspectionMethod.SeeSite, Evidence = ["现场照片"] })
        .Add(ItemAnswer.No("D3") with { Method = InspectionMethod.SeeSite, Evidence = ["平面图", "现场照片"], Note = "评标区与开标区共用通道。" })
        .Add(ItemAnswer.WithNumber("E4", 92) with { Method = InspectionMethod.Forum, Evidence = ["座谈会记录", "问卷统计表"] })
        .Build();

    public Scorecard Scorecard => Scorer.Score(Criteria, Checklist);

    public FeedbackLetterModel Build()
    {
        var circular = new CircularModelBuilder().Build();
        var row = circular.Results.Single(r => r.Center == "海东市");
        return new FeedbackLetterModel
        {
            IssuerName = "青海省政务服务监督管理局",
            IssuerMark = "青海省政务服务监督管理局",
            Number = new DocumentNumber("青政务函", 2022, 5),
            Title = "关于海东市公共资源交易中心2021年度\n示范公共资源交易中心考核情况的反馈意见",
            Center = "海东市公共资源交易中心",
            Year = 2021,
            Opening = "根据《关于印发青海省创建示范公共资源交易中心考评实施方案的通知》（青政务函〔2021〕21号）安排，考核组于2021年11月对你中心进行了实地考核。现将考核情况反馈如下：",
            Total = row.Total,
            ProvinceMean = circular.Statistics.Mean,
            Rank = row.Rank,
            CenterCount = circular.CenterCount,
            Grade = row.Grade,
            IsDemonstration = row.IsDemonstration,
            Dimensions = circular.Dimensions.Select((d, i) => new DimensionComparison(d.Name, d.Weight, row.DimensionScores[i], circular.Statistics.DimensionMeans[i])).ToArray(),
            LostPoints = LostPointItem.FromScorecard(Criteria, Scorecard, Checklist),
            Findings =
            [
                "硬件设施方面，谈判室、专家抽取室未纳入音视频监控，监控录像保存期限不足90日。",
                "场所设置方面，评标区与开标区共用通道，未设置评标专家专用通道。",
            ],
            RectificationDeadline = new DateOnly(2022, 3, 31),
            ReportTo = "省政务服务监督管理局",
            SignatureDate = new DateOnly(2022, 1, 29),
        };
    }

    private static CriteriaVersion BuildCriteria()
    {
        var criteria = new CriteriaBuilder()
            .WithId("qh-demo-2021")
            .Dimension("A", "服务内容", 25m)
            .Dimension("B", "业务咨询", 10m)
            .Dimension("C", "硬件设施", 25m)
            .Dimension("D", "场所设置", 20m)
            .Dimension("E", "服务质量", 20m)
            .Deduction("A1", "A", 3m, 0.5m)
            .YesNo("A4", "A", 3m)
            .YesNo("B2", "B", 2m)
            .Deduction("C1", "C", 5m, 1m)
            .Deduction("C7", "C", 3m, 0.5m)
            .YesNo("D3", "D", 4m)
            .Bands("E4", "E", 3m, (95m, 3m), (90m, 2m), (85m, 1m))
            .Build();
        return criteria with { Items = criteria.Items.Select(i => i with { Title = Titles[i.Id] }).ToArray() };
    }
}
