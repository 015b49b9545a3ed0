using System.Security.Claims;
using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Rectification;

/// <summary>
/// Which centers' ledgers a signed-in user may read or change. The bureau (省局) and analysts read every
/// center; center staff read and maintain their own center only; inspectors read, and raise findings for,
/// the centers whose inspections they are assigned to. Denials throw <see cref="LedgerRuleException"/> (403).
/// </summary>
public sealed class LedgerAccess(AssessmentDbContext db)
{
    public async Task EnsureCanReadAsync(ClaimsPrincipal user, int centerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(Roles.BureauAdmin) || user.IsInRole(Roles.Analyst)
            || await IsOwnCenterAsync(user, centerId, cancellationToken) || await IsAssignedAsync(user, centerId, cancellationToken))
        {
            return;
        }

        throw Denied(centerId);
    }

    public async Task EnsureCanEditFindingsAsync(ClaimsPrincipal user, int centerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(Roles.BureauAdmin)
            || await IsOwnCenterAsync(user, centerId, cancellationToken) || await IsAssignedAsync(user, centerId, cancellationToken))
        {
            return;
        }

        throw Denied(centerId);
    }

    /// <summary>
    /// Dropping a finding, or rewording one raised from an inspection, lowers what the center must rectify: only the
    /// bureau and the inspectors assigned to the center may, never the center itself.
    /// </summary>
    public async Task EnsureCanWithdrawFindingsAsync(ClaimsPrincipal user, int centerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(Roles.BureauAdmin) || await IsAssignedAsync(user, centerId, cancellationToken))
        {
            return;
        }

        throw new LedgerRuleException(403, "findingId", "只有省局和考核组可以删除问题或修改考核提出的问题。");
    }

    public async Task EnsureCanEditActionsAsync(ClaimsPrincipal user, int centerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(Roles.BureauAdmin) || await IsOwnCenterAsync(user, centerId, cancellationToken))
        {
            return;
        }

        throw Denied(centerId);
    }

    /// <summary>Proposals from an inspection: the bureau, or an inspector assigned to that inspection.</summary>
    public async Task EnsureCanProposeAsync(ClaimsPrincipal user, int assessmentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user.IsInRole(Roles.BureauAdmin)
            || (user.IsInRole(Roles.Inspector) && await db.AssessmentInspectors
                .AnyAsync(i => i.AssessmentId == assessmentId && i.UserId == userId, cancellationToken)))
        {
            return;
        }

        throw new LedgerRuleException(403, "assessmentId", $"无权根据考核{assessmentId}提出问题。");
    }

    private async Task<bool> IsOwnCenterAsync(ClaimsPrincipal user, int centerId, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.CenterStaff) || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return false;
        }

        var own = await db.Users.Where(u => u.Id == userId).Select(u => u.CenterId).FirstOrDefaultAsync(cancellationToken);
        return own == centerId;
    }

    private async Task<bool> IsAssignedAsync(ClaimsPrincipal user, int centerId, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.Inspector) || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return false;
        }

        return await db.AssessmentInspectors
            .Where(i => i.UserId == userId)
            .Join(db.Assessments, i => i.AssessmentId, a => a.Id, (_, a) => a.CenterId)
            .AnyAsync(c => c == centerId, cancellationToken);
    }

    private static LedgerRuleException Denied(int centerId) =>
        new(403, "centerId", $"无权访问中心{centerId}的整改台账。");
}
