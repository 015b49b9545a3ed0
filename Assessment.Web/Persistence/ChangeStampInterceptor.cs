using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Assessment.Web.Persistence;

/// <summary>
/// Before every save: stamps <see cref="IStamped"/> rows with the time and actor, and raises the
/// <see cref="IVersioned.Version"/> of every changed row — and of the assessment owning any changed
/// <see cref="IAssessmentPart"/>, so saving an answer against a stale assessment version fails with
/// <see cref="DbUpdateConcurrencyException"/>. To check a client's If-Match, set the assessment's
/// original version: <c>db.Entry(assessment).Property(a =&gt; a.Version).OriginalValue = ifMatch</c>.
/// </summary>
public sealed class ChangeStampInterceptor(TimeProvider clock, ICurrentActor actor) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            // With sync: true, StampAsync completes synchronously (it only awaits when sync is false).
            StampAsync(context, sync: true, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            await StampAsync(context, sync: false, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task StampAsync(DbContext context, bool sync, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var changed = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();

        var touched = new HashSet<EntityEntry>();
        foreach (var entry in changed)
        {
            if (entry.Entity is IAssessmentPart)
            {
                var property = entry.Property(nameof(IAssessmentPart.AssessmentId));
                var assessmentId = (int)(entry.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue)!;
                var owner = context.ChangeTracker.Entries<AssessmentRecord>().FirstOrDefault(a => a.Entity.Id == assessmentId);
                if (owner is null)
                {
                    var loaded = sync
                        ? context.Find<AssessmentRecord>(assessmentId)
                        : await context.FindAsync<AssessmentRecord>([assessmentId], cancellationToken).ConfigureAwait(false);
                    owner = loaded is null ? null : context.Entry(loaded);
                }

                if (owner is { State: EntityState.Unchanged or EntityState.Modified })
                {
                    touched.Add(owner);
                }
            }

            if (entry.State == EntityState.Modified)
            {
                touched.Add(entry);
            }
            else if (entry is { State: EntityState.Added, Entity: IStamped stamped })
            {
                stamped.CreatedAt = now;
                Touch(entry, now);
            }
            else if (entry is { State: EntityState.Added, Entity: IVersioned versioned })
            {
                versioned.Version = 1;
            }
        }

        foreach (var entry in touched)
        {
            Touch(entry, now);
        }
    }

    private void Touch(EntityEntry entry, DateTimeOffset now)
    {
        if (entry.Entity is IStamped)
        {
            entry.Property(nameof(IStamped.ModifiedAt)).CurrentValue = now;
            entry.Property(nameof(IStamped.ModifiedBy)).CurrentValue = actor.UserId ?? actor.Name;
        }

        if (entry.Entity is IVersioned)
        {
            var version = entry.Property(nameof(IVersioned.Version));
            version.CurrentValue = entry.State == EntityState.Added ? 1L : (long)version.OriginalValue! + 1;
        }
    }
}
