namespace Assessment.Web.Persistence;

/// <summary>An administrative division: the province, a prefecture/city (州、市) or a county (县、区).</summary>
public sealed class Region : IAudited
{
    public const int CodeMaxLength = 12;
    public const int NameMaxLength = 50;

    public int Id { get; set; }

    /// <summary>Administrative division code (行政区划代码), e.g. 630000 for 青海省.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public RegionLevel Level { get; set; }

    public int? ParentId { get; set; }

    public Region? Parent { get; set; }

    public List<Region> Children { get; } = [];
}

public enum RegionLevel
{
    /// <summary>省</summary>
    Province,

    /// <summary>州、市</summary>
    Prefecture,

    /// <summary>县、区</summary>
    County,
}
