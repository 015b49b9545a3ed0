using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Assessment.Web.Persistence;

/// <summary>
/// Something outside the database that belongs to a transaction: made durable just before the transaction commits
/// (<see cref="BeforeCommit"/>; throwing stops the commit), disposed afterwards — or, without
/// <see cref="BeforeCommit"/>, when the transaction rolls back or the scope ends.
/// </summary>
public interface ITransactionParticipant : IDisposable
{
    void BeforeCommit();
}

/// <summary>
/// Runs the <see cref="ITransactionParticipant"/>s enlisted in a transaction when, and only when, it commits: an
/// uploaded evidence file is placed in the evidence folder as the transaction holding its row commits, whoever commits
/// it (a page, an endpoint, the idempotency middleware's <see cref="WriteTransaction"/>), and is discarded when the
/// transaction rolls back or is abandoned (the scope ends without a commit).
/// </summary>
/// <remarks>
/// A participant is run before the database commit, so a crash or a failed commit right after it can leave its
/// effect (a placed file) without a row; never a row without the file. The start-up sweep removes such leftovers.
/// </remarks>
public sealed class CommitHooks : DbTransactionInterceptor, IDisposable
{
    private readonly List<(Guid Transaction, ITransactionParticipant Participant)> pending = [];

    /// <summary>Runs <paramref name="participant"/> when <paramref name="transaction"/> commits; disposes it when it does not.</summary>
    public void Enlist(IDbContextTransaction transaction, ITransactionParticipant participant)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(participant);
        lock (pending)
        {
            pending.Add((transaction.TransactionId, participant));
        }
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Commit(eventData.TransactionId);
        return result;
    }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Commit(eventData.TransactionId);
        return ValueTask.FromResult(result);
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Discard(Take(eventData.TransactionId));
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Discard(Take(eventData.TransactionId));
        return Task.CompletedTask;
    }

    /// <summary>Whatever was enlisted in a transaction that never committed (abandoned without a rollback).</summary>
    public void Dispose()
    {
        lock (pending)
        {
            Discard([.. pending.Select(p => p.Participant)]);
            pending.Clear();
        }
    }

    private void Commit(Guid transaction)
    {
        var participants = Take(transaction);
        try
        {
            foreach (var participant in participants)
            {
                participant.BeforeCommit();
            }
        }
        finally
        {
            Discard(participants);
        }
    }

    private List<ITransactionParticipant> Take(Guid transaction)
    {
        lock (pending)
        {
            var taken = pending.Where(p => p.Transaction == transaction).Select(p => p.Participant).ToList();
            pending.RemoveAll(p => p.Transaction == transaction);
            return taken;
        }
    }

    private static void Discard(IEnumerable<ITransactionParticipant> participants)
    {
        foreach (var participant in participants)
        {
            participant.Dispose();
        }
    }
}
