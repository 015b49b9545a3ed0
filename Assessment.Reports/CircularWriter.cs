using Assessment.Reports.Charts;
using Assessment.Reports.Layout;

namespace Assessment.Reports;

/// <summary>
/// Writes the annual circular (考核情况通报) as a GB/T 9704-2012 .docx, in the order of 青政务〔2022〕3号:
/// header, title, addressees, opening; 一、基本情况 with the overall figures and charts; 二、亮点做法;
/// 三、存在问题及不足; 四、考核结果 naming the demonstration centers, then the requirements; attachment
/// list, signature, 信息公开属性; the three attachments (scores and ranking, demonstration list, issues
/// by center) on new pages; the imprint alone on the last page.
/// </summary>
public static class CircularWriter
{
    /// <summary>Writes the circular to <paramref name="output"/> (any writable stream).</summary>
    public static void Write(CircularModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var bytes = Write(model);
        output.Write(bytes);
    }

    /// <summary>The circular as .docx bytes.</summary>
    public static byte[] Write(CircularModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var document = new OfficialDocument(model.Title.Replace("\n", "", StringComparison.Ordinal));
        var attachments = new[] { model.AttachmentTitles.Scores, model.AttachmentTitles.DemonstrationList, model.AttachmentTitles.Issues };

        document.IssuerMark(model.IssuerMark);
        document.DocumentNumber(model.Number);
        document.Title(model.Title);
        document.Addressees(model.Addressees);
        document.BodyText(Opening(model));

        document.Heading1(1, "基本情况");
        foreach (var paragraph in model.SituationIntro)
        {
            document.BodyText(paragraph);
        }

        document.BodyText(StatisticsSentence(model, document.NextFigureNumber));
        document.Figure(TotalsChart(model), "各公共资源交易中心考核总分与示范标准");
        if (YearOverYearSentence(model, document.NextFigureNumber) is { } yearOverYear)
        {
            document.BodyText(yearOverYear);
            document.Figure(YearOverYearChart(model), $"各公共资源交易中心{model.PreviousYear}—{model.Year}年度考核总分对比");
        }

        for (var i = 0; i < model.Situation.Count; i++)
        {
            document.Lead(i + 1, model.Situation[i].Lead, model.Situation[i].Text);
        }

        document.Heading1(2, "亮点做法");
        for (var i = 0; i < model.Highlights.Count; i++)
        {
            document.Lead(i + 1, model.Highlights[i].Lead, model.Highlights[i].Text);
        }

        document.Heading1(3, "存在问题及不足");
        document.BodyText(model.ProblemsIntro);
        for (var i = 0; i < model.Problems.Count; i++)
        {
            var group = model.Problems[i];
            var gaps = group.TypicalGaps.Count == 0 ? "" : $"如个别中心存在{ChineseText.Enumerate(group.TypicalGaps)}等现象。";
            document.BodyText($"{ChineseText.Numeral(i + 1)}是{group.Heading}。{group.Text}{gaps}");
        }

        document.Heading1(4, "考核结果");
        document.BodyText(ResultsSentence(model));
        document.BodyText($"各公共资源交易中心考核得分及排名情况见附件1，{model.DemonstrationTitle}名单见附件2，考核发现的问题清单见附件3。");
        foreach (var paragraph in model.Requirements.Paragraphs)
        {
            document.BodyText(paragraph);
        }

        document.BodyText(
            $"各公共资源交易中心要对照本通报指出的问题和附件3所列问题清单，认真制定整改方案，建立整改台账，逐项对账销号，" +
            $"于本通报印发之日起{ChineseText.Int(model.Requirements.RectifyWithinDays)}日内完成整改，并将整改情况报送{model.Requirements.ReportTo}。" +
            "下一年度考核时将对整改情况进行“回头看”。");

        document.AttachmentList(attachments);
        document.Signature(model.IssuerName, model.SignatureDate);
        document.Note($"信息公开属性：{model.Disclosure}");

        document.AttachmentStart(1, attachments[0]);
        document.Append(ScoreTable(model));
        document.Figure(DimensionChart(model), "各公共资源交易中心分维度得分构成");
        if (model.DemonstrationCenters.Count > 0)
        {
            document.Figure(RadarChart(model), $"{model.DemonstrationTitle}与全省平均各维度得分率（%）");
        }

        document.AttachmentStart(2, attachments[1]);
        document.Append(DemonstrationTable(model));

        document.AttachmentStart(3, attachments[2]);
        document.Append(IssuesTable(model));

        document.EndSection(pageNumbers: true);
        document.Imprint(model.Imprint);
        return document.Save(document.Section(pageNumbers: false));
    }

