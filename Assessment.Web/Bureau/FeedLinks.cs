using System.Globalization;

namespace Assessment.Web.Bureau;

/// <summary>
/// The OData feed URLs that reproduce the results pages' tables in Excel or Power BI (sets and properties of
/// <c>OData/Sets</c>): analysts export by opening the feed, not by downloading a second format.
/// </summary>
public static class FeedLinks
{
    /// <summary>Up to this many assessment ids go into an <c>in (…)</c> filter (the feed allows 100 filter nodes).</summary>
    private const int MaxIdsInFilter = 80;

    /// <summary>The ranking table: total, rank, grade and demonstration status per center.</summary>
    public static string Rankings(int cycleId) =>
        Feed("Rankings", $"CycleId eq {cycleId.ToString(CultureInfo.InvariantCulture)}", "Rank,CenterCode");

    /// <summary>The ranking table's dimension columns: the published inspections' dimension scores.</summary>
    public static string DimensionScores(int cycleId, IReadOnlyList<int> assessmentIds)
    {
        ArgumentNullException.ThrowIfNull(assessmentIds);
        var filter = assessmentIds.Count is > 0 and <= MaxIdsInFilter
            ? $"AssessmentId in ({string.Join(",", assessmentIds.Select(i => i.ToString(CultureInfo.InvariantCulture)))})"
            : $"CycleId eq {cycleId.ToString(CultureInfo.InvariantCulture)} and AssessmentKind eq 'Inspection'";
        return Feed("DimensionScores", filter, "CenterCode,DimensionCode");
    }

    /// <summary>The status matrix: the current revision of every self-assessment and inspection, with frozen totals.</summary>
    public static string Assessments(int cycleId) =>
        Feed("Assessments", $"CycleId eq {cycleId.ToString(CultureInfo.InvariantCulture)} and IsCurrentRevision eq true", "CenterCode,Kind");

    /// <summary>One assessment's item scores (a center's items, as frozen at finalization).</summary>
    public static string ItemScores(int assessmentId) =>
        Feed("ItemScores", $"AssessmentId eq {assessmentId.ToString(CultureInfo.InvariantCulture)}", "DimensionCode,ItemId");

    private static string Feed(string set, string filter, string orderBy) =>
        $"/odata/{set}?$filter={Uri.EscapeDataString(filter)}&$orderby={Uri.EscapeDataString(orderBy)}";
}
