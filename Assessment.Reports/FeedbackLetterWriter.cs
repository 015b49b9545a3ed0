using System.Globalization;
using Assessment.Reports.Charts;
using Assessment.Reports.Layout;

namespace Assessment.Reports;

/// <summary>
/// Writes a center's feedback letter (考核情况反馈意见) in the GB/T 9704 layout: 一、考核得分情况 (total,
/// rank, grade, the dimensions against the province mean in a table and a chart); 二、失分情况 (every
/// item where points were lost, with the reason, the inspection method and the evidence); 三、发现的问题;
/// 四、整改要求 with the deadline; signature and date.
/// </summary>
public static class FeedbackLetterWriter
{
    public static void Write(FeedbackLetterModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Write(model));
    }

    public static byte[] Write(FeedbackLetterModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var document = new OfficialDocument(model.Title.Replace("\n", "", StringComparison.Ordinal));
        document.Letterhead(model.IssuerMark, model.Number, model.Title, [model.Center]);
        document.BodyText(model.Opening);

        document.Heading1(1, "考核得分情况");
        var demonstration = model.IsDemonstration ? $"，被评定为{ChineseText.Int(model.Year)}年度“{model.DemonstrationTitle}”" : "";
        document.BodyText(
            $"你中心考核总分{ChineseText.Score(model.Total)}分，在全省{ChineseText.Int(model.CenterCount)}个公共资源交易中心中排名第{ChineseText.Int(model.Rank)}，" +
            $"等级为“{model.Grade}”{demonstration}；全省平均分{ChineseText.Score(model.ProvinceMean)}分。" +
            $"各维度得分与全省平均比较如下（见图{ChineseText.Int(document.NextFigureNumber)}）：");
        document.Append(DimensionTable(model));
        document.Figure(DimensionChart(model), "本中心与全省平均各维度得分率（%）");

        document.Heading1(2, "失分情况");
        if (model.LostPoints.Count == 0)
        {
            document.BodyText("本次考核你中心各考核项均得满分。");
        }
        else
        {
            document.BodyText($"本次考核你中心共有{ChineseText.Int(model.LostPoints.Count)}个考核项失分，合计失分{ChineseText.Score(model.TotalLost)}分，具体如下：");
            document.Append(LostPointsTable(model));
        }

        document.Heading1(3, "发现的问题");
        if (model.Findings.Count == 0)
        {
            document.BodyText("考核组未发现其他问题。");
        }

        for (var i = 0; i < model.Findings.Count; i++)
        {
            document.BodyText($"{ChineseText.Int(i + 1)}.{model.Findings[i]}");
        }

        document.Heading1(4, "整改要求");
        document.BodyText(
            "请你中心对照上述失分事项和问题，认真分析原因，制定整改方案，建立整改台账，明确责任领导、责任部门和完成时限，逐项对账销号，" +
            $"于{ChineseText.Date(model.RectificationDeadline)}前完成整改，并将整改情况报告报送{model.ReportTo}。");

        document.Signature(model.IssuerName, model.SignatureDate);
        document.Note($"信息公开属性：{model.Disclosure}");
        return document.Save(document.Section(pageNumbers: true));
    }

    private static DocumentFormat.OpenXml.Wordprocessing.Table DimensionTable(FeedbackLetterModel model)
    {
        var table = new TableBuilder(24, 14, 20, 20, 20).Header("考核维度", "分值", "本中心得分", "全省平均", "差值");
        foreach (var dimension in model.Dimensions)
        {
            table.Row(
                dimension.Name,
                ChineseText.Points(dimension.Weight),
                ChineseText.Score(dimension.Score),
                ChineseText.Score(dimension.ProvinceMean),
                Signed(dimension.Difference));
        }

        table.Row(
            "合计",
            ChineseText.Points(model.Dimensions.Sum(d => d.Weight)),
            ChineseText.Score(model.Total),
            ChineseText.Score(model.ProvinceMean),
            Signed(model.Total - model.ProvinceMean));
        return table.Build();
    }

    private static DocumentFormat.OpenXml.Wordprocessing.Table LostPointsTable(FeedbackLetterModel model)
    {
        var table = new TableBuilder(6, 24, 7, 8, 33, 22).Compact().Header("序号", "考核项", "分值", "得分", "失分原因", "核查方式及佐证");
        for (var i = 0; i < model.LostPoints.Count; i++)
        {
            var item = model.LostPoints[i];
            var reason = string.IsNullOrWhiteSpace(item.Note) ? item.Reason : $"{item.Reason}\n说明：{item.Note}";
            var evidence = new List<string>();
            if (item.Method is { } method)
            {
                evidence.Add(ChineseText.MethodName(method));
            }

            if (item.Evidence.Count > 0)
            {
                evidence.Add("佐证：" + ChineseText.Enumerate(item.Evidence));
            }

            table.Row(
                ChineseText.Int(i + 1),
                TableCellSpec.LeftAligned($"{item.ItemId} {item.Title}\n（{item.Dimension}）"),
                ChineseText.Points(item.MaxPoints),
                ChineseText.Score(item.Points),
                TableCellSpec.LeftAligned(reason),
                TableCellSpec.LeftAligned(evidence.Count == 0 ? "—" : string.Join("\n", evidence)));
        }

        return table.Build();
    }

    private static ChartSpec DimensionChart(FeedbackLetterModel model)
    {
        var dimensions = model.Dimensions;
        var center = dimensions.Select(d => (decimal?)CircularWriter.ShareOfWeight(d.Score, d.Weight)).ToArray();
        var mean = dimensions.Select(d => (decimal?)CircularWriter.ShareOfWeight(d.ProvinceMean, d.Weight)).ToArray();
        var lowest = center.Concat(mean).Min(v => v!.Value);
        return new ChartSpec(ChartKind.Column, dimensions.Select(d => d.Name).ToArray(),
        [
            new ChartSeries("本中心", center, model.IsDemonstration ? ChartColors.Demonstration : ChartColors.Other),
            new ChartSeries("全省平均", mean, ChartColors.Previous),
        ])
        {
            Overlap = -10,
            ValueLabels = true,
            NumberFormat = "0.0",
            Minimum = Math.Max(0m, Math.Floor((lowest - 10m) / 10m) * 10m),
            Maximum = 100m,
            HeightEmu = 80 * GbT9704.EmuPerMillimetre,
        };
    }

    private static string Signed(decimal value)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return rounded > 0 ? "+" + ChineseText.Score(rounded) : rounded.ToString("0.00", CultureInfo.InvariantCulture);
    }
}
