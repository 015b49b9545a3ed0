namespace Assessment.Web.Persistence;

/// <summary>
/// A write request already applied under an idempotency key: a retry with the same key and request
/// gets the stored response instead of applying the write again. Unique per (user, key).
/// </summary>
public sealed class IdempotencyRecord
{
    public const int KeyMaxLength = 128;
    public const int UserMaxLength = 450;
    public const int HashLength = 64;
    public const int ContentTypeMaxLength = 100;

    public long Id { get; set; }

    public required string Key { get; set; }

    public required string UserId { get; set; }

    /// <summary>SHA-256 (hex) of method, path and body: the same key with another request is an error.</summary>
    public required string RequestHash { get; set; }

    public int ResponseStatus { get; set; }

    public string? ResponseContentType { get; set; }

    public string? ResponseBody { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
