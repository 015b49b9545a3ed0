namespace Assessment.Web.Persistence;

/// <summary>
/// A personal API key for the OData feed (Excel, Power BI): the user sees the key once, at creation;
/// only its SHA-256 hash and a short prefix (to recognise it in a list) are stored. A revoked key stays
/// listed and never authenticates again.
/// </summary>
public sealed class ApiKey : IAudited
{
    public const int NameMaxLength = 100;
    public const int HashLength = 64;
    public const int PrefixLength = 10;

    public int Id { get; set; }

    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    /// <summary>What the user called it, e.g. 办公室电脑 Power BI.</summary>
    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the key's text.</summary>
    public required string KeyHash { get; set; }

    /// <summary>The key's first characters, shown in lists.</summary>
    public required string Prefix { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
