namespace Assessment.Web.Persistence;

/// <summary>
/// A correction of a published cycle's <see cref="PublicationSettings"/> (更正): the circular is an issued official
/// document, so its settings change after publication only through a correction that keeps the values it replaced,
/// the values it stored, why and who. Rows are only ever added.
/// </summary>
public sealed class PublicationCorrection : IAudited
{
    public const int ReasonMaxLength = 1000;

    public int Id { get; set; }

    public int CycleId { get; set; }

    public AssessmentCycle? Cycle { get; set; }

    /// <summary>Why the issued circular's settings were corrected.</summary>
    public required string Reason { get; set; }

    /// <summary>The settings before the correction: the API's JSON of them (<c>PublicationSettingsDto</c>).</summary>
    public required string Previous { get; set; }

    /// <summary>The settings the correction stored, as JSON in the same shape.</summary>
    public required string Corrected { get; set; }

    /// <summary>The settings' version the correction produced.</summary>
    public long Version { get; set; }

    public DateTimeOffset CorrectedAt { get; set; }

    /// <summary>The correcting user's id; null for a command without a user.</summary>
    public string? CorrectedById { get; set; }

    public required string CorrectedByName { get; set; }
}
