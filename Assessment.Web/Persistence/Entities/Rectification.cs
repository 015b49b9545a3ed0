using System.Text.Json.Serialization;

namespace Assessment.Web.Persistence;

/// <summary>
/// A center's rectification ledger (整改台账) for one cycle: the problems found in that cycle's assessment,
/// and those from inspection tours (巡察), audits (审计) and elsewhere, grouped as the published reports do:
/// aspects (方面) → problems (问题, <see cref="Finding"/>) → specific problems (具体问题, each one
/// <see cref="RectificationAction"/>). The completion rate counts specific problems. One per (center, cycle).
/// </summary>
public sealed class RectificationLedger : IAudited, IVersioned, IStamped
{
    public int Id { get; set; }

    public int CenterId { get; set; }

    public Center? Center { get; set; }

    public int CycleId { get; set; }

    public AssessmentCycle? Cycle { get; set; }

    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }

    public string? ModifiedBy { get; set; }

    public List<LedgerAspect> Aspects { get; } = [];

    public List<Finding> Findings { get; } = [];
}

/// <summary>An aspect (方面) grouping problems, e.g. 服务质量方面 or 组织领导方面.</summary>
public sealed class LedgerAspect : IAudited
{
    public const int TitleMaxLength = 200;

    public int Id { get; set; }

    public int LedgerId { get; set; }

    public required string Title { get; set; }

    /// <summary>Position in the ledger (一、二、…), from 1.</summary>
    public int Order { get; set; }
}

/// <summary>
/// A problem (问题) the center must rectify: raised from an item of an inspection that lost points (with the
/// engine's explanation), or entered by hand from an inspection tour, an audit or elsewhere.
/// </summary>
public sealed class Finding : IAudited, IStamped
{
    public const int DescriptionMaxLength = 4000;
    public const int ExplanationMaxLength = ItemScoreRecord.ExplanationMaxLength;
    public const int SourceDetailMaxLength = 200;
    public const int DimensionCodeMaxLength = DimensionScoreRecord.CodeMaxLength;

    public int Id { get; set; }

    public int LedgerId { get; set; }

    public int AspectId { get; set; }

    public LedgerAspect? Aspect { get; set; }

    /// <summary>Position in the ledger (序号), from 1.</summary>
    public int Order { get; set; }

    public FindingSource Source { get; set; }

    /// <summary>Who raised it, in the source's words, e.g. 市委第三巡察组; optional.</summary>
    public string? SourceDetail { get; set; }

    /// <summary>The inspection the finding was raised from (source <see cref="FindingSource.Assessment"/>).</summary>
    public int? AssessmentId { get; set; }

    /// <summary>The criteria item that lost points, when raised from an inspection.</summary>
    public string? ItemId { get; set; }

    public string? DimensionCode { get; set; }

    public required string Description { get; set; }

    public FindingSeverity Severity { get; set; } = FindingSeverity.General;

    /// <summary>The scoring engine's explanation of the lost points, when raised from an item.</summary>
    public string? Explanation { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }

    public string? ModifiedBy { get; set; }

    public List<RectificationAction> Actions { get; } = [];
}

[JsonConverter(typeof(NamedEnumConverter<FindingSource>))]
public enum FindingSource
{
    /// <summary>本次考核: this assessment's inspection.</summary>
    Assessment,

    /// <summary>巡察</summary>
    InspectionTour,

    /// <summary>审计</summary>
    Audit,

    /// <summary>其他</summary>
    Other,
}

[JsonConverter(typeof(NamedEnumConverter<FindingSeverity>))]
public enum FindingSeverity
{
    /// <summary>一般</summary>
    General,

    /// <summary>较重</summary>
    Serious,

    /// <summary>严重</summary>
    Grave,
}

/// <summary>未启动 / 正在整改 (including partly done, with a progress note) / 已完成.</summary>
[JsonConverter(typeof(NamedEnumConverter<ActionStatus>))]
public enum ActionStatus
{
    NotStarted,
    InProgress,
    Completed,
}

/// <summary>The bureau's decision on an action: closed (销号) or sent back (退回).</summary>
[JsonConverter(typeof(NamedEnumConverter<VerificationDecision>))]
public enum VerificationDecision
{
    Closed,
    SentBack,
}

/// <summary>
/// One specific problem (具体问题) of a <see cref="Finding"/> and what the center does about it: target, measures,
/// who answers for it, by when, where it stands, the evidence, the lasting rules adopted, and the bureau's
/// verification. A problem that is not split has exactly one action whose <see cref="SpecificProblem"/> is null.
/// State changes go through the methods, which enforce the rules; a closed action cannot change.
/// </summary>
public sealed class RectificationAction : IAudited, IVersioned, IStamped
{
    public const int SpecificProblemMaxLength = 2000;
    public const int TextMaxLength = 4000;
    public const int NameMaxLength = 100;
    public const int NoteMaxLength = 2000;

    public int Id { get; set; }

    public int FindingId { get; set; }

    public Finding? Finding { get; set; }

    /// <summary>Position within the finding, from 1.</summary>
    public int Order { get; set; }

    /// <summary>具体问题; null when the action addresses the whole finding.</summary>
    public string? SpecificProblem { get; set; }

    /// <summary>整改目标.</summary>
    public string? Target { get; set; }

    /// <summary>整改措施.</summary>
    public string? Measures { get; set; }

    /// <summary>责任领导.</summary>
    public string? ResponsibleLeader { get; set; }

    /// <summary>责任部门.</summary>
    public string? ResponsibleDepartment { get; set; }

    /// <summary>责任人.</summary>
    public string? ResponsiblePerson { get; set; }

