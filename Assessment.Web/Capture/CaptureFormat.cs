using System.Globalization;
using Assessment.Scoring.Criteria;

namespace Assessment.Web.Capture;

/// <summary>How the capture pages write numbers and times; checklist.js formats the API's numbers the same way.</summary>
public static class CaptureFormat
{
    /// <summary>China has one time zone and no daylight saving: UTC+8 all year.</summary>
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>Points as the engine gives them, at most two decimals, invariant digits: 2.5, 3, 0.75.</summary>
    public static string Points(decimal points) => decimal.Round(points, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A total as published: two decimals (F2).</summary>
    public static string Total(decimal total) => total.ToString("F2", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => time.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Methods(IEnumerable<InspectionMethod> methods) => string.Join("、", methods.Select(InspectionMethodNames.ToChinese));
}
