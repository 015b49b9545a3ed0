using System.Globalization;
using System.Text.RegularExpressions;
using Assessment.Reports;
using Assessment.Tests.Reports.Rendering;

namespace Assessment.Tests.Reports;

/// <summary>
/// Converts the circular to PDF with LibreOffice and reads the PDF back with poppler, as a reader's
/// machine would show it. Needs soffice, pdfinfo and pdftotext (.ci/install-libreoffice.sh).
/// </summary>
[TestClass]
public sealed partial class CircularPdfRenderingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [TestMethod]
    public void Circular_converts_to_pdf_without_errors_and_reads_as_the_circular()
    {
        var tools = ExternalTool.Require("soffice", "pdfinfo", "pdftotext");
        var model = new CircularModelBuilder().Build();
        var work = Directory.CreateTempSubdirectory("assessment-circular-");
        try
        {
            var docx = Path.Combine(work.FullName, "circular.docx");
            File.WriteAllBytes(docx, CircularWriter.Write(model));

            // A profile of its own: parallel conversions sharing one silently produce nothing.
            var profile = new Uri(Path.Combine(work.FullName, "profile")).AbsoluteUri;
            var (exit, output, error) = ExternalTool.Run(
                tools[0],
                [$"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", work.FullName, docx],
                Timeout,
                new Dictionary<string, string> { ["FONTCONFIG_FILE"] = Path.Combine(AppContext.BaseDirectory, "Reports", "Rendering", "fonts.conf") });

            Assert.AreEqual(0, exit, $"soffice failed.{Environment.NewLine}{output}{error}");
            Assert.IsEmpty(ErrorLines(error), $"soffice reported:{Environment.NewLine}{error}");
            var pdf = Path.Combine(work.FullName, "circular.pdf");
            Assert.IsTrue(File.Exists(pdf), $"No PDF was written.{Environment.NewLine}{output}");
            ReportOutput.Keep("circular.pdf", File.ReadAllBytes(pdf));

            var info = ExternalTool.Run(tools[1], [pdf], Timeout).Output;
            var pages = int.Parse(PagesLine().Match(info).Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.IsTrue(pages is >= 8 and <= 16, $"8 centers make about 11 pages (body, three attachments, imprint); got {pages}.");
            StringAssert.Contains(info, "595.3", "A4 width in points.");

            var text = Compact(ExternalTool.Run(tools[2], [pdf, "-"], Timeout).Output);
            StringAssert.Contains(text, "青海省政务服务监督管理局文件");
            StringAssert.Contains(text, model.Number.ToString());
            StringAssert.Contains(text, "从服务内容、业务咨询、硬件设施、场所设置、服务质量等方面对全省8个公共资源交易中心进行了考核", "No punctuation lost at line ends.");
            StringAssert.Contains(text, "评定海北州公共资源交易中心、格尔木市公共资源交易中心为2021年度“示范公共资源交易中心”");
            StringAssert.Contains(text, "附件1");
            StringAssert.Contains(text, "信息公开属性：主动公开");

            // Page numbers on the body pages, none on the imprint page.
            StringAssert.Contains(text, "—1—");
            var last = Compact(ExternalTool.Run(tools[2], ["-f", pages.ToString(CultureInfo.InvariantCulture), "-l", pages.ToString(CultureInfo.InvariantCulture), pdf, "-"], Timeout).Output);
            StringAssert.Contains(last, "2022年1月29日印发");
            Assert.DoesNotContain("—" + pages.ToString(CultureInfo.InvariantCulture) + "—", last);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>stderr lines other than the warning a Java-less LibreOffice always prints.</summary>
    private static string[] ErrorLines(string error) => error
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(line => !line.StartsWith("Warning: failed to launch javaldx", StringComparison.Ordinal))
        .ToArray();

    /// <summary>Text without the spaces and line breaks the extraction inserts.</summary>
    private static string Compact(string text) => WhiteSpace().Replace(text, "");

    [GeneratedRegex(@"Pages:\s+(\d+)")]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
