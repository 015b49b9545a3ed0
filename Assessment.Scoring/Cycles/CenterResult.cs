using Assessment.Scoring.Scoring;

namespace Assessment.Scoring.Cycles;

/// <summary>One center's results in an assessment cycle: what the analysis of the cycle starts from.</summary>
/// <param name="CenterId">Stable id of the center; unique within a cycle.</param>
/// <param name="Name">The center's name as printed, e.g. 西宁市公共资源交易中心.</param>
/// <param name="Inspection">The inspection team's scorecard (考核分).</param>
/// <param name="SelfAssessment">The center's own scorecard on the same checklist (自评分), if it submitted one.</param>
/// <param name="PreviousRectificationRate">
/// The center's rectification completion rate for the previous cycle's findings, in percent (0–100);
/// null when unknown.
/// </param>
public sealed record CenterResult(
    string CenterId,
    string Name,
    Scorecard Inspection,
    Scorecard? SelfAssessment = null,
    decimal? PreviousRectificationRate = null);

/// <summary>
/// The previous cycle's inspection scorecards, keyed by center id. They may have been scored under
/// another criteria version: year-over-year comparison matches dimensions by code and compares shares
/// of weight, never raw points.
/// </summary>
public sealed record PreviousCycle(IReadOnlyDictionary<string, Scorecard> Scorecards);
