using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Assessment.Web.Persistence;

/// <summary>Migrating and backing up the database; used at start-up and by the <c>db</c> commands.</summary>
public sealed partial class DatabaseMaintenance(AssessmentDbContext db, ILogger<DatabaseMaintenance> logger)
{
    public bool IsSqlite => db.Database.IsSqlite();

    /// <summary>
    /// Applies pending migrations. For SQLite, first creates the data folder and switches the file to WAL
    /// (readers do not block the writer; the setting is stored in the file).
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (IsSqlite)
        {
            var file = SqliteFile();
            if (file is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            }

            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
                await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
        else
        {
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        var latest = db.Database.GetMigrations().LastOrDefault() ?? "(none)";
        LogMigrated(logger, db.Database.ProviderName, latest);
        if (IsSqlite)
        {
            await UpdateStatisticsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Refreshes the statistics the query planner chooses indexes by. Without them SQLite guesses, and on a
    /// national dataset it walks a whole year of item scores for one center's page (17 ms instead of 2 ms;
    /// docs/performance.md). SQLite: <c>ANALYZE</c> sampling at most 1,000 rows per index (milliseconds even at
    /// national size), run after migrating (every start-up), after seeding, and periodically by
    /// <see cref="SqliteStatisticsRefresher"/>. PostgreSQL keeps its own statistics (autovacuum); after a bulk
    /// load the seeders call this to run <c>ANALYZE</c> at once.
    /// </summary>
    public async Task UpdateStatisticsAsync(CancellationToken cancellationToken = default)
    {
        var sql = IsSqlite ? "PRAGMA analysis_limit=1000; ANALYZE;" : "ANALYZE;";
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies the SQLite database to <paramref name="outFile"/> with SQLite's online backup API: a
    /// consistent snapshot even while others write. The copy is written next to the target and moved
    /// into place, so a failed backup never leaves a half-written file under that name.
    /// </summary>
    /// <returns>The full path of the backup.</returns>
    public async Task<string> BackupSqliteAsync(string outFile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outFile);
        var source = SqliteFile() ?? throw new InvalidOperationException(
            "Online backup is for the embedded SQLite database; back up PostgreSQL with pg_dump.");
        var target = Path.GetFullPath(outFile);
        if (string.Equals(target, source, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The backup file must not be the database itself.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        File.Delete(partial);
        var sourceConnection = new SqliteConnection(db.Database.GetConnectionString());
        await using (sourceConnection.ConfigureAwait(false))
        {
            var targetConnection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString());
            await using (targetConnection.ConfigureAwait(false))
            {
                await sourceConnection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await targetConnection.OpenAsync(cancellationToken).ConfigureAwait(false);
                sourceConnection.BackupDatabase(targetConnection);

                // A self-contained single file (the source's WAL setting is copied with its pages).
                await using var command = targetConnection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=DELETE;";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        File.Move(partial, target, overwrite: true);
        LogBackedUp(logger, source, target);
        return target;
    }

    /// <summary>The full path of the SQLite database file; null for PostgreSQL or an in-memory database.</summary>
    public string? SqliteFile()
    {
        if (!IsSqlite)
        {
            return null;
        }

        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" ? null : Path.GetFullPath(dataSource);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ({Provider}) is at migration {Migration}.")]
    private static partial void LogMigrated(ILogger logger, string? provider, string migration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backed up {Source} to {Target}.")]
    private static partial void LogBackedUp(ILogger logger, string source, string target);
}

public static class DatabaseStartup
{
    /// <summary>
    /// Creates and migrates the embedded SQLite database at start-up (unless <c>Database:MigrateOnStartup</c>
    /// is false). PostgreSQL is migrated deliberately, with <c>db migrate</c>.
    /// </summary>
    public static async Task PrepareEmbeddedDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.Provider != DatabaseProvider.Sqlite || !options.MigrateOnStartup)
        {
            return;
        }

        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
