using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;

namespace Assessment.Reports;

/// <summary>
/// The letter a center receives after the assessment (考核情况反馈意见): its scores against the province
/// per dimension, every item where it lost points with the reason and the evidence noted, the
/// inspectors' findings and the rectification deadline.
/// </summary>
public sealed record FeedbackLetterModel
{
    public required string IssuerName { get; init; }

    /// <summary>The red mark at the top, e.g. 青海省政务服务监督管理局; null prints no header.</summary>
    public string? IssuerMark { get; init; }

    /// <summary>Null when the letter carries no number.</summary>
    public DocumentNumber? Number { get; init; }

    /// <summary>"\n" marks a preferred line break.</summary>
    public required string Title { get; init; }

    /// <summary>The center's full name, printed as the addressee (ending "：").</summary>
    public required string Center { get; init; }

    public required int Year { get; init; }

    /// <summary>The opening paragraph, e.g. 根据……，我局于……对你中心进行了考核。现将有关情况反馈如下：</summary>
    public required string Opening { get; init; }

    public required decimal Total { get; init; }

    public required decimal ProvinceMean { get; init; }

    public required int Rank { get; init; }

    public required int CenterCount { get; init; }

    public required string Grade { get; init; }

    public required bool IsDemonstration { get; init; }

    public string DemonstrationTitle { get; init; } = "示范公共资源交易中心";

    /// <summary>The center's score and the province mean per dimension.</summary>
    public required IReadOnlyList<DimensionComparison> Dimensions { get; init; }

    /// <summary>Every item where the center lost points, in criteria order.</summary>
    public required IReadOnlyList<LostPointItem> LostPoints { get; init; }

    /// <summary>The inspectors' findings (发现的问题), one per paragraph.</summary>
    public required IReadOnlyList<string> Findings { get; init; }

    public required DateOnly RectificationDeadline { get; init; }

    /// <summary>Who receives the rectification report, e.g. 省政务服务监督管理局.</summary>
    public required string ReportTo { get; init; }

    public required DateOnly SignatureDate { get; init; }

    public string Disclosure { get; init; } = "依申请公开";

    public decimal TotalLost => LostPoints.Sum(i => i.MaxPoints - i.Points);
}

/// <param name="Score">The center's points in the dimension.</param>
/// <param name="ProvinceMean">The mean of all centers in the dimension.</param>
public sealed record DimensionComparison(string Name, decimal Weight, decimal Score, decimal ProvinceMean)
{
    public decimal Difference => Score - ProvinceMean;
}

/// <summary>An item where the center lost points.</summary>
/// <param name="Reason">Why, in the words of the scorer (e.g. 发现2处问题，每处扣0.5分……).</param>
public sealed record LostPointItem(
    string ItemId,
    string Dimension,
    string Title,
    decimal MaxPoints,
    decimal Points,
    string Reason)
{
    /// <summary>How the inspector established the answer; null when not recorded.</summary>
    public InspectionMethod? Method { get; init; }

    /// <summary>Evidence references noted by the inspector.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>The inspector's note (explanation) on the item.</summary>
    public string? Note { get; init; }

    public decimal Lost => MaxPoints - Points;

    /// <summary>
    /// The items of a scorecard that lost points, with the method, evidence and note from the checklist
    /// the scorecard was computed from, in criteria order.
    /// </summary>
    public static IReadOnlyList<LostPointItem> FromScorecard(CriteriaVersion criteria, Scorecard scorecard, Checklist checklist)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(checklist);
        var answers = checklist.Answers.GroupBy(a => a.ItemId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var lost = new List<LostPointItem>();
        foreach (var score in scorecard.Items)
        {
            if (score.PointsLost <= 0m)
            {
                continue;
            }

            answers.TryGetValue(score.ItemId, out var answer);
            lost.Add(new LostPointItem(
                score.ItemId,
                criteria.GetDimension(score.DimensionCode).Name,
                score.Item.Title,
                score.MaxPoints,
                score.Points!.Value,
                score.Explanation)
            {
                Method = answer?.Method,
                Evidence = answer?.Evidence ?? [],
                Note = answer?.Note,
            });
        }

        return lost;
    }
}
