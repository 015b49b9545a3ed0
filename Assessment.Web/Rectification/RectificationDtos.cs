using Assessment.Web.Persistence;

namespace Assessment.Web.Rectification;

public sealed record AddFindingsRequest(IReadOnlyList<FindingRequest>? Findings);

public sealed record LedgerDto(
    int Id, int CenterId, int CycleId, long Version, ProgressDto Progress, IReadOnlyList<AspectDto> Aspects)
{
    public static LedgerDto From(RectificationLedger ledger, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return new LedgerDto(ledger.Id, ledger.CenterId, ledger.CycleId, ledger.Version,
            ProgressDto.From(LedgerProgress.Of(ledger, today)),
            ledger.Aspects.OrderBy(a => a.Order)
                .Select(a => new AspectDto(a.Id, a.Order, a.Title,
                    ledger.Findings.Where(f => f.AspectId == a.Id).OrderBy(f => f.Order).Select(f => FindingDto.From(f, today)).ToList()))
                .ToList());
    }
}

public sealed record AspectDto(int Id, int Order, string Title, IReadOnlyList<FindingDto> Findings);

public sealed record FindingDto(
    int Id, int Order, string Aspect, FindingSource Source, string? SourceDetail, int? AssessmentId, string? ItemId,
    string? DimensionCode, string Description, FindingSeverity Severity, string? Explanation, IReadOnlyList<ActionDto> Actions)
{
    public static FindingDto From(Finding finding, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new FindingDto(finding.Id, finding.Order, finding.Aspect?.Title ?? "", finding.Source, finding.SourceDetail,
            finding.AssessmentId, finding.ItemId, finding.DimensionCode, finding.Description, finding.Severity, finding.Explanation,
            finding.Actions.OrderBy(a => a.Order).Select(a => ActionDto.From(a, finding, today)).ToList());
    }
}

/// <summary>An action as the API shows it; <see cref="Version"/> is the value for If-Match.</summary>
public sealed record ActionDto(
    int Id, int FindingId, int Order, string Problem, string? SpecificProblem, string? Target, string? Measures,
    string? ResponsibleLeader, string? ResponsibleDepartment, string? ResponsiblePerson, DateOnly? Deadline,
    ActionStatus Status, string StatusText, string? ProgressNote, DateOnly? CompletedOn, IReadOnlyList<int> EvidenceIds,
    string? LastingRules, bool Closed, DateTimeOffset? ClosedAt, string? ClosedBy, string? ClosingConclusion, string? SentBackReason,
    bool Overdue, long Version, IReadOnlyList<VerificationDto> Verifications)
{
    public static ActionDto From(RectificationAction action, Finding finding, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(finding);
        return new ActionDto(action.Id, finding.Id, action.Order, finding.Description, action.SpecificProblem, action.Target, action.Measures,
            action.ResponsibleLeader, action.ResponsibleDepartment, action.ResponsiblePerson, action.Deadline,
            action.Status, StatusName(action.Status), action.ProgressNote, action.CompletedOn, action.EvidenceIds,
            action.LastingRules, action.IsClosed, action.ClosedAt, action.ClosedBy, action.ClosingConclusion, action.SentBackReason,
            action.IsOverdue(today), action.Version,
            action.Verifications.OrderBy(v => v.At).Select(v => new VerificationDto(v.Decision, v.Text, v.VerifierId, v.At)).ToList());
    }

    public static string StatusName(ActionStatus status) => status switch
    {
        ActionStatus.NotStarted => "未启动",
        ActionStatus.InProgress => "正在整改",
        _ => "已完成",
    };
}

public sealed record VerificationDto(VerificationDecision Decision, string Text, string VerifierId, DateTimeOffset At);

public sealed record ProgressDto(
    int Aspects, int Problems, int SpecificProblems, int Completed, int InProgress, int NotStarted, int Closed, int Overdue,
    decimal CompletionRate, decimal ClosedRate, string CompletionRateText, string Summary)
{
    public static ProgressDto From(LedgerProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new ProgressDto(p.Aspects, p.Problems, p.SpecificProblems, p.Completed, p.InProgress, p.NotStarted, p.Closed, p.Overdue,
            p.CompletionRate, p.ClosedRate, p.CompletionRateText, p.Summary);
    }
}

public sealed record CenterProgressDto(int CenterId, string CenterName, ProgressDto Progress);

public sealed record ProvinceProgressDto(int CycleId, ProgressDto Total, IReadOnlyList<CenterProgressDto> Centers);

public sealed record RemindersDto(DateOnly Today, IReadOnlyList<ActionDto> Overdue, IReadOnlyList<ActionDto> DueSoon);

public sealed record PreviousRateDto(int CenterId, int CycleId, decimal? Rate);

public sealed record ImportPreviewDto(string? Token, bool CanConfirm, IReadOnlyList<ImportRow> Rows, IReadOnlyList<ImportError> Errors)
{
    public static ImportPreviewDto From(ImportPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        return new ImportPreviewDto(preview.Token, preview.Token is not null, preview.Rows, preview.Errors);
    }
}

public sealed record ImportResultDto(int ActionsAdded);
