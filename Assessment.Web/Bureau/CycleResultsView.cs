using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Assessment.Scoring.Criteria;
using Assessment.Scoring.Cycles;
using Assessment.Web.Persistence;

namespace Assessment.Web.Bureau;

/// <summary>
/// A cycle's ranking as the results pages show it (table and charts from one model): the stored results of a published
/// cycle (<see cref="FromStored"/>), or the engine's analysis of a cycle not yet published (<see cref="FromPreview"/>).
/// Figures are the engine's; the province means are the engine's <see cref="SummaryStatistics"/> over the published
/// (two-decimal) dimension scores, as <see cref="Benchmark"/> computes them.
/// </summary>
public sealed record CycleResultsView
{
    public required int CycleId { get; init; }

    public required int Year { get; init; }

    public required string Title { get; init; }

    /// <summary>Computed now from the finalized inspections; nothing is stored or published.</summary>
    public required bool IsPreview { get; init; }

    public required IReadOnlyList<DimensionHead> Dimensions { get; init; }

    /// <summary>The criteria's demonstration line (总分示范线).</summary>
    public required decimal DemonstrationThreshold { get; init; }

    /// <summary>In rank order; centers sharing a rank keep the engine's order.</summary>
    public required IReadOnlyList<ResultRow> Rows { get; init; }

    /// <summary>Mean published score per dimension over the ranked centers, in <see cref="Dimensions"/> order; empty when none is ranked.</summary>
    public required IReadOnlyList<decimal> ProvinceMeans { get; init; }

    /// <summary>The latest earlier published cycle's year, when there is one.</summary>
    public int? PreviousYear { get; init; }

    /// <summary>Centers left out of the ranking and why (preview only).</summary>
    public IReadOnlyList<UnrankedCenter> Unranked { get; init; } = [];

    /// <summary>The engine's note when the demonstration quota is exceeded by an unresolved tie.</summary>
    public string? DemonstrationNote { get; init; }

    /// <summary>The finalized inspections the stored results were computed from (empty for a preview).</summary>
    public IReadOnlyList<int> AssessmentIds { get; init; } = [];

    /// <summary>The center whose profile the radar shows (query <c>center</c>); the first ranked when not chosen.</summary>
    public int? SelectedCenterId { get; init; }

    public ResultRow? Selected => Rows.FirstOrDefault(r => r.CenterId == SelectedCenterId) ?? (Rows.Count > 0 ? Rows[0] : null);

    public bool HasYearOverYear => PreviousYear is not null && Rows.Any(r => r.PreviousTotal is not null);

    public static string Figure(decimal value) => PublishedFigures.Format(value);

    public static string Figure(decimal? value) => value is { } v ? PublishedFigures.Format(v) : "—";

    /// <summary>A signed change with two decimals: +1.50, −0.25, 0.00.</summary>
    public static string Change(decimal? value) => value switch
    {
        null => "—",
        > 0 => "+" + PublishedFigures.Format(value.Value),
        < 0 => "−" + PublishedFigures.Format(-value.Value),
        _ => PublishedFigures.Format(0m),
    };

    /// <summary>The name without the common suffix, for chart labels: 海北州公共资源交易中心 → 海北州.</summary>
    public static string ShortName(string name) =>
        name.EndsWith("公共资源交易中心", StringComparison.Ordinal) && name.Length > "公共资源交易中心".Length ? name[..^"公共资源交易中心".Length] : name;

