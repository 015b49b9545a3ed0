using Assessment.Reports;
using Assessment.Reports.Layout;

namespace Assessment.Tests.Reports;

[TestClass]
public sealed class ChineseTextTests
{
    [TestMethod]
    [DataRow(1, "一")]
    [DataRow(10, "十")]
    [DataRow(11, "十一")]
    [DataRow(20, "二十")]
    [DataRow(35, "三十五")]
    public void Heading_numerals_are_written_as_in_official_documents(int n, string expected) =>
        Assert.AreEqual(expected, ChineseText.Numeral(n));

    [TestMethod]
    public void Dates_have_no_leading_zeros() =>
        Assert.AreEqual("2022年1月7日", ChineseText.Date(new DateOnly(2022, 1, 7)));

    [TestMethod]
    public void Document_numbers_put_the_year_in_hexagonal_brackets_without_第_or_leading_zeros() =>
        Assert.AreEqual("青政务〔2022〕3号", new DocumentNumber("青政务", 2022, 3).ToString());

    [TestMethod]
    public void Scores_print_with_two_decimals_rounding_half_away_from_zero()
    {
        Assert.AreEqual("14.78", ChineseText.Score(14m / 18m * 19m));
        Assert.AreEqual("0.13", ChineseText.Score(0.125m));
        Assert.AreEqual("90.00", ChineseText.Score(90m));
    }
}
