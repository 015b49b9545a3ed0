using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Assessment.Web.Workflow;

public static partial class EvidenceRecovery
{
    /// <summary>
    /// At start-up, before requests are served: deletes evidence files no row refers to (left by a crash between
    /// placing a file and committing its row) and uploads left in the incoming folder, when last written more than
    /// <see cref="EvidenceOptions.SweepMinimumAgeMinutes"/> ago (default an hour), on either database: this process is
    /// not the only one that may be writing to the folder right now — a command-line seed on the same data folder (on
    /// SQLite too), other instances (on PostgreSQL) — and a file it has placed but whose row it has not committed yet
    /// must not be taken for a crash's leftover. A database that does not answer skips the sweep.
    /// </summary>
    public static async Task SweepEvidenceAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var provider = scope.ServiceProvider;
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EvidenceRecovery));
            var store = provider.GetRequiredService<EvidenceStore>();
            var db = provider.GetRequiredService<AssessmentDbContext>();
            var minimumAge = TimeSpan.FromMinutes(provider.GetRequiredService<IOptions<EvidenceOptions>>().Value.SweepMinimumAgeMinutes);
            try
            {
                var referenced = (await db.EvidenceFiles.AsNoTracking().Select(e => e.StoragePath).Distinct()
                    .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
                var deleted = store.Sweep(referenced, minimumAge,
                    provider.GetRequiredService<TimeProvider>().GetUtcNow(), out var failed);
                if (deleted > 0)
                {
                    LogSwept(logger, deleted, store.Folder);
                }

                if (failed > 0)
                {
                    LogUndeletable(logger, failed, store.Folder);
                }
            }
            catch (Exception e) when (e is System.Data.Common.DbException || DatabaseFailures.IsUnavailable(e))
            {
                LogSkipped(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleted {Count} evidence files without a row (an interrupted upload) under {Folder}.")]
    private static partial void LogSwept(ILogger logger, int count, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} evidence files without a row under {Folder} could not be deleted; they stay until the next start.")]
    private static partial void LogUndeletable(ILogger logger, int count, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evidence sweep skipped: the database did not answer.")]
    private static partial void LogSkipped(ILogger logger, Exception exception);
}
