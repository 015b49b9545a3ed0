using Assessment.Reports;

namespace Assessment.Tests.Reports;

/// <summary>Every generated document passes the OpenXML SDK's schema and semantic validation.</summary>
[TestClass]
public sealed class DocumentValidityTests
{
    [TestMethod]
    public void Circular_for_the_eight_Qinghai_centers_has_no_validation_errors() =>
        AssertValid(CircularWriter.Write(new CircularModelBuilder().Build()), "circular.docx");

    [TestMethod]
    public void Circular_without_a_previous_year_has_no_validation_errors() =>
        AssertValid(CircularWriter.Write(new CircularModelBuilder().WithoutPreviousYear().Build()), "circular-first-year.docx");

    [TestMethod]
    public void Circular_for_two_hundred_centers_has_no_validation_errors() =>
        AssertValid(CircularWriter.Write(new CircularModelBuilder().WithCenters(200).Build()), "circular-200.docx");

    [TestMethod]
    public void Feedback_letter_has_no_validation_errors() =>
        AssertValid(FeedbackLetterWriter.Write(new FeedbackLetterBuilder().Build()), "feedback.docx");

    [TestMethod]
    public void Rectification_report_has_no_validation_errors() =>
        AssertValid(RectificationReportWriter.Write(RectificationReportBuilder.TwentyOfTwentyOne()), "rectification.docx");

    [TestMethod]
    public void Chart_workbooks_are_valid_spreadsheets()
    {
        using var docx = new Docx(CircularWriter.Write(new CircularModelBuilder().Build()));
        foreach (var chart in docx.Charts)
        {
            var errors = Docx.ValidateWorkbook(chart);
            Assert.IsEmpty(errors, string.Join(Environment.NewLine, errors));
        }
    }

    private static void AssertValid(byte[] document, string name)
    {
        ReportOutput.Keep(name, document);
        var errors = Docx.Validate(document);
        Assert.IsEmpty(errors, string.Join(Environment.NewLine, errors));
    }
}