    /// <summary>完成时限.</summary>
    public DateOnly? Deadline { get; set; }

    public ActionStatus Status { get; private set; } = ActionStatus.NotStarted;

    /// <summary>What is done so far while in progress (e.g. 一期已完成，二期待资金到位).</summary>
    public string? ProgressNote { get; private set; }

    /// <summary>完成时间; set exactly when completed.</summary>
    public DateOnly? CompletedOn { get; private set; }

    /// <summary>Ids of <see cref="EvidenceFile"/>s proving the rectification (整改佐证).</summary>
    public List<int> EvidenceIds { get; set; } = [];

    /// <summary>长效机制: rules or mechanisms adopted for the long run.</summary>
    public string? LastingRules { get; set; }

    /// <summary>When the bureau closed the item (销号); null while open.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    /// <summary>The verifier's conclusion on closing.</summary>
    public string? ClosingConclusion { get; private set; }

    /// <summary>Why the bureau last sent the item back (退回); cleared when closed.</summary>
    public string? SentBackReason { get; private set; }

    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }

    public string? ModifiedBy { get; set; }

    public List<RectificationVerification> Verifications { get; } = [];

    public bool IsClosed => ClosedAt is not null;

    /// <summary>Past its deadline on <paramref name="today"/> and not completed.</summary>
    public bool IsOverdue(DateOnly today) => Status != ActionStatus.Completed && Deadline is { } d && d < today;

    /// <summary>Due within <paramref name="days"/> days of <paramref name="today"/> (inclusive) and not completed.</summary>
    public bool IsDueSoon(DateOnly today, int days) =>
        Status != ActionStatus.Completed && Deadline is { } d && d >= today && d <= today.AddDays(days);

    /// <summary>Throws when the action is closed: a closed item is immutable.</summary>
    public void EnsureOpen()
    {
        if (IsClosed)
        {
            throw new LedgerRuleException(409, "actionId", $"整改事项{Id}已销号，不能修改。");
        }
    }

    /// <summary>Sets the status. Completing requires a completion date; leaving Completed clears it.</summary>
    public void SetStatus(ActionStatus status, DateOnly? completedOn, string? progressNote)
    {
        EnsureOpen();
        if (status == ActionStatus.Completed && completedOn is null)
        {
            throw new LedgerRuleException(422, "completedOn", $"整改事项{Id}标记为已完成时须填写完成时间。");
        }

        Status = status;
        CompletedOn = status == ActionStatus.Completed ? completedOn : null;
        ProgressNote = status == ActionStatus.InProgress ? progressNote : null;
    }

    /// <summary>The bureau closes the item (销号): it must be completed and carry evidence.</summary>
    public RectificationVerification Close(string conclusion, string verifier, DateTimeOffset at)
    {
        EnsureOpen();
        ArgumentException.ThrowIfNullOrWhiteSpace(verifier);
        if (string.IsNullOrWhiteSpace(conclusion))
        {
            throw new LedgerRuleException(422, "conclusion", $"整改事项{Id}销号须填写核验结论。");
        }

        if (conclusion.Trim().Length > RectificationVerification.TextMaxLength)
        {
            throw new LedgerRuleException(422, "conclusion", $"核验结论超过{RectificationVerification.TextMaxLength}个字符。");
        }

        if (Status != ActionStatus.Completed)
        {
            throw new LedgerRuleException(422, "status", $"整改事项{Id}尚未完成整改，不能销号。");
        }

        if (EvidenceIds.Count == 0)
        {
            throw new LedgerRuleException(422, "evidenceIds", $"整改事项{Id}没有佐证材料，不能销号。");
        }

        ClosedAt = at;
        ClosedBy = verifier;
        ClosingConclusion = conclusion.Trim();
        SentBackReason = null;
        var record = new RectificationVerification { Decision = VerificationDecision.Closed, Text = ClosingConclusion, VerifierId = verifier, At = at };
        Verifications.Add(record);
        return record;
    }

    /// <summary>
    /// The bureau sends the item back (退回) with a reason: it returns to 正在整改. Sending back a closed item
    /// reopens it; the closing stays in the verification history.
    /// </summary>
    public RectificationVerification SendBack(string reason, string verifier, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verifier);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new LedgerRuleException(422, "reason", $"退回整改事项{Id}须填写退回理由。");
        }

        if (reason.Trim().Length > RectificationVerification.TextMaxLength)
        {
            throw new LedgerRuleException(422, "reason", $"退回理由超过{RectificationVerification.TextMaxLength}个字符。");
        }

        ClosedAt = null;
        ClosedBy = null;
        ClosingConclusion = null;
        SentBackReason = reason.Trim();
        Status = ActionStatus.InProgress;
        CompletedOn = null;
        ProgressNote = null;
        var record = new RectificationVerification { Decision = VerificationDecision.SentBack, Text = SentBackReason, VerifierId = verifier, At = at };
        Verifications.Add(record);
        return record;
    }
}

/// <summary>One verification by the bureau: a closing with its conclusion or a sending back with its reason.</summary>
public sealed class RectificationVerification : IAudited
{
    public const int TextMaxLength = 2000;

    public int Id { get; set; }

    public int ActionId { get; set; }

    public VerificationDecision Decision { get; set; }

    /// <summary>The conclusion (closed) or the reason (sent back).</summary>
    public required string Text { get; set; }

    public required string VerifierId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>A ledger rule was broken: the API answers with <see cref="Status"/> and a ProblemDetails naming <see cref="Field"/>.</summary>
public sealed class LedgerRuleException(int status, string field, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Field { get; } = field;
}
