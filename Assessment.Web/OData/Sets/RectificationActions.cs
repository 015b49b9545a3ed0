using Assessment.Web.Persistence;

namespace Assessment.Web.OData.Sets;

/// <summary>
/// A specific problem (具体问题) of a ledger and its action: plan, status, overdue flag and the bureau's verification,
/// with its finding, center and cycle pre-joined.
/// </summary>
public sealed class RectificationActionRow
{
    public int Id { get; set; }

    public int FindingId { get; set; }

    public int CenterId { get; set; }

    [FeedRequired]
    public string CenterCode { get; set; } = "";

    [FeedRequired]
    public string CenterName { get; set; } = "";

    public int CycleId { get; set; }

    public int CycleYear { get; set; }

    /// <summary>方面 of the finding.</summary>
    [FeedRequired]
    public string Aspect { get; set; } = "";

    /// <summary>The finding's 序号 in the ledger.</summary>
    public int FindingOrder { get; set; }

    [FeedRequired]
    public string FindingDescription { get; set; } = "";

    /// <summary>Position within the finding, from 1.</summary>
    public int Order { get; set; }

    /// <summary>具体问题; null when the action addresses the whole finding.</summary>
    public string? SpecificProblem { get; set; }

    /// <summary>整改目标.</summary>
    public string? Target { get; set; }

    /// <summary>整改措施.</summary>
    public string? Measures { get; set; }

    /// <summary>责任领导.</summary>
    public string? ResponsibleLeader { get; set; }

    /// <summary>责任部门.</summary>
    public string? ResponsibleDepartment { get; set; }

    /// <summary>责任人.</summary>
    public string? ResponsiblePerson { get; set; }

    /// <summary>完成时限; null = 长期坚持.</summary>
    public DateOnly? Deadline { get; set; }

    /// <summary>未启动, 正在整改 or 已完成.</summary>
    [FeedRequired]
    public string Status { get; set; } = "";

    /// <summary>NotStarted, InProgress or Completed.</summary>
    [FeedRequired]
    public string StatusCode { get; set; } = "";

    /// <summary>What is done so far while in progress.</summary>
    public string? ProgressNote { get; set; }

    /// <summary>完成时间.</summary>
    public DateOnly? CompletedOn { get; set; }

    /// <summary>Past its deadline on the day of the request (China Standard Time) and not completed.</summary>
    public bool IsOverdue { get; set; }

    /// <summary>Number of evidence files (整改佐证) attached.</summary>
    public int EvidenceCount { get; set; }

    /// <summary>长效机制.</summary>
    public string? LastingRules { get; set; }

    /// <summary>销号 (closed by the bureau), 退回 (sent back) or 未销号 (open).</summary>
    [FeedRequired]
    public string VerificationState { get; set; } = "";

    /// <summary>Closed, SentBack or Open.</summary>
    [FeedRequired]
    public string VerificationStateCode { get; set; } = "";

    /// <summary>When the bureau closed the item (销号).</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The verifier's name, when closed.</summary>
    public string? VerifierName { get; set; }

    /// <summary>The verifier's conclusion, when closed.</summary>
    public string? VerifierConclusion { get; set; }

    /// <summary>Why the bureau last sent the item back, while it is not closed again.</summary>
    public string? SentBackReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The later of the action's and its finding's last change (the finding's text is part of the row).</summary>
    public DateTimeOffset ModifiedAt { get; set; }
}

public sealed class RectificationActions : FeedSet<RectificationActionRow>
{
    public override string Name => "RectificationActions";

    public override string Description => "整改台账的具体问题与整改措施（每个具体问题一行，含状态、是否逾期与销号核验）";

    public override IReadOnlyList<FeedNavigation> Navigations { get; } =
    [
        new("Finding", "Findings", nameof(RectificationActionRow.FindingId)),
        new("Center", "Centers", nameof(RectificationActionRow.CenterId)),
        new("Cycle", "Cycles", nameof(RectificationActionRow.CycleId)),
    ];

    public override IQueryable<RectificationActionRow> Query(FeedQueryContext context)
    {
        var db = context.Db;

        // A closure member: EF sends the request's date as a parameter.
        var today = context.Today;
        return from a in db.RectificationActions
               join f in db.Findings on a.FindingId equals f.Id
               join l in db.RectificationLedgers.Where(context.Scope.Ledgers()) on f.LedgerId equals l.Id
               select new RectificationActionRow
               {
                   Id = a.Id,
                   FindingId = f.Id,
                   CenterId = l.CenterId,
                   CenterCode = l.Center!.Code,
                   CenterName = l.Center.Name,
                   CycleId = l.CycleId,
                   CycleYear = l.Cycle!.Year,
                   Aspect = f.Aspect!.Title,
                   FindingOrder = f.Order,
                   FindingDescription = f.Description,
                   Order = a.Order,
                   SpecificProblem = a.SpecificProblem,
                   Target = a.Target,
                   Measures = a.Measures,
                   ResponsibleLeader = a.ResponsibleLeader,
                   ResponsibleDepartment = a.ResponsibleDepartment,
                   ResponsiblePerson = a.ResponsiblePerson,
                   Deadline = a.Deadline,
                   Status = a.Status == ActionStatus.NotStarted ? "未启动" : a.Status == ActionStatus.InProgress ? "正在整改" : "已完成",
                   StatusCode = a.Status.ToString(),
                   ProgressNote = a.ProgressNote,
                   CompletedOn = a.CompletedOn,
                   IsOverdue = a.Status != ActionStatus.Completed && a.Deadline != null && a.Deadline < today,
                   EvidenceCount = a.EvidenceIds.Count,
                   LastingRules = a.LastingRules,
                   VerificationState = a.ClosedAt != null ? "销号" : a.SentBackReason != null ? "退回" : "未销号",
                   VerificationStateCode = a.ClosedAt != null ? "Closed" : a.SentBackReason != null ? "SentBack" : "Open",
                   ClosedAt = a.ClosedAt,
                   VerifierName = a.ClosedBy == null ? null : db.Users.Where(u => u.Id == a.ClosedBy).Select(u => u.DisplayName).FirstOrDefault(),
                   VerifierConclusion = a.ClosingConclusion,
                   SentBackReason = a.SentBackReason,
                   CreatedAt = a.CreatedAt,
                   ModifiedAt = a.ModifiedAt > f.ModifiedAt ? a.ModifiedAt : f.ModifiedAt,
               };
    }
}
