using System.Globalization;
using Assessment.Scoring.Criteria;

namespace Assessment.Reports.Layout;

/// <summary>How Chinese official documents write dates, numerals, scores and lists.</summary>
internal static class ChineseText
{
    private static readonly string[] Digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    /// <summary>2022年1月27日: Arabic numerals, no leading zeros.</summary>
    public static string Date(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    /// <summary>"2022年\n3月31日": a date for a narrow table column.</summary>
    public static string DateTwoLines(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年\n{date.Month}月{date.Day}日");

    /// <summary>一, 二, … 十, 十一, … 九十九: the numerals of heading numbers.</summary>
    public static string Numeral(int n)
    {
        if (n is < 1 or > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "Heading numerals run from 1 to 99.");
        }

        if (n < 10)
        {
            return Digits[n];
        }

        var tens = n / 10;
        var ones = n % 10;
        return (tens == 1 ? "" : Digits[tens]) + "十" + (ones == 0 ? "" : Digits[ones]);
    }

    /// <summary>Scores as printed: two decimals (93.50).</summary>
    public static string Score(decimal value) =>
        Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Weights and maximum points as people write them: 25, 0.5.</summary>
    public static string Points(decimal value) =>
        Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A number for chart caches and workbooks: invariant, full precision.</summary>
    public static string Raw(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A、B、C</summary>
    public static string Enumerate(IEnumerable<string> items) => string.Join("、", items);

    public static string MethodName(InspectionMethod method) => method switch
    {
        InspectionMethod.HearReport => "听汇报",
        InspectionMethod.CheckDocuments => "查资料",
        InspectionMethod.SeeSite => "看现场",
        InspectionMethod.Forum => "开座谈会",
        InspectionMethod.SystemCheck => "系统抽查",
        InspectionMethod.MysteryVisit => "暗访",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    public static string StatusName(RectificationStatus status) => status switch
    {
        RectificationStatus.NotStarted => "未启动",
        RectificationStatus.InProgress => "正在整改",
        RectificationStatus.Completed => "已完成",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Width in character cells: CJK and full-width forms count 1, ASCII half.</summary>
    public static decimal CellWidth(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var width = 0m;
        foreach (var c in text)
        {
            width += c < 0x2E80 ? 0.5m : 1m;
        }

        return width;
    }
}
