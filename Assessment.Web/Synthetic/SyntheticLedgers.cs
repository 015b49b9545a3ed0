using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;

namespace Assessment.Web.Synthetic;

/// <summary>
/// A center's rectification ledger (整改台账) for one inspection, shaped as
/// <see cref="LedgerService.CreateLedgerFromInspectionAsync"/> makes it: one aspect per dimension that lost points
/// ("服务内容方面"), one finding per item that lost points with the engine's explanation, one action per finding.
/// A ledger of a published cycle has been worked through during the following year — completed, closed (销号)
/// with evidence, or still open — the better the center, the further; the last cycle's ledgers are just made.
/// </summary>
internal static class SyntheticLedgers
{
    public sealed record Built(RectificationLedger Ledger, List<LedgerAspect> Aspects, List<Finding> Findings,
        List<RectificationAction> Actions, List<RectificationVerification> Verifications, int Done, int Total);

    public static Built Build(
        SyntheticIds ids, CriteriaVersion criteria, AssessmentRecord inspection, Scorecard card, int year, bool workedThrough,
        double quality, int evidenceId, string verifierId, bool closedBasis, Random random, string stampedBy)
    {
        var created = SyntheticClock.At(year + 1, 1, 25, 10);
        var ledger = new RectificationLedger
        {
            Id = ids.Next<RectificationLedger>(),
            CenterId = inspection.CenterId,
            CycleId = inspection.CycleId,
            Version = 1,
            CreatedAt = created,
            ModifiedAt = created,
            ModifiedBy = stampedBy,
        };
        var aspects = new Dictionary<string, LedgerAspect>(StringComparer.Ordinal);
        var findings = new List<Finding>();
        var actions = new List<RectificationAction>();
        var verifications = new List<RectificationVerification>();
        var done = 0;
        foreach (var score in card.Items)
        {
            if (score is not { Status: ItemStatus.Scored, Points: { } points } || points >= score.MaxPoints)
            {
                continue;
            }

            var dimension = criteria.GetDimension(score.DimensionCode);
            if (!aspects.TryGetValue(dimension.Code, out var aspect))
            {
                aspect = new LedgerAspect { Id = ids.Next<LedgerAspect>(), LedgerId = ledger.Id, Title = dimension.Name + "方面", Order = aspects.Count + 1 };
                aspects.Add(dimension.Code, aspect);
            }

            var explanation = score.Explanation;
            var finding = new Finding
            {
                Id = ids.Next<Finding>(),
                LedgerId = ledger.Id,
                AspectId = aspect.Id,
                Order = findings.Count + 1,
                Source = FindingSource.Assessment,
                SourceDetail = $"{year}年度考评",
                AssessmentId = inspection.Id,
                ItemId = score.ItemId,
                DimensionCode = score.DimensionCode,
                Description = $"{score.Item.Title}：{explanation}",
                Severity = points == 0 ? FindingSeverity.Serious : FindingSeverity.General,
                Explanation = explanation,
                CreatedAt = created,
                ModifiedAt = created,
                ModifiedBy = stampedBy,
            };
            findings.Add(finding);

            var action = Plan(ids.Next<RectificationAction>(), finding.Id, dimension.Code, year, created, stampedBy);
            if (workedThrough)
            {
                var (isDone, verification) = WorkThrough(action, ids, year, quality, evidenceId, verifierId, closedBasis, random);
                done += isDone ? 1 : 0;
                if (verification is not null)
                {
                    verifications.Add(verification);
                }
            }

            actions.Add(action);
        }

        return new Built(ledger, [.. aspects.Values], findings, actions, verifications, done, actions.Count);
    }

    private static RectificationAction Plan(int id, int findingId, string dimension, int year, DateTimeOffset created, string stampedBy)
    {
        var (target, measures, department) = dimension switch
        {
            "A" => ("服务事项清单和办事指南要素齐全、动态更新", "对照考评标准逐项梳理服务事项，修订办事指南，在门户网站和服务大厅同步公开", "交易服务科"),
            "B" => ("咨询渠道畅通，咨询限时答复", "规范咨询电话和网上咨询值守，建立咨询登记台账和限时答复制度", "综合办公室"),
            "C" => ("电子化交易和远程异地评标条件达标", "升级电子化交易系统和音视频监控设备，完善远程异地评标席位", "信息技术科"),
            "D" => ("功能分区清晰，评标区与办公区物理隔离", "按功能分区改造开标区、评标区，设置独立通道，实现评标区与办公区物理隔离", "场地管理科"),
            _ => ("服务评价和投诉处理形成闭环", "建立服务“好差评”和投诉处理闭环机制，按月通报差评及整改情况", "监督管理科"),
        };
        return new RectificationAction
        {
            Id = id,
            FindingId = findingId,
            Order = 1,
            Target = target,
            Measures = measures,
            ResponsibleLeader = "中心主任",
            ResponsibleDepartment = department,
            ResponsiblePerson = department + "负责人",
            Deadline = new DateOnly(year + 1, 6, 30),
            Version = 1,
            CreatedAt = created,
            ModifiedAt = created,
            ModifiedBy = stampedBy,
        };
    }

    /// <summary>Moves an action along with the ledger's own rules (a closed action is completed and has evidence).</summary>
    private static (bool Done, RectificationVerification? Verification) WorkThrough(
        RectificationAction action, SyntheticIds ids, int year, double quality, int evidenceId, string verifierId, bool closedBasis, Random random)
    {
        var roll = random.NextDouble();
        var completed = roll < 0.35 + (0.62 * quality);
        if (!completed)
        {
            if (roll < 0.35 + (0.62 * quality) + 0.15)
            {
                action.SetStatus(ActionStatus.InProgress, null, "正在推进，已完成部分整改措施。");
            }

            return (false, null);
        }

        action.EvidenceIds = [evidenceId];
        action.LastingRules = "已建立长效工作机制。";
        action.SetStatus(ActionStatus.Completed, new DateOnly(year + 1, 3 + random.Next(4), 1 + random.Next(28)), null);
        if (random.NextDouble() < 0.9)
        {
            var verification = action.Close("经核验，整改到位，予以销号。", verifierId, SyntheticClock.At(year + 1, 10, 9, 10));
            verification.Id = ids.Next<RectificationVerification>();
            verification.ActionId = action.Id;
            return (true, verification);
        }

        return (!closedBasis, null);
    }
}
