using Assessment.Scoring.Criteria;
using Assessment.Scoring.Cycles;
using Assessment.Scoring.Scoring;
using Assessment.Web.Persistence;

namespace Assessment.Web.Api;

/// <summary>
/// An assessment's checklist as the capture UI shows it: the items grouped by dimension with the criteria
/// text, the current answers, the engine's live scorecard with its explanations, and the progress.
/// <see cref="Version"/> is the ETag.
/// </summary>
public sealed record ChecklistView(
    int AssessmentId,
    long Version,
    int CycleId,
    string CycleTitle,
    int CenterId,
    string CenterName,
    AssessmentKind Kind,
    AssessmentStatus Status,
    int Revision,
    int? PreviousRevisionId,
    string? AmendmentReason,
    CriteriaRef Criteria,
    IReadOnlyList<string> InspectorIds,
    IReadOnlyList<DimensionView> Dimensions,
    IReadOnlyList<VetoView> Vetoes,
    LiveScore Score,
    Progress Progress,
    FrozenScore? Frozen)
{
    public static ChecklistView Of(AssessmentRecord assessment, CriteriaVersion criteria, Scorecard card)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(card);
        var answers = assessment.Answers.ToDictionary(a => a.ItemId, StringComparer.Ordinal);
        var dimensions = criteria.Dimensions.Select(d =>
        {
            var score = card.Dimension(d.Code);
            var items = criteria.Items.Where(i => i.DimensionCode == d.Code).Select(item =>
            {
                var itemScore = card.Item(item.Id);
                return new ItemView(
                    item.Id,
                    item.Title,
                    item.Kind,
                    item.MaxPoints,
                    item.Guidance,
                    item.Methods,
                    item.Evidence,
                    item.NotApplicableAllowed,
                    item.Rule is LevelsRule levels ? levels.Levels.Select(l => new LevelView(l.Code, l.Label, l.Points)).ToArray() : null,
                    answers.TryGetValue(item.Id, out var answer) ? AnswerView.Of(answer) : null,
                    new ItemScoreView(itemScore.Status, itemScore.Points, itemScore.Explanation));
            }).ToArray();
            return new DimensionView(d.Code, d.Name, d.Weight, score.Earned, score.ApplicableMax, score.Score, score.Unanswered, items);
        }).ToArray();
        return new ChecklistView(
            assessment.Id,
            assessment.Version,
            assessment.CycleId,
            assessment.Cycle?.Title ?? "",
            assessment.CenterId,
            assessment.Center?.Name ?? "",
            assessment.Kind,
            assessment.Status,
            assessment.Revision,
            assessment.PreviousRevisionId,
            assessment.AmendmentReason,
            new CriteriaRef(criteria.Id, criteria.Title, criteria.ContentHash),
            assessment.Inspectors.Select(i => i.Id).Order(StringComparer.Ordinal).ToArray(),
            dimensions,
            criteria.Vetoes.Select(v => new VetoView(
                v.Id,
                v.Title,
                v.LinkedItemId,
                assessment.VetoFindings.Any(f => f.VetoId == v.Id),
                assessment.VetoFindings.FirstOrDefault(f => f.VetoId == v.Id)?.Note)).ToArray(),
            new LiveScore(
                card.Total,
                card.Total is { } total ? PublishedFigures.Round(total) : null,
                card.Grade,
                card.IsComplete,
                card.Vetoes,
                card.Problems),
            new Progress(card.Completeness.Answered, card.Completeness.Total, card.Completeness.Unanswered),
            assessment.Scorecard is { } frozen
                ? new FrozenScore(frozen.Total, frozen.Grade, frozen.CriteriaVersionId, frozen.CriteriaHash, frozen.FrozenAt)
                : null);
    }
}

/// <summary>A veto item of the criteria and whether the inspectors recorded it as triggered.</summary>
public sealed record VetoView(string Id, string Title, string? LinkedItemId, bool Recorded, string? Note);

public sealed record CriteriaRef(string Id, string Title, string ContentHash);

public sealed record DimensionView(string Code, string Name, decimal Weight, decimal Earned, decimal ApplicableMax, decimal? Score, int Unanswered, IReadOnlyList<ItemView> Items);

public sealed record ItemView(
    string Id,
    string Title,
    ItemKind Kind,
    decimal MaxPoints,
    string Guidance,
    IReadOnlyList<InspectionMethod> Methods,
    IReadOnlyList<string> Evidence,
    bool NotApplicableAllowed,
    IReadOnlyList<LevelView>? Levels,
    AnswerView? Answer,
    ItemScoreView Score);

public sealed record LevelView(string Code, string Label, decimal Points);

public sealed record AnswerView(bool NotApplicable, bool? Met, string? Level, decimal? Number, string? Note, InspectionMethod? Method, IReadOnlyList<int> EvidenceIds, DateTimeOffset ModifiedAt, string? ModifiedBy)
{
    public static AnswerView Of(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new(answer.NotApplicable, answer.Met, answer.Level, answer.Number, answer.Note, answer.Method, answer.EvidenceIds, answer.ModifiedAt, answer.ModifiedBy);
    }
}

public sealed record ItemScoreView(ItemStatus Status, decimal? Points, string Explanation);

public sealed record LiveScore(decimal? Total, decimal? PublishedTotal, string? Grade, bool IsComplete, IReadOnlyList<TriggeredVeto> Vetoes, IReadOnlyList<AnswerProblem> Problems);

public sealed record Progress(int Answered, int Total, IReadOnlyList<string> Unanswered);

public sealed record FrozenScore(decimal Total, string Grade, string CriteriaVersionId, string CriteriaHash, DateTimeOffset FrozenAt);

/// <summary>What a write on an assessment answers: its id, new version (the ETag) and status.</summary>
public sealed record AssessmentState(int AssessmentId, long Version, AssessmentStatus Status, int Revision, int? PreviousRevisionId, decimal? Total, string? Grade)
{
    public static AssessmentState Of(AssessmentRecord assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return new(assessment.Id, assessment.Version, assessment.Status, assessment.Revision, assessment.PreviousRevisionId, assessment.Scorecard?.Total, assessment.Scorecard?.Grade);
    }
}

public sealed record EvidenceView(int Id, long Version, int AssessmentId, string? ItemId, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt);
