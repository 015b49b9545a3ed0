namespace Assessment.Web.Persistence;

/// <summary>
/// A photo, PDF or document uploaded as evidence. The bytes live outside the database, under the
/// evidence folder at <see cref="StoragePath"/>; the row records what is needed to serve and verify them.
/// </summary>
public sealed class EvidenceFile : IAudited, IAssessmentPart
{
    public const int StoragePathMaxLength = 400;
    public const int FileNameMaxLength = 255;
    public const int ContentTypeMaxLength = 100;
    public const int Sha256Length = 64;
    public const int UserMaxLength = 450;

    public int Id { get; set; }

    public int AssessmentId { get; set; }

    /// <summary>The checklist item the file supports, when uploaded for one.</summary>
    public string? ItemId { get; set; }

    /// <summary>Relative to the evidence folder, with forward slashes, e.g. <c>2021/17/3f2a….jpg</c>.</summary>
    public required string StoragePath { get; set; }

    /// <summary>The name the uploader's device gave the file (shown, never used as a path).</summary>
    public required string OriginalFileName { get; set; }

    /// <summary>The content type established from the file's content, not its name.</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The uploader's user id.</summary>
    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}
