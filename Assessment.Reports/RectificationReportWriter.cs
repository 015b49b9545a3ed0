using Assessment.Reports.Layout;

namespace Assessment.Reports;

/// <summary>
/// Writes a center's rectification report (整改情况报告) from its ledger, in the manner of the published
/// reports: 一、整改工作总体情况 ending with "N个方面M个问题，已完成整改K个，完成率xx.xx%"; 二、整改落实情况,
/// each problem with its measures (一是……二是……), responsibility, deadline and status; 三、长效机制建设;
/// 四、下一步工作; signature; the ledger (整改台账) as an attachment.
/// </summary>
public static class RectificationReportWriter
{
    public static void Write(RectificationReportModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Write(model));
    }

    public static byte[] Write(RectificationReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var document = new OfficialDocument(model.Title.Replace("\n", "", StringComparison.Ordinal));
        document.Letterhead(model.IssuerMark, model.Number, model.Title, [model.Addressee]);
        document.BodyText(model.Opening);

        document.Heading1(1, "整改工作总体情况");
        for (var i = 0; i < model.Organization.Count; i++)
        {
            document.Lead(i + 1, model.Organization[i].Lead, model.Organization[i].Text);
        }

        document.BodyText(SummaryParagraph(model));

        document.Heading1(2, "整改落实情况");
        var problemNumber = 0;
        for (var a = 0; a < model.Aspects.Count; a++)
        {
            var aspect = model.Aspects[a];
            document.Heading2(a + 1, aspect.Name);
            foreach (var problem in aspect.Problems)
            {
                document.Heading3(++problemNumber, $"关于“{problem.Problem.TrimEnd('。')}”问题的整改");
                document.BodyText("整改措施：" + Measures(problem.Measures));
                document.BodyText(
                    $"责任领导：{problem.ResponsibleLeader}；责任部门：{problem.ResponsibleDepartment}；责任人：{problem.ResponsiblePerson}；" +
                    $"完成时限：{ChineseText.Date(problem.Deadline)}；整改状态：{Status(problem)}。");
            }
        }

        document.Heading1(3, "长效机制建设");
        document.BodyText(model.LastingRules.Count == 0
            ? "结合整改实践，对现有规章制度进行系统梳理，推动整改成果制度化、长效化。"
            : $"坚持“当下改”与“长久立”相结合，建立完善了{string.Concat(model.LastingRules.Select(r => $"《{r}》"))}等{ChineseText.Int(model.LastingRules.Count)}项制度，推动整改成果制度化、长效化。");

        document.Heading1(4, "下一步工作");
        for (var i = 0; i < model.NextSteps.Count; i++)
        {
            document.Lead(i + 1, model.NextSteps[i].Lead, model.NextSteps[i].Text);
        }

        if (model.LedgerTitle is { } ledgerTitle)
        {
            document.AttachmentList([ledgerTitle]);
        }

        document.Signature(model.Issuer, model.SignatureDate);
        if (model.LedgerTitle is { } title)
        {
            document.AttachmentStart(null, title);
            document.Append(LedgerTable(model));
        }

        return document.Save(document.Section(pageNumbers: true));
    }

    /// <summary>截至……，考核反馈的N个方面M个问题，已完成整改K个，完成率xx.xx%；其余……；共制定整改措施…条。</summary>
    private static string SummaryParagraph(RectificationReportModel model)
    {
        var remaining = new List<string>();
        if (model.InProgressCount > 0)
        {
            remaining.Add($"{ChineseText.Int(model.InProgressCount)}个正在整改");
        }

        if (model.NotStartedCount > 0)
        {
            remaining.Add($"{ChineseText.Int(model.NotStartedCount)}个尚未启动");
        }

        var rest = remaining.Count == 0 ? "" : $"；其余问题中，{string.Join("，", remaining)}";
        var measures = model.Aspects.Sum(a => a.Problems.Sum(p => p.Measures.Count));
        return $"截至{ChineseText.Date(model.SignatureDate)}，{model.Source}的{model.Summary}{rest}。" +
            $"共制定整改措施{ChineseText.Int(measures)}条，建立完善长效机制{ChineseText.Int(model.LastingRules.Count)}项。";
    }

    /// <summary>一是……。二是……。 (a single measure without "一是").</summary>
    private static string Measures(IReadOnlyList<string> measures) => measures.Count == 1
        ? measures[0].TrimEnd('。', '；', ';') + "。"
        : string.Concat(measures.Select((m, i) => $"{ChineseText.Numeral(i + 1)}是{m.TrimEnd('。', '；', ';')}。"));

    private static string Status(RectificationProblem problem) =>
        problem.Status == RectificationStatus.Completed && problem.CompletedOn is { } done
            ? $"{ChineseText.StatusName(problem.Status)}（{ChineseText.Date(done)}销号）"
            : ChineseText.StatusName(problem.Status);

    private static DocumentFormat.OpenXml.Wordprocessing.Table LedgerTable(RectificationReportModel model)
    {
        var table = new TableBuilder(5, 19, 29, 10, 13, 13, 11)
            .Compact()
            .Header("序号", "问题", "整改措施", "责任\n领导", "责任部门\n（责任人）", "完成\n时限", "整改\n状态");
        var number = 0;
        for (var a = 0; a < model.Aspects.Count; a++)
        {
            var aspect = model.Aspects[a];
            table.Row(new TableCellSpec($"（{ChineseText.Numeral(a + 1)}）{aspect.Name}", Left: true, Span: 7));
            foreach (var problem in aspect.Problems)
            {
                var measures = string.Join("\n", problem.Measures.Select((m, i) => $"{ChineseText.Int(i + 1)}.{m}"));
                var status = problem.Status == RectificationStatus.Completed && problem.CompletedOn is { } done
                    ? $"{ChineseText.StatusName(problem.Status)}\n{ChineseText.DateTwoLines(done)}"
                    : ChineseText.StatusName(problem.Status);
                table.Row(
                    ChineseText.Int(++number),
                    TableCellSpec.LeftAligned(problem.Problem),
                    TableCellSpec.LeftAligned(measures),
                    problem.ResponsibleLeader,
                    $"{problem.ResponsibleDepartment}\n（{problem.ResponsiblePerson}）",
                    ChineseText.DateTwoLines(problem.Deadline),
                    status);
            }
        }

        return table.Build();
    }
}