    private static string Opening(CircularModel model)
    {
        var opening = model.Opening;
        var shortName = opening.ShortName is null ? "" : $"（以下简称“{opening.ShortName}”）";
        return $"根据{opening.Basis}安排，{ChineseText.Date(opening.Start)}至{ChineseText.Date(opening.End)}，" +
            $"{opening.Organizer}开展了{opening.AssessmentName}{shortName}考评工作。此次考评严格按照考评标准，" +
            $"通过{ChineseText.Enumerate(opening.Methods.Select(ChineseText.MethodName))}，" +
            $"从{ChineseText.Enumerate(model.Dimensions.Select(d => d.Name))}等方面对{opening.Scope}" +
            $"{ChineseText.Int(model.CenterCount)}个公共资源交易中心进行了考核，现将具体情况通报如下：";
    }

    private static string StatisticsSentence(CircularModel model, int figure)
    {
        var statistics = model.Statistics;
        var grades = statistics.GradeCounts.Select(g => g.Count == 0 ? $"无{g.Grade}" : $"{g.Grade}{ChineseText.Int(g.Count)}个");
        return $"从考核结果看，{model.Opening.Scope}{ChineseText.Int(model.CenterCount)}个公共资源交易中心平均得分{ChineseText.Score(statistics.Mean)}分，" +
            $"最高{ChineseText.Score(statistics.Highest)}分（{ChineseText.Enumerate(statistics.HighestCenters)}），" +
            $"最低{ChineseText.Score(statistics.Lowest)}分（{ChineseText.Enumerate(statistics.LowestCenters)}）；" +
            $"其中{string.Join("、", grades)}（见图{ChineseText.Int(figure)}）。";
    }

    /// <summary>Null when no center has a total for the previous year.</summary>
    private static string? YearOverYearSentence(CircularModel model, int figure)
    {
        var both = model.Results.Where(r => r.PreviousTotal is not null).ToArray();
        if (model.PreviousYear is not { } previousYear || both.Length == 0)
        {
            return null;
        }

        var up = both.Count(r => r.Total > r.PreviousTotal);
        var down = both.Count(r => r.Total < r.PreviousTotal);
        var same = both.Length - up - down;
        var before = both.Average(r => r.PreviousTotal!.Value);
        var now = both.Average(r => r.Total);
        var direction = now > before ? "提高到" : now < before ? "下降到" : "持平，均为";
        var changes = new List<string>();
        if (up > 0)
        {
            changes.Add($"{ChineseText.Int(up)}个中心总分提高");
        }

        if (down > 0)
        {
            changes.Add($"{ChineseText.Int(down)}个中心总分下降");
        }

        if (same > 0)
        {
            changes.Add($"{ChineseText.Int(same)}个中心总分持平");
        }

        return $"与{ChineseText.Int(previousYear)}年度相比，参加两个年度考核的{ChineseText.Int(both.Length)}个中心中，{string.Join("，", changes)}；" +
            $"平均分由{ChineseText.Score(before)}分{direction}{ChineseText.Score(now)}分（见图{ChineseText.Int(figure)}）。";
    }

    private static string ResultsSentence(CircularModel model)
    {
        var centers = model.DemonstrationCenters;
        if (centers.Count == 0)
        {
            return $"{model.ResultsIntro}，{ChineseText.Int(model.Year)}年度无公共资源交易中心达到“{model.DemonstrationTitle}”评定条件。";
        }

        var names = ChineseText.Enumerate(centers.Select(c => model.FullName(c.Center)));
        return $"{model.ResultsIntro}，评定{names}为{ChineseText.Int(model.Year)}年度“{model.DemonstrationTitle}”。";
    }

