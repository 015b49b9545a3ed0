using Assessment.Reports;

namespace Assessment.Tests.Reports;

[TestClass]
public sealed class CircularValidityTests
{
    [TestMethod]
    public void Circular_for_the_eight_Qinghai_centers_has_no_validation_errors()
    {
        var bytes = CircularWriter.Write(new CircularModelBuilder().Build());
        var errors = Docx.Validate(bytes);
        if (Environment.GetEnvironmentVariable("ASSESSMENT_REPORTS_OUT") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, "circular.docx"), bytes);
        }

        Assert.IsEmpty(errors, string.Join(Environment.NewLine, errors));
    }
}
