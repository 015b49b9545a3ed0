using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Assessment.Web.Persistence;

/// <summary>
/// Refuses to save any change to, or deletion of, a <see cref="CriteriaVersionRecord"/> that a finalized
/// assessment used: its cycle pins the version, or its frozen scorecard was computed with it. A version no
/// finalized assessment uses may still be corrected (re-imported).
/// </summary>
public sealed class CriteriaVersionGuard : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && ChangedVersionIds(context) is { Count: > 0 } ids)
        {
            ThrowIfLocked(LockedVersions(context, ids).FirstOrDefault());
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && ChangedVersionIds(context) is { Count: > 0 } ids)
        {
            ThrowIfLocked(await LockedVersions(context, ids).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    private static List<string> ChangedVersionIds(DbContext context) =>
        context.ChangeTracker.Entries<CriteriaVersionRecord>()
            .Where(e => e.State is EntityState.Modified or EntityState.Deleted)
            .Select(e => (string)e.Property(v => v.Id).OriginalValue!)
            .ToList();

    private static IQueryable<string> LockedVersions(DbContext context, List<string> ids) =>
        context.Set<AssessmentRecord>()
            .Where(a => a.Status == AssessmentStatus.Finalized && ids.Contains(a.Cycle!.CriteriaVersionId))
            .Select(a => a.Cycle!.CriteriaVersionId)
            .Concat(context.Set<ScorecardRecord>().Where(s => ids.Contains(s.CriteriaVersionId)).Select(s => s.CriteriaVersionId));

    private static void ThrowIfLocked(string? versionId)
    {
        if (versionId is not null)
        {
            throw new CriteriaVersionLockedException(versionId);
        }
    }
}

/// <summary>An attempt to change a criteria version that finalized assessments were scored against.</summary>
public sealed class CriteriaVersionLockedException(string versionId)
    : InvalidOperationException($"考核标准版本 {versionId} 已被定稿的考核使用，不能修改或删除。(Criteria version {versionId} is used by a finalized assessment and cannot change.)")
{
    public string VersionId { get; } = versionId;
}
