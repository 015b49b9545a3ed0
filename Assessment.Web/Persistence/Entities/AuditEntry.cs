namespace Assessment.Web.Persistence;

/// <summary>
/// One change to an audited entity, written by <see cref="AuditInterceptor"/> in the same transaction
/// as the change: who, when, what, and the values before and after (JSON objects of property → value;
/// for an update only the properties that changed).
/// </summary>
public sealed class AuditEntry
{
    public const int ActorMaxLength = 450;
    public const int EntityTypeMaxLength = 100;
    public const int EntityIdMaxLength = 200;

    public long Id { get; set; }

    /// <summary>The acting user's id; null for the system or a command without a user.</summary>
    public string? ActorId { get; set; }

    public required string ActorName { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The entity's CLR type name, e.g. <c>AssessmentRecord</c>.</summary>
    public required string EntityType { get; set; }

    /// <summary>The primary key; composite keys joined with commas.</summary>
    public required string EntityId { get; set; }

    public AuditAction Action { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}

public enum AuditAction
{
    Insert,
    Update,
    Delete,
}