    // ---- Charts ------------------------------------------------------------------------------

    private static ChartSpec TotalsChart(CircularModel model)
    {
        var rows = model.Results;
        var threshold = model.DemonstrationThreshold;
        var minimum = Math.Max(0m, Math.Min(Math.Floor((model.Statistics.Lowest - 10m) / 10m) * 10m, threshold - 20m));
        return new ChartSpec(ChartKind.Column, rows.Select(r => r.Center).ToArray(),
        [
            new ChartSeries(model.DemonstrationTitle, rows.Select(r => r.IsDemonstration ? r.Total : (decimal?)null).ToArray(), ChartColors.Demonstration),
            new ChartSeries("其他交易中心", rows.Select(r => r.IsDemonstration ? (decimal?)null : r.Total).ToArray(), ChartColors.Other),
            new ChartSeries($"示范标准（{ChineseText.Points(threshold)}分）", rows.Select(_ => (decimal?)threshold).ToArray(), ChartColors.Threshold, AsLine: true) { Dashed = true },
        ])
        {
            Overlap = 100,
            GapWidth = 60,
            ValueLabels = rows.Count <= 20,
            Minimum = minimum,
            Maximum = 100m,
            HeightEmu = 85 * GbT9704.EmuPerMillimetre,
        };
    }

    private static ChartSpec YearOverYearChart(CircularModel model)
    {
        var rows = model.Results.Where(r => r.PreviousTotal is not null).ToArray();
        var lowest = rows.Min(r => Math.Min(r.Total, r.PreviousTotal!.Value));
        return new ChartSpec(ChartKind.Column, rows.Select(r => r.Center).ToArray(),
        [
            new ChartSeries($"{model.PreviousYear}年度", rows.Select(r => r.PreviousTotal).ToArray(), ChartColors.Previous),
            new ChartSeries($"{model.Year}年度", rows.Select(r => (decimal?)r.Total).ToArray(), ChartColors.Other),
        ])
        {
            Overlap = -10,
            GapWidth = 80,
            ValueLabels = rows.Length <= 12,
            Minimum = Math.Max(0m, Math.Floor((lowest - 10m) / 10m) * 10m),
            Maximum = 100m,
            HeightEmu = 85 * GbT9704.EmuPerMillimetre,
        };
    }

    private static ChartSpec DimensionChart(CircularModel model)
    {
        var rows = model.Results;
        var series = model.Dimensions.Select((d, i) => new ChartSeries(
            d.Name,
            rows.Select(r => (decimal?)r.DimensionScores[i]).ToArray(),
            ChartColors.Palette[i % ChartColors.Palette.Length])).ToArray();
        var heightMm = Math.Clamp(30 + (9 * rows.Count), 80, 200);
        return new ChartSpec(ChartKind.StackedBar, rows.Select(r => r.Center).ToArray(), series)
        {
            GapWidth = 50,
            Minimum = 0m,
            Maximum = 100m,
            ValueLabels = rows.Count <= 12,
            NumberFormat = "0.0",
            HeightEmu = heightMm * GbT9704.EmuPerMillimetre,
        };
    }

    /// <summary>Each demonstration center and the province mean as percentages of each dimension's weight.</summary>
    private static ChartSpec RadarChart(CircularModel model)
    {
        var dimensions = model.Dimensions;
        var series = new List<ChartSeries>();
        var demonstration = model.DemonstrationCenters;
        for (var c = 0; c < demonstration.Count; c++)
        {
            var center = demonstration[c];
            series.Add(new ChartSeries(
                center.Center,
                dimensions.Select((d, i) => (decimal?)ShareOfWeight(center.DimensionScores[i], d.Weight)).ToArray(),
                c == 0 ? ChartColors.Demonstration : ChartColors.Palette[(c + 2) % ChartColors.Palette.Length]));
        }

        series.Add(new ChartSeries(
            "全省平均",
            dimensions.Select((d, i) => (decimal?)ShareOfWeight(model.Statistics.DimensionMeans[i], d.Weight)).ToArray(),
            ChartColors.Mean) { Dashed = true });
        var lowest = series.SelectMany(s => s.Values).Min(v => v!.Value);
        return new ChartSpec(ChartKind.Radar, dimensions.Select(d => d.Name).ToArray(), series)
        {
            Minimum = Math.Max(0m, Math.Floor((lowest - 10m) / 10m) * 10m),
            Maximum = 100m,
            NumberFormat = "0.00",
            HeightEmu = 100 * GbT9704.EmuPerMillimetre,
        };
    }

