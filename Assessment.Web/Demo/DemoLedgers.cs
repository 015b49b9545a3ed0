using System.Text;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Assessment.Web.Workflow;

namespace Assessment.Web.Demo;

/// <summary>
/// The 2021 rectification ledgers (整改台账) of the demo, as they stand at <see cref="AsOf"/> (autumn 2022, before the
/// 2022 inspections): each center's ledger is made from its finalized 2021 inspection by
/// <see cref="LedgerService.CreateLedgerFromInspectionAsync"/> and its items are moved through the stages with the
/// ledger's own operations — planned, worked on, completed with evidence, closed (销号) or sent back by the bureau.
/// 海北州 and 格尔木市 closed everything; the others are part-way, and 海南州 and 玉树州 have overdue items, so the 2022
/// cycle's previous-cycle rates (criteria E6 and the demonstration rule's minimum) differ by center.
/// </summary>
internal static class DemoLedgers
{
    /// <summary>The moment the demo ledgers describe: China Standard Time, 30 September 2022.</summary>
    public static readonly DateTimeOffset AsOf = new(2022, 9, 30, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>How far each center got: how many items (of <c>n</c>) the bureau closed, and what the rest are doing.</summary>
    public static IReadOnlyList<LedgerProfile> Profiles { get; } =
    [
        new("QH-HB", n => n, []),
        new("QH-GEM", n => n, []),
        new("QH-HX", n => n - 1, [Stage.AwaitingVerification]),
        new("QH-HD", n => n - 1, [Stage.SentBack]),
        new("QH-XN", n => n * 3 / 5, [Stage.AwaitingVerification, Stage.InProgress]),
        new("QH-HUN", n => n / 2, [Stage.InProgress]),
        new("QH-HAN", n => n / 3, [Stage.Overdue, Stage.InProgress]),
        new("QH-YS", n => n / 4, [Stage.Overdue]),
    ];

    /// <summary>
    /// Creates and works through the ledger of every center's 2021 inspection. Evidence goes with the center's 2022
    /// self-assessment (item E6 asks for the ledger and its evidence). Saves through <paramref name="db"/>, so inside
    /// the seed's transaction.
    /// </summary>
    public static async Task SeedAsync(
        AssessmentDbContext db, CriteriaRegistry registry, EvidenceStore evidence, IReadOnlyDictionary<string, Center> centers,
        IReadOnlyDictionary<string, int> inspections2021, IReadOnlyDictionary<string, int> selfAssessments2022,
        string bureauUserId, CancellationToken cancellationToken)
    {
        var ledgers = new LedgerService(db, registry, new FixedClock(AsOf));
        foreach (var profile in Profiles)
        {
            var center = centers[profile.CenterCode];
            var ledger = await ledgers.CreateLedgerFromInspectionAsync(inspections2021[profile.CenterCode], cancellationToken).ConfigureAwait(false);
            var actions = ledger.Findings.OrderBy(f => f.Order).SelectMany(f => f.Actions.OrderBy(a => a.Order).Select(a => (Finding: f, Action: a))).ToList();
            var closed = Math.Clamp(profile.Closed(actions.Count), 0, actions.Count);
            var evidenceId = await StoreEvidenceAsync(db, evidence, center, selfAssessments2022[profile.CenterCode], bureauUserId, cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < actions.Count; k++)
            {
                var (finding, action) = actions[k];
                var stage = k < closed ? Stage.Closed : profile.Rest[(k - closed) % profile.Rest.Length];
                var completedOn = new DateOnly(2022, 4, 15).AddDays(12 * k);
                if (completedOn > DateOnly.FromDateTime(AsOf.DateTime).AddDays(-7))
                {
                    completedOn = DateOnly.FromDateTime(AsOf.DateTime).AddDays(-7);
                }

                await ledgers.UpdatePlanAsync(action, Plan(center, finding.DimensionCode, stage), null, cancellationToken).ConfigureAwait(false);
                switch (stage)
                {
                    case Stage.Closed:
                        await CompleteAsync(ledgers, action, center.Id, evidenceId, completedOn, cancellationToken).ConfigureAwait(false);
                        await ledgers.CloseAsync(action, "经核查整改佐证材料，问题已整改到位，同意销号。", bureauUserId, cancellationToken).ConfigureAwait(false);
                        break;
                    case Stage.AwaitingVerification:
                        await CompleteAsync(ledgers, action, center.Id, evidenceId, completedOn, cancellationToken).ConfigureAwait(false);
                        break;
                    case Stage.SentBack:
                        await CompleteAsync(ledgers, action, center.Id, evidenceId, completedOn, cancellationToken).ConfigureAwait(false);
                        await ledgers.SendBackAsync(action, "佐证材料只有整改方案，缺少整改完成后的现场照片和制度文件，请补充后重新报送。", bureauUserId, cancellationToken).ConfigureAwait(false);
                        break;
                    case Stage.InProgress:
                        await ledgers.SetStatusAsync(action, new StatusRequest(ActionStatus.InProgress, ProgressNote: "已制定整改方案，正在推进，预计年底前完成。"), null, cancellationToken).ConfigureAwait(false);
                        break;
                    case Stage.Overdue:
                        // Not started, and the deadline (30 June 2022) has passed.
                        break;
                    default:
                        throw new InvalidOperationException(stage.ToString());
                }
            }
        }
    }

    private static async Task CompleteAsync(LedgerService ledgers, RectificationAction action, int centerId, int evidenceId, DateOnly completedOn, CancellationToken cancellationToken)
    {
        await ledgers.SetStatusAsync(action, new StatusRequest(ActionStatus.Completed, completedOn), null, cancellationToken).ConfigureAwait(false);
        await ledgers.SetEvidenceAsync(action, centerId, [evidenceId], null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One PDF per center: the compiled rectification evidence, stored like an upload.</summary>
    private static async Task<int> StoreEvidenceAsync(
        AssessmentDbContext db, EvidenceStore evidence, Center center, int selfAssessment2022, string uploaderId, CancellationToken cancellationToken)
    {
        var text = $"%PDF-1.4\n% {center.Name} 2021年度考评反馈问题整改佐证材料汇编{DemoData.DemoMark}\n%%EOF\n";
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var file = await evidence.StoreAsync(content, EvidenceStore.Pdf, $"{center.Name}整改佐证材料汇编.pdf", cancellationToken).ConfigureAwait(false);
        file.AssessmentId = selfAssessment2022;
        file.ItemId = "E6";
        file.UploadedBy = uploaderId;
        file.UploadedAt = AsOf;
        db.EvidenceFiles.Add(file);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return file.Id;
    }

    private static ActionPlanRequest Plan(Center center, string? dimension, Stage stage)
    {
        var (target, measures, department, rules) = dimension switch
        {
            "A" => ("服务事项清单和办事指南要素齐全、动态更新", "对照考评标准逐项梳理服务事项，修订办事指南，在门户网站和服务大厅同步公开", "交易服务科", "《服务事项清单动态调整制度》"),
            "B" => ("咨询渠道畅通，咨询限时答复", "规范咨询电话和网上咨询值守，建立咨询登记台账和限时答复制度", "综合办公室", "《业务咨询首问负责和限时答复制度》"),
            "C" => ("电子化交易和远程异地评标条件达标", "升级电子化交易系统和音视频监控设备，完善远程异地评标席位", "信息技术科", "《交易系统运行维护管理办法》"),
            "D" => ("功能分区清晰，评标区与办公区物理隔离", "按功能分区改造开标区、评标区，设置独立通道，实现评标区与办公区物理隔离", "场地管理科", "《交易场所使用管理制度》"),
            _ => ("服务评价和投诉处理形成闭环", "建立服务“好差评”和投诉处理闭环机制，按月通报差评及整改情况", "监督管理科", "《服务质量评价和投诉处理办法》"),
        };
        return new ActionPlanRequest(
            Target: target,
            Measures: measures,
            ResponsibleLeader: $"{center.ContactPerson}（中心主任）",
            ResponsibleDepartment: department,
            ResponsiblePerson: $"{department}负责人",
            Deadline: stage is Stage.InProgress ? new DateOnly(2022, 12, 31) : new DateOnly(2022, 6, 30),
            LastingRules: stage is Stage.Closed or Stage.AwaitingVerification ? rules : null);
    }

    internal enum Stage
    {
        /// <summary>Completed with evidence and closed (销号) by the bureau.</summary>
        Closed,

        /// <summary>Completed with evidence, waiting for the bureau to verify.</summary>
        AwaitingVerification,

        /// <summary>Completed, then sent back by the bureau (正在整改 again, with the reason).</summary>
        SentBack,

        /// <summary>正在整改, deadline at the end of 2022.</summary>
        InProgress,

        /// <summary>未启动, deadline 30 June 2022 passed.</summary>
        Overdue,
    }

    internal sealed record LedgerProfile(string CenterCode, Func<int, int> Closed, Stage[] Rest);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
