using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;

namespace Assessment.Scoring.Cycles;

/// <summary>
/// Compares a center's self-assessment (自评分) with the inspection (考核分): item by item, dimension by
/// dimension and on the total, and flags the center for re-check when it rated itself too generously.
/// </summary>
/// <remarks>
/// Gaps are self minus inspection, on published (two-decimal) figures: positive when the center rated
/// itself higher. Items not applicable, unanswered or invalid in either scorecard are skipped. Item and
/// dimension gaps need both scorecards under the same criteria version; totals are always compared.
/// The center is flagged for re-check when the self total exceeds the inspection total by strictly more
/// than <see cref="CriteriaVersion.RecheckThreshold"/>: at exactly the threshold it is not.
/// </remarks>
public static class SelfAssessmentComparer
{
    /// <exception cref="ArgumentException">The center has no self-assessment.</exception>
    public static SelfAssessmentComparison Compare(CriteriaVersion criteria, CenterResult center)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(center);
        var self = center.SelfAssessment
            ?? throw new ArgumentException($"Center '{center.CenterId}' has no self-assessment.", nameof(center));
        var inspection = center.Inspection;

        var notes = new List<string>();
        var items = new List<ItemGap>();
        var skipped = new List<string>();
        var dimensions = new List<DimensionGap>();
        if (string.Equals(self.CriteriaId, inspection.CriteriaId, StringComparison.Ordinal))
        {
            var selfItems = self.Items.ToDictionary(i => i.ItemId, StringComparer.Ordinal);
            foreach (var inspected in inspection.Items)
            {
                if (inspected is { Status: ItemStatus.Scored, Points: { } inspectionPoints }
                    && selfItems.TryGetValue(inspected.ItemId, out var rated)
                    && rated is { Status: ItemStatus.Scored, Points: { } selfPoints })
                {
                    var s = PublishedFigures.Round(selfPoints);
                    var i = PublishedFigures.Round(inspectionPoints);
                    items.Add(new ItemGap(inspected.ItemId, inspected.Item.Title, inspected.DimensionCode, s, i, s - i));
                }
                else
                {
                    skipped.Add(inspected.ItemId);
                }
            }

            foreach (var inspected in inspection.Dimensions)
            {
                var s = PublishedFigures.Round(self.Dimensions.FirstOrDefault(d => d.Code == inspected.Code)?.Score);
                var i = PublishedFigures.Round(inspected.Score);
                dimensions.Add(new DimensionGap(inspected.Code, inspected.Name, s, i, s - i));
            }
        }
        else
        {
            notes.Add($"自评依据的考核标准“{self.CriteriaId}”与考核依据的“{inspection.CriteriaId}”不一致，不逐项比较");
        }

        var selfTotal = self.IsComplete ? PublishedFigures.Round(self.Total) : null;
        var inspectionTotal = inspection.IsComplete ? PublishedFigures.Round(inspection.Total) : null;
        if (selfTotal is null)
        {
            notes.Add("自评未完成，无法比较总分");
        }

        if (inspectionTotal is null)
        {
            notes.Add("考核未完成，无法比较总分");
        }

        var totalGap = selfTotal - inspectionTotal;
        string? recheck = null;
        if (totalGap > criteria.RecheckThreshold)
        {
            recheck = $"自评总分{PublishedFigures.Format(selfTotal!.Value)}分，高于考核总分{PublishedFigures.Format(inspectionTotal!.Value)}分"
                + $"{PublishedFigures.Format(totalGap.Value)}分，超过{ScoreReason.Format(criteria.RecheckThreshold)}分，需复核";
        }

        return new SelfAssessmentComparison
        {
            CenterId = center.CenterId,
            Name = center.Name,
            SelfTotal = selfTotal,
            InspectionTotal = inspectionTotal,
            TotalGap = totalGap,
            Items = items,
            SkippedItemIds = skipped,
            Dimensions = dimensions,
            RecheckReason = recheck,
            Notes = notes,
        };
    }
}

/// <summary>A center's self-assessment against the inspection; gaps are self minus inspection, published figures.</summary>
public sealed record SelfAssessmentComparison
{
    public required string CenterId { get; init; }

    public required string Name { get; init; }

    /// <summary>Null when the self-assessment is incomplete.</summary>
    public required decimal? SelfTotal { get; init; }

    /// <summary>Null when the inspection is incomplete.</summary>
    public required decimal? InspectionTotal { get; init; }

    /// <summary>Self minus inspection total; null unless both are known.</summary>
    public required decimal? TotalGap { get; init; }

    /// <summary>Items scored in both, in criteria order, including those with no gap.</summary>
    public required IReadOnlyList<ItemGap> Items { get; init; }

    /// <summary>Items left out because they were not applicable, unanswered or invalid in either scorecard.</summary>
    public required IReadOnlyList<string> SkippedItemIds { get; init; }

    /// <summary>In criteria order; empty when the two scorecards are under different criteria versions.</summary>
    public required IReadOnlyList<DimensionGap> Dimensions { get; init; }

    /// <summary>Why the center must be re-checked (in Chinese); null when it need not.</summary>
    public required string? RecheckReason { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The self total exceeds the inspection total by strictly more than the criteria's re-check threshold.</summary>
    public bool NeedsRecheck => RecheckReason is not null;

    public ItemGap Item(string itemId) =>
        Items.FirstOrDefault(i => i.ItemId == itemId)
        ?? throw new KeyNotFoundException($"Item '{itemId}' was not compared.");

    public DimensionGap Dimension(string code) =>
        Dimensions.FirstOrDefault(d => d.Code == code)
        ?? throw new KeyNotFoundException($"Dimension '{code}' was not compared.");
}

/// <param name="Gap">Self minus inspection points.</param>
public sealed record ItemGap(string ItemId, string Title, string DimensionCode, decimal SelfPoints, decimal InspectionPoints, decimal Gap);

/// <param name="Gap">Self minus inspection score; null unless both dimensions are scored.</param>
public sealed record DimensionGap(string Code, string Name, decimal? SelfScore, decimal? InspectionScore, decimal? Gap);
