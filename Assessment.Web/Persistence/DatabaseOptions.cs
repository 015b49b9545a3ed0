using Microsoft.Data.Sqlite;

namespace Assessment.Web.Persistence;

/// <summary>Configuration section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>The embedded database file's name inside <see cref="DataFolder"/>.</summary>
    public const string SqliteFileName = "assessment.db";

    /// <summary><c>Sqlite</c> (embedded default) or <c>Postgres</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for PostgreSQL; for SQLite it overrides the file under <see cref="DataFolder"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the embedded database lives; relative paths are relative to the content root.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Whether <see cref="DatabaseStartup.PrepareEmbeddedDatabaseAsync"/> migrates the embedded (SQLite) database.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// SQLite: how long a command waits for a lock held by another writer before it fails (the API answers 503
    /// with Retry-After). Writers hold the lock for milliseconds; this covers bursts and an online backup.
    /// </summary>
    public int SqliteBusyTimeoutSeconds { get; set; } = 10;

    /// <summary>The connection string to use, resolving the default SQLite file against <paramref name="contentRoot"/>.</summary>
    public string ResolveConnectionString(string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return ConnectionString;
        }

        if (Provider == DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres.");
        }

        var file = Path.Combine(Path.GetFullPath(DataFolder, contentRoot), SqliteFileName);
        return new SqliteConnectionStringBuilder { DataSource = file }.ToString();
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
