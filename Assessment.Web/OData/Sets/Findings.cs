using Assessment.Web.Persistence;

namespace Assessment.Web.OData.Sets;

/// <summary>A problem (问题) of a center's rectification ledger, with its center, cycle, aspect and dimension pre-joined.</summary>
public sealed class FindingRow
{
    public int Id { get; set; }

    public int LedgerId { get; set; }

    public int CenterId { get; set; }

    [FeedRequired]
    public string CenterCode { get; set; } = "";

    [FeedRequired]
    public string CenterName { get; set; } = "";

    public int CycleId { get; set; }

    /// <summary>The year of the cycle whose findings are rectified.</summary>
    public int CycleYear { get; set; }

    /// <summary>序号 in the ledger, from 1.</summary>
    public int Order { get; set; }

    /// <summary>方面, e.g. 服务质量方面.</summary>
    [FeedRequired]
    public string Aspect { get; set; } = "";

    /// <summary>本次考核, 巡察, 审计 or 其他.</summary>
    [FeedRequired]
    public string Source { get; set; } = "";

    /// <summary>Assessment, InspectionTour, Audit or Other.</summary>
    [FeedRequired]
    public string SourceCode { get; set; } = "";

    /// <summary>Who raised it, e.g. 市委第三巡察组.</summary>
    public string? SourceDetail { get; set; }

    /// <summary>The inspection the finding was raised from, if any.</summary>
    public int? AssessmentId { get; set; }

    /// <summary>The criteria item that lost points, if raised from one.</summary>
    public string? ItemId { get; set; }

    public string? DimensionCode { get; set; }

    /// <summary>The dimension's name in the cycle's criteria version (as frozen in that version's scorecards).</summary>
    public string? DimensionName { get; set; }

    [FeedRequired]
    public string Description { get; set; } = "";

    /// <summary>一般, 较重 or 严重.</summary>
    [FeedRequired]
    public string Severity { get; set; } = "";

    /// <summary>General, Serious or Grave.</summary>
    [FeedRequired]
    public string SeverityCode { get; set; } = "";

    /// <summary>The scoring engine's explanation of the lost points, when raised from an item.</summary>
    public string? Explanation { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }
}

public sealed class Findings : FeedSet<FindingRow>
{
    public override string Name => "Findings";

    public override string Description => "整改台账的问题（每个问题一行，含中心、周期、方面与维度）";

    public override IReadOnlyList<FeedNavigation> Navigations { get; } =
    [
        new("Center", "Centers", nameof(FindingRow.CenterId)),
        new("Cycle", "Cycles", nameof(FindingRow.CycleId)),
    ];

    public override IQueryable<FindingRow> Query(FeedQueryContext context)
    {
        var db = context.Db;
        return from f in db.Findings
               join l in db.RectificationLedgers.Where(context.Scope.Ledgers()) on f.LedgerId equals l.Id
               select new FindingRow
               {
                   Id = f.Id,
                   LedgerId = l.Id,
                   CenterId = l.CenterId,
                   CenterCode = l.Center!.Code,
                   CenterName = l.Center.Name,
                   CycleId = l.CycleId,
                   CycleYear = l.Cycle!.Year,
                   Order = f.Order,
                   Aspect = f.Aspect!.Title,
                   Source = f.Source == FindingSource.Assessment ? "本次考核"
                       : f.Source == FindingSource.InspectionTour ? "巡察"
                       : f.Source == FindingSource.Audit ? "审计"
                       : "其他",
                   SourceCode = f.Source.ToString(),
                   SourceDetail = f.SourceDetail,
                   AssessmentId = f.AssessmentId,
                   ItemId = f.ItemId,
                   DimensionCode = f.DimensionCode,
                   DimensionName = (from d in db.Set<DimensionScoreRecord>()
                                    join s in db.Scorecards on d.ScorecardId equals s.Id
                                    where d.Code == f.DimensionCode && s.CriteriaVersionId == l.Cycle.CriteriaVersionId
                                    select d.Name).FirstOrDefault(),
                   Description = f.Description,
                   Severity = f.Severity == FindingSeverity.General ? "一般" : f.Severity == FindingSeverity.Serious ? "较重" : "严重",
                   SeverityCode = f.Severity.ToString(),
                   Explanation = f.Explanation,
                   CreatedAt = f.CreatedAt,
                   ModifiedAt = f.ModifiedAt,
               };
    }
}
