using Assessment.Reports;

namespace Assessment.Tests.Reports;

/// <summary>A rectification report states its completion rate as the published reports do and lists the ledger.</summary>
[TestClass]
public sealed class RectificationReportTests
{
    [TestMethod]
    public void Twenty_of_twenty_one_problems_done_reads_95_24_percent()
    {
        var model = RectificationReportBuilder.TwentyOfTwentyOne();
        Assert.AreEqual("4个方面21个问题，已完成整改20个，完成率95.24%", model.Summary);
        Assert.AreEqual(95.24m, model.CompletionRate);
    }

    [TestMethod]
    public void Six_of_six_problems_done_reads_100_percent()
    {
        var model = RectificationReportBuilder.AllSixDone();
        Assert.AreEqual("2个方面6个问题，已完成整改6个，完成率100%", model.Summary);
    }

    [TestMethod]
    public void Rates_print_two_decimals_unless_whole()
    {
        Assert.AreEqual("33.33%", RectificationReportModel.FormatRate(33.33m));
        Assert.AreEqual("50%", RectificationReportModel.FormatRate(50m));
        Assert.AreEqual("95.20%", RectificationReportModel.FormatRate(95.2m));
        Assert.AreEqual("2个方面5个问题，已完成整改3个，完成率60%", RectificationReportBuilder.Build([3, 2], open: 2).Summary);
    }

    [TestMethod]
    public void Report_states_the_summary_with_what_remains_open()
    {
        using var document = new Docx(RectificationReportWriter.Write(RectificationReportBuilder.TwentyOfTwentyOne()));
        var summary = document.Section("一、整改工作总体情况")[^1];
        Assert.AreEqual("截至2022年3月25日，考核反馈的4个方面21个问题，已完成整改20个，完成率95.24%；其余问题中，1个正在整改。共制定整改措施32条，建立完善长效机制3项。", summary);

        using var done = new Docx(RectificationReportWriter.Write(RectificationReportBuilder.AllSixDone()));
        StringAssert.Contains(done.Section("一、整改工作总体情况")[^1], "考核反馈的2个方面6个问题，已完成整改6个，完成率100%。");
    }

    [TestMethod]
    public void Each_problem_has_its_measures_responsibility_deadline_and_status()
    {
        var model = RectificationReportBuilder.Build([3, 2], open: 2);
        using var document = new Docx(RectificationReportWriter.Write(model));
        var section = document.Section("二、整改落实情况");
        Assert.AreEqual("（一）硬件设施方面", section[0]);
        Assert.AreEqual("1.关于“无单独的公共资源交易监控室”问题的整改", section[1]);
        Assert.AreEqual("整改措施：一是改造机房，设立独立监控室。二是配备专职监控人员，建立值班制度。", section[2]);
        Assert.AreEqual("责任领导：王芳；责任部门：交易服务科；责任人：赵强；完成时限：2022年3月31日；整改状态：已完成（2022年3月2日销号）。", section[3]);
        Assert.AreEqual("整改措施：在各楼层加装应急照明灯和安全出口标志。", section[8], "A single measure is not numbered 一是.");
        StringAssert.EndsWith(section[^4], "整改状态：正在整改。");
        StringAssert.EndsWith(section[^1], "整改状态：未启动。");
        Assert.AreEqual("Heading3", Docx.StyleOf(document.ParagraphStartingWith("1.关于")));
        Assert.AreEqual("Heading2", Docx.StyleOf(document.Paragraph("（一）硬件设施方面")));
    }

    [TestMethod]
    public void Lasting_rules_are_named_in_book_title_marks()
    {
        using var document = new Docx(RectificationReportWriter.Write(RectificationReportBuilder.AllSixDone()));
        Assert.AreEqual("坚持“当下改”与“长久立”相结合，建立完善了《评标区管理制度》《监控室管理规定》《咨询服务首问负责制度》等3项制度，推动整改成果制度化、长效化。", document.Section("三、长效机制建设")[0]);
    }

    [TestMethod]
    public void Ledger_attachment_has_a_row_per_problem_under_its_aspect()
    {
        var model = RectificationReportBuilder.TwentyOfTwentyOne();
        using var document = new Docx(RectificationReportWriter.Write(model));
        document.Paragraph("附件：整改台账");
        document.Paragraph("附件");
        var rows = Docx.Rows(document.Tables.Single());
        Assert.AreEqual("序号|问题|整改措施|责任领导|责任部门（责任人）|完成时限|整改状态", string.Join("|", rows[0]));
        Assert.HasCount(1 + model.AspectCount + model.ProblemCount, rows);
        Assert.AreEqual("（一）硬件设施方面", rows[1].Single());
        Assert.AreEqual("1|无单独的公共资源交易监控室|1.改造机房，设立独立监控室2.配备专职监控人员，建立值班制度|王芳|交易服务科（赵强）|2022年3月31日|已完成2022年3月2日", string.Join("|", rows[2]));
        Assert.AreEqual("正在整改", rows[^1][^1]);
    }
}
