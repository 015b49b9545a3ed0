namespace Assessment.Web.Persistence;

/// <summary>Every insert, update and delete of this entity is written to the audit log (<see cref="AuditEntry"/>).</summary>
public interface IAudited;

/// <summary>
/// Carries an optimistic concurrency version (ETag / If-Match): a number the change stamp raises by one
/// on every change, checked by the database on update.
/// </summary>
public interface IVersioned
{
    long Version { get; set; }
}

/// <summary>Creation and last-change stamps, set on save from the clock and the current actor.</summary>
public interface IStamped
{
    DateTimeOffset CreatedAt { get; set; }

    DateTimeOffset ModifiedAt { get; set; }

    /// <summary>The user id (or actor name when no user) of the last change.</summary>
    string? ModifiedBy { get; set; }
}

/// <summary>
/// A row that belongs to one assessment (answers, veto findings, evidence, inspectors, scorecard):
/// changing it changes the assessment, so its <see cref="AssessmentRecord.Version"/> goes up too.
/// </summary>
public interface IAssessmentPart
{
    int AssessmentId { get; }
}
