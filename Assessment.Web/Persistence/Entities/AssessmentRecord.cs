using Assessment.Scoring.Checklists;

namespace Assessment.Web.Persistence;

/// <summary>
/// One center's checklist in one cycle: its self-assessment (自评) or the inspection team's assessment
/// (考核). Amending a finalized assessment creates a new revision (<see cref="Amend"/>) and keeps the old one;
/// the current revision of (cycle, center, kind) is the one with the highest <see cref="Revision"/>.
/// </summary>
/// <remarks>
/// Named <c>AssessmentRecord</c>, not <c>Assessment</c>: a type named like the root namespace makes every
/// <c>Assessment</c> in the solution resolve to the namespace (CS0118).
/// </remarks>
public sealed class AssessmentRecord : IAudited, IVersioned, IStamped
{
    public const int AmendmentReasonMaxLength = 1000;

    public int Id { get; set; }

    public AssessmentKind Kind { get; set; }

    public int CenterId { get; set; }

    public Center? Center { get; set; }

    public int CycleId { get; set; }

    public AssessmentCycle? Cycle { get; set; }

    public AssessmentStatus Status { get; set; } = AssessmentStatus.Draft;

    /// <summary>1 for the original; each amendment adds one.</summary>
    public int Revision { get; set; } = 1;

    /// <summary>The finalized revision this one amends; null for the original.</summary>
    public int? PreviousRevisionId { get; set; }

    public AssessmentRecord? PreviousRevision { get; set; }

    /// <summary>Why a finalized assessment was amended (required for revisions after the first).</summary>
    public string? AmendmentReason { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? FinalizedAt { get; set; }

    /// <summary>Optimistic concurrency token, raised on every change to the assessment or its parts: the ETag.</summary>
    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }

    public string? ModifiedBy { get; set; }

    public List<Answer> Answers { get; } = [];

    public List<VetoFindingRecord> VetoFindings { get; } = [];

    /// <summary>The inspection team members assigned (考核组成员); empty for self-assessments.</summary>
    public List<AppUser> Inspectors { get; } = [];

    /// <summary>The frozen scorecard, stored at finalization.</summary>
    public ScorecardRecord? Scorecard { get; set; }

    /// <summary>The answers as the scoring engine takes them.</summary>
    public Checklist ToChecklist(string criteriaId) => new()
    {
        CriteriaId = criteriaId,
        Answers = Answers.Select(a => a.ToItemAnswer()).ToArray(),
        Vetoes = VetoFindings.Select(v => new VetoFinding(v.VetoId, v.Note)).ToArray(),
    };

    /// <summary>
    /// A new draft revision of this finalized assessment with its answers, veto findings and inspectors
    /// copied; this revision stays as it is. Answers and inspectors must be loaded.
    /// </summary>
    public AssessmentRecord Amend(string reason)
    {
        if (Status != AssessmentStatus.Finalized)
        {
            throw new InvalidOperationException($"Only a finalized assessment can be amended; assessment {Id} is {Status}.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var amended = new AssessmentRecord
        {
            Kind = Kind,
            CenterId = CenterId,
            CycleId = CycleId,
            Revision = Revision + 1,
            PreviousRevisionId = Id,
            AmendmentReason = reason,
        };
        amended.Answers.AddRange(Answers.Select(a => a.CopyForRevision()));
        amended.VetoFindings.AddRange(VetoFindings.Select(v => new VetoFindingRecord { VetoId = v.VetoId, Note = v.Note }));
        amended.Inspectors.AddRange(Inspectors);
        return amended;
    }
}

public enum AssessmentKind
{
    /// <summary>自评: the center assesses itself.</summary>
    SelfAssessment,

    /// <summary>考核: the bureau's inspection team assesses the center.</summary>
    Inspection,
}

public enum AssessmentStatus
{
    Draft,
    Submitted,
    Finalized,
}

/// <summary>The join row of an assessment and an inspector assigned to it.</summary>
public sealed class AssessmentInspector : IAudited, IAssessmentPart
{
    public int AssessmentId { get; set; }

    public required string UserId { get; set; }
}

/// <summary>A veto item (一票否决) the inspector recorded as triggered.</summary>
public sealed class VetoFindingRecord : IAudited, IAssessmentPart
{
    public const int VetoIdMaxLength = 32;
    public const int NoteMaxLength = 2000;

    public int Id { get; set; }

    public int AssessmentId { get; set; }

    public required string VetoId { get; set; }

    public string? Note { get; set; }
}