    /// <summary>Points as a percentage of the dimension's weight, two decimals.</summary>
    internal static decimal ShareOfWeight(decimal points, decimal weight) =>
        weight == 0 ? 0m : Math.Round(100m * points / weight, 2, MidpointRounding.AwayFromZero);

    // ---- Attachment tables -------------------------------------------------------------------

    private static DocumentFormat.OpenXml.Wordprocessing.Table ScoreTable(CircularModel model)
    {
        var proportions = new List<int> { 8, 16 };
        proportions.AddRange(model.Dimensions.Select(_ => 15));
        proportions.AddRange([12, 10, 9]);
        var table = new TableBuilder(proportions.ToArray());

        var header = new List<TableCellSpec> { "排名", "交易中心" };
        header.AddRange(model.Dimensions.Select(d => (TableCellSpec)$"{d.Name}\n（{ChineseText.Points(d.Weight)}分）"));
        header.AddRange(["总分", "等级", "示范\n中心"]);
        table.Header([.. header]);

        foreach (var row in model.Results)
        {
            var cells = new List<TableCellSpec> { ChineseText.Int(row.Rank), row.Center };
            cells.AddRange(row.DimensionScores.Select(s => (TableCellSpec)ChineseText.Score(s)));
            cells.AddRange([ChineseText.Score(row.Total), row.Grade, row.IsDemonstration ? "是" : ""]);
            table.Row([.. cells]);
        }

        var means = new List<TableCellSpec> { new("全省平均", Span: 2) };
        means.AddRange(model.Statistics.DimensionMeans.Select(m => (TableCellSpec)ChineseText.Score(m)));
        means.AddRange([ChineseText.Score(model.Statistics.Mean), "", ""]);
        table.Row([.. means]);
        return table.Build();
    }

    private static DocumentFormat.OpenXml.Wordprocessing.Table DemonstrationTable(CircularModel model)
    {
        var table = new TableBuilder(8, 40, 14, 10).Header("序号", "交易中心", "考核总分", "排名");
        var centers = model.DemonstrationCenters;
        if (centers.Count == 0)
        {
            table.Row(new TableCellSpec($"{ChineseText.Int(model.Year)}年度无公共资源交易中心达到评定条件", Span: 4));
        }

        for (var i = 0; i < centers.Count; i++)
        {
            table.Row(ChineseText.Int(i + 1), TableCellSpec.LeftAligned(model.FullName(centers[i].Center)), ChineseText.Score(centers[i].Total), ChineseText.Int(centers[i].Rank));
        }

        return table.Build();
    }

    private static DocumentFormat.OpenXml.Wordprocessing.Table IssuesTable(CircularModel model)
    {
        var table = new TableBuilder(7, 15, 15, 63).Header("序号", "交易中心", "考核维度", "存在问题");
        var number = 0;
        foreach (var center in model.Issues)
        {
            if (center.Items.Count == 0)
            {
                table.Row(ChineseText.Int(++number), center.Center, "", TableCellSpec.LeftAligned("无"));
                continue;
            }

            for (var i = 0; i < center.Items.Count; i++)
            {
                var merge = center.Items.Count == 1 ? Merge.None : i == 0 ? Merge.Start : Merge.Continue;
                table.Row(
                    ChineseText.Int(++number),
                    new TableCellSpec(center.Center, Merge: merge),
                    center.Items[i].Dimension,
                    TableCellSpec.LeftAligned(center.Items[i].Text));
            }
        }

        return table.Build();
    }
}
