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
    /// Refreshes the query planner's statistics of the item scores (<c>ANALYZE "ScorecardItems"</c>), the table
    /// whose shape the planner cannot guess: millions of rows over a handful of cycle years. Without them SQLite
    /// takes the (year, id) index for one center's page and walks the whole year (17 ms instead of 0.5 ms on the
    /// national dataset). Only this table: with statistics of every table SQLite chose to sort all 2.2 million
    /// item scores for the first unfiltered page (0.2–0.9 s instead of 1 ms) — docs/performance.md. SQLite runs
    /// it after migrating (every start-up), after a synthetic seed and every 6 hours
    /// (<see cref="SqliteStatisticsRefresher"/>); PostgreSQL keeps statistics itself and runs it after a bulk load.
    /// </summary>
    public async Task UpdateStatisticsAsync(CancellationToken cancellationToken = default) =>
        await db.Database.ExecuteSqlRawAsync("""ANALYZE "ScorecardItems";""", cancellationToken).ConfigureAwait(false);

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
