using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Assessment.Web.Persistence;

/// <summary>
/// A transaction that a caller wants around everything a scope (a request) saves, opened only at the scope's
/// first save rather than up front. The idempotency middleware uses it so that a write and its stored response
/// commit together, without holding the database's write lock (SQLite takes it at BEGIN IMMEDIATE) while the
/// request authorizes, loads and validates: the lock is held from the first save to the commit.
/// </summary>
/// <remarks>
/// Registered as the first save interceptor, so the audit interceptor finds the transaction open and writes its
/// entries into it. Disposing rolls back a transaction that was not committed.
/// </remarks>
public sealed class WriteTransaction : SaveChangesInterceptor, IAsyncDisposable, IDisposable
{
    private bool requested;

    /// <summary>The transaction opened by the first save; null before it (or when nothing was saved).</summary>
    public IDbContextTransaction? Transaction { get; private set; }

    /// <summary>Whether a caller asked for the transaction (it may not be open yet).</summary>
    public bool IsRequested => requested;

    /// <summary>From now on, the first save of this scope opens a transaction that stays open until <see cref="CommitAsync"/>.</summary>
    public void BeginAtFirstSave() => requested = true;

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (Transaction is not null)
        {
            await Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RollbackAsync()
    {
        if (Transaction is not null)
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
            Transaction = null;
        }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (requested && Transaction is null && eventData.Context is { Database.CurrentTransaction: null } context)
        {
            Transaction = context.Database.BeginTransaction();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (requested && Transaction is null && eventData.Context is { Database.CurrentTransaction: null } context)
        {
            Transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public void Dispose()
    {
        requested = false;
        Transaction?.Dispose();
        Transaction = null;
    }

    public async ValueTask DisposeAsync()
    {
        requested = false;
        await RollbackAsync().ConfigureAwait(false);
    }
}
