namespace Assessment.Web.OData.Sets;

/// <summary>A trading center with its region's names pre-joined.</summary>
public sealed class CenterRow
{
    public int Id { get; set; }

    [FeedRequired]
    public string Code { get; set; } = "";

    [FeedRequired]
    public string Name { get; set; } = "";

    /// <summary>Provincial, Prefecture or County.</summary>
    [FeedRequired]
    public string Level { get; set; } = "";

    public int RegionId { get; set; }

    [FeedRequired]
    public string RegionCode { get; set; } = "";

    [FeedRequired]
    public string RegionName { get; set; } = "";

    /// <summary>The region's parent (the prefecture of a county, the province of a prefecture).</summary>
    public string? ParentRegionName { get; set; }

    public string? ContactPerson { get; set; }

    public string? ContactPhone { get; set; }

    public string? Address { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }
}

public sealed class Centers : FeedSet<CenterRow>
{
    public override string Name => "Centers";

    public override string Description => "公共资源交易中心（含所属行政区划名称）";

    public override IQueryable<CenterRow> Query(FeedQueryContext context) =>
        context.Db.Centers.Where(context.Scope.Centers()).Select(c => new CenterRow
        {
            Id = c.Id,
            Code = c.Code,
            Name = c.Name,
            Level = c.Level.ToString(),
            RegionId = c.RegionId,
            RegionCode = c.Region!.Code,
            RegionName = c.Region.Name,
            ParentRegionName = c.Region.Parent!.Name,
            ContactPerson = c.ContactPerson,
            ContactPhone = c.ContactPhone,
            Address = c.Address,
            ModifiedAt = c.ModifiedAt,
        });
}