    public static CycleResultsView FromStored(
        AssessmentCycle cycle, CriteriaVersion criteria, IReadOnlyList<CycleResult> stored, PreviousTotals? previous, int? selectedCenterId)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(stored);
        var rows = stored.OrderBy(r => r.Rank).ThenBy(r => r.Id).Select(r => new ResultRow(
            r.CenterId,
            r.Center?.Name ?? "",
            r.Rank,
            PublishedFigures.Round(r.Total),
            r.Grade,
            r.IsDemonstration,
            r.IsDemonstration ? DemonstrationStatus.Selected : DemonstrationStatus.NotSelected,
            r.DemonstrationReasons,
            criteria.Dimensions.Select(d => PublishedFigures.Round(r.Dimensions.FirstOrDefault(x => x.Code == d.Code)?.Score)).ToArray(),
            previous?.Totals.TryGetValue(r.CenterId, out var p) == true ? p : null)).ToArray();
        return new CycleResultsView
        {
            CycleId = cycle.Id,
            Year = cycle.Year,
            Title = cycle.Title,
            IsPreview = false,
            Dimensions = Heads(criteria),
            DemonstrationThreshold = criteria.Demonstration.MinTotal,
            Rows = rows,
            ProvinceMeans = Means(criteria, rows),
            PreviousYear = previous?.Year,
            SelectedCenterId = selectedCenterId,
            AssessmentIds = stored.Select(r => r.AssessmentId).OfType<int>().Order().ToArray(),
        };
    }

    public static CycleResultsView FromPreview(AssessmentCycle cycle, CriteriaVersion criteria, CycleAnalysis analysis, PreviousTotals? previous, int? selectedCenterId)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(analysis);
        var rows = analysis.Rankings.Select(r =>
        {
            var centerId = int.Parse(r.CenterId, CultureInfo.InvariantCulture);
            return new ResultRow(
                centerId,
                r.Name,
                r.Rank,
                r.PublishedTotal,
                r.Grade,
                r.Demonstration.IsSelected,
                r.Demonstration.Outcome switch
                {
                    DemonstrationOutcome.Selected => DemonstrationStatus.Selected,
                    DemonstrationOutcome.SelectedInUnresolvedTie => DemonstrationStatus.Tied,
                    DemonstrationOutcome.OutsideQuota => DemonstrationStatus.OutsideQuota,
                    _ => DemonstrationStatus.NotEligible,
                },
                r.Demonstration.Reasons,
                criteria.Dimensions.Select(d => PublishedFigures.Round(r.Dimensions.FirstOrDefault(x => x.Code == d.Code)?.Score)).ToArray(),
                previous?.Totals.TryGetValue(centerId, out var p) == true ? p : null);
        }).ToArray();
        return new CycleResultsView
        {
            CycleId = cycle.Id,
            Year = cycle.Year,
            Title = cycle.Title,
            IsPreview = true,
            Dimensions = Heads(criteria),
            DemonstrationThreshold = criteria.Demonstration.MinTotal,
            Rows = rows,
            ProvinceMeans = analysis.Statistics is { } statistics ? statistics.Dimensions.Select(d => d.Scores.Mean).ToArray() : [],
            PreviousYear = previous?.Year,
            Unranked = analysis.Unranked,
            DemonstrationNote = analysis.Demonstration.Note,
            SelectedCenterId = selectedCenterId,
        };
    }

    /// <summary>The data the charts draw, serialized into the page next to the tables that show the same numbers.</summary>
    public string ChartJson()
    {
        var selected = Selected;
        var data = new ChartData(
            Year,
            PreviousYear,
            DemonstrationThreshold,
            Rows.Select(r => new ChartCenter(r.CenterId, ShortName(r.CenterName), r.PublishedTotal, r.IsDemonstration, r.DimensionScores, r.PreviousTotal)).ToArray(),
            Dimensions.Select((d, i) => new ChartDimension(d.Name, d.Weight, i < ProvinceMeans.Count ? PublishedFigures.Round(ProvinceMeans[i]) : null)).ToArray(),
            selected?.CenterId);
        return JsonSerializer.Serialize(data, ChartJsonContext.Default.ChartData);
    }

    private static DimensionHead[] Heads(CriteriaVersion criteria) =>
        criteria.Dimensions.Select(d => new DimensionHead(d.Code, d.Name, d.Weight)).ToArray();

    /// <summary>The engine's summary statistics of the published dimension scores of the rows.</summary>
    private static decimal[] Means(CriteriaVersion criteria, ResultRow[] rows)
    {
        if (rows.Length == 0)
        {
            return [];
        }

        return criteria.Dimensions.Select((_, i) =>
        {
            var scores = rows.Select(r => r.DimensionScores[i]).OfType<decimal>().ToArray();
            return scores.Length == 0 ? 0m : SummaryStatistics.Of(scores).Mean;
        }).ToArray();
    }
}

public sealed record DimensionHead(string Code, string Name, decimal Weight);

/// <param name="PublishedTotal">The total as published (two decimals).</param>
/// <param name="DimensionScores">Published scores in the criteria's dimension order.</param>
/// <param name="PreviousTotal">The center's published total in the previous published cycle.</param>
public sealed record ResultRow(
    int CenterId,
    string CenterName,
    int Rank,
    decimal PublishedTotal,
    string Grade,
    bool IsDemonstration,
    DemonstrationStatus Demonstration,
    IReadOnlyList<string> DemonstrationReasons,
    IReadOnlyList<decimal?> DimensionScores,
    decimal? PreviousTotal)
{
    public decimal? Change => PreviousTotal is { } previous ? PublishedTotal - previous : null;
}

public enum DemonstrationStatus
{
    NotSelected,
    NotEligible,
    OutsideQuota,
    Selected,
    Tied,
}

/// <summary>The published totals of the latest earlier published cycle, by center id.</summary>
public sealed record PreviousTotals(int CycleId, int Year, IReadOnlyDictionary<int, decimal> Totals);

internal sealed record ChartData(int Year, int? PreviousYear, decimal Threshold, IReadOnlyList<ChartCenter> Centers, IReadOnlyList<ChartDimension> Dimensions, int? Selected);

internal sealed record ChartCenter(int Id, string Name, decimal Total, bool Demonstration, IReadOnlyList<decimal?> Scores, decimal? Previous);

internal sealed record ChartDimension(string Name, decimal Weight, decimal? Mean);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ChartData))]
internal sealed partial class ChartJsonContext : JsonSerializerContext;
