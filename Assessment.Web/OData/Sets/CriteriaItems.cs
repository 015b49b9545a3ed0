using System.Collections.Concurrent;
using Assessment.Scoring.Criteria;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.OData.Sets;

/// <summary>One item of one criteria version, with its dimension.</summary>
public sealed class CriteriaItemRow
{
    /// <summary><c>{criteria version id}:{item id}</c>.</summary>
    [FeedRequired]
    public string Key { get; set; } = "";

    [FeedRequired]
    public string CriteriaVersionId { get; set; } = "";

    [FeedRequired]
    public string ItemId { get; set; } = "";

    /// <summary>1-based order of the item in its version.</summary>
    public int Position { get; set; }

    [FeedRequired]
    public string Title { get; set; } = "";

    [FeedRequired]
    public string DimensionCode { get; set; } = "";

    [FeedRequired]
    public string DimensionName { get; set; } = "";

    public decimal DimensionWeight { get; set; }

    public decimal MaxPoints { get; set; }

    [FeedRequired]
    public string Kind { get; set; } = "";

    /// <summary>Inspection methods in Chinese, separated by 、.</summary>
    [FeedRequired]
    public string Methods { get; set; } = "";

    public bool NotApplicableAllowed { get; set; }

    [FeedRequired]
    public string Guidance { get; set; } = "";

    public DateOnly EffectiveDate { get; set; }

    /// <summary>When the version was imported.</summary>
    public DateTimeOffset ModifiedAt { get; set; }
}

/// <summary>
/// The criteria catalogue. Items live inside each version's YAML, not in a table, so this is the one set
/// answered in memory: the versions' ids and hashes are read from the database, each version's YAML is
/// parsed once (cached by content hash), and the query options run over a few hundred rows at most.
/// </summary>
public sealed class CriteriaItems : FeedSet<CriteriaItemRow>
{
    private static readonly ConcurrentDictionary<string, CriteriaItemRow[]> Parsed = new(StringComparer.Ordinal);

    public override string Name => "CriteriaItems";

    public override string KeyProperty => nameof(CriteriaItemRow.Key);

    public override string Description => "考核标准细则（每个标准版本的每个考核项）";

    public override IQueryable<CriteriaItemRow> Query(FeedQueryContext context)
    {
        var db = context.Db;
        var versions = db.CriteriaVersions.AsNoTracking()
            .Select(v => new { v.Id, v.ContentHash, v.ImportedAt })
            .ToList();
        var rows = new List<CriteriaItemRow>();
        foreach (var version in versions.OrderBy(v => v.Id, StringComparer.Ordinal))
        {
            var cacheKey = version.Id + "\n" + version.ContentHash;
            var items = Parsed.GetOrAdd(cacheKey, _ =>
            {
                var yaml = db.CriteriaVersions.Where(v => v.Id == version.Id).Select(v => v.SourceYaml).Single();
                return Rows(CriteriaParser.Parse(yaml, version.Id).Version);
            });
            rows.AddRange(items.Select(r => Stamped(r, version.ImportedAt)));
        }

        return rows.AsQueryable();
    }

    private static CriteriaItemRow[] Rows(CriteriaVersion? version) =>
        version is null
            ? []
            : version.Items.Select((item, index) =>
            {
                var dimension = version.Dimensions.FirstOrDefault(d => d.Code == item.DimensionCode);
                return new CriteriaItemRow
                {
                    Key = version.Id + ":" + item.Id,
                    CriteriaVersionId = version.Id,
                    ItemId = item.Id,
                    Position = index + 1,
                    Title = item.Title,
                    DimensionCode = item.DimensionCode,
                    DimensionName = dimension?.Name ?? "",
                    DimensionWeight = dimension?.Weight ?? 0,
                    MaxPoints = item.MaxPoints,
                    Kind = item.Kind.ToString(),
                    Methods = string.Join("、", item.Methods.Select(InspectionMethodNames.ToChinese)),
                    NotApplicableAllowed = item.NotApplicableAllowed,
                    Guidance = item.Guidance,
                    EffectiveDate = version.EffectiveDate,
                };
            }).ToArray();

    private static CriteriaItemRow Stamped(CriteriaItemRow row, DateTimeOffset importedAt) => new()
    {
        Key = row.Key,
        CriteriaVersionId = row.CriteriaVersionId,
        ItemId = row.ItemId,
        Position = row.Position,
        Title = row.Title,
        DimensionCode = row.DimensionCode,
        DimensionName = row.DimensionName,
        DimensionWeight = row.DimensionWeight,
        MaxPoints = row.MaxPoints,
        Kind = row.Kind,
        Methods = row.Methods,
        NotApplicableAllowed = row.NotApplicableAllowed,
        Guidance = row.Guidance,
        EffectiveDate = row.EffectiveDate,
        ModifiedAt = importedAt,
    };
}
