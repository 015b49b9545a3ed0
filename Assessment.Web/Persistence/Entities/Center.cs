namespace Assessment.Web.Persistence;

/// <summary>A public resource trading center (公共资源交易中心) under assessment.</summary>
public sealed class Center : IAudited, IStamped
{
    public const int CodeMaxLength = 32;
    public const int NameMaxLength = 100;
    public const int ContactMaxLength = 50;
    public const int PhoneMaxLength = 32;
    public const int AddressMaxLength = 200;

    public int Id { get; set; }

    public required string Code { get; set; }

    /// <summary>Full name, e.g. 海北州公共资源交易中心.</summary>
    public required string Name { get; set; }

    public CenterLevel Level { get; set; }

    public int RegionId { get; set; }

    public Region? Region { get; set; }

    public string? ContactPerson { get; set; }

    public string? ContactPhone { get; set; }

    public string? Address { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }

    public string? ModifiedBy { get; set; }
}

public enum CenterLevel
{
    /// <summary>省级</summary>
    Provincial,

    /// <summary>市（州）级</summary>
    Prefecture,

    /// <summary>县级</summary>
    County,
}
