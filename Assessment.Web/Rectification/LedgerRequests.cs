using Assessment.Web.Persistence;

namespace Assessment.Web.Rectification;

/// <summary>A finding to add: by hand, or kept (possibly edited) from an inspection's proposals.</summary>
/// <param name="Aspect">The aspect (方面) title; created in the ledger when new.</param>
/// <param name="AssessmentId">With <paramref name="ItemId"/>: the finalized inspection item the finding is raised from.</param>
/// <param name="Actions">The specific problems with their plans; none means one action for the whole problem.</param>
public sealed record FindingRequest(
    string? Aspect,
    FindingSource Source,
    string? Description,
    FindingSeverity Severity = FindingSeverity.General,
    string? SourceDetail = null,
    int? AssessmentId = null,
    string? ItemId = null,
    string? DimensionCode = null,
    IReadOnlyList<ActionPlanRequest>? Actions = null);

/// <summary>Edits of a finding; null members stay as they are.</summary>
public sealed record FindingEdit(string? Aspect, string? Description, FindingSeverity? Severity, string? SourceDetail, string? DimensionCode);

/// <summary>A specific problem and its plan (all optional but the problem itself for a split finding).</summary>
public sealed record ActionPlanRequest(
    string? SpecificProblem = null,
    string? Target = null,
    string? Measures = null,
    string? ResponsibleLeader = null,
    string? ResponsibleDepartment = null,
    string? ResponsiblePerson = null,
    DateOnly? Deadline = null,
    string? LastingRules = null);

public sealed record StatusRequest(ActionStatus Status, DateOnly? CompletedOn = null, string? ProgressNote = null);

public sealed record EvidenceRequest(IReadOnlyList<int> EvidenceIds);

public sealed record CloseRequest(string? Conclusion);

public sealed record SendBackRequest(string? Reason);

/// <summary>An item of a finalized inspection that lost points, proposed as a finding with the engine's explanation.</summary>
public sealed record FindingProposal(
    int AssessmentId,
    string ItemId,
    string DimensionCode,
    string? DimensionName,
    string ItemTitle,
    decimal MaxPoints,
    decimal Points,
    string Explanation,
    string SuggestedAspect,
    string SuggestedDescription,
    bool AlreadyInLedger);
