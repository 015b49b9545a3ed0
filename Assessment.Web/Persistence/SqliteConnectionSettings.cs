using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Assessment.Web.Persistence;

/// <summary>
/// Per-connection settings of the embedded SQLite database, applied each time EF opens a connection:
/// <list type="bullet">
/// <item><c>busy_timeout</c>: a writer that finds the database locked waits inside SQLite (sleeping a millisecond,
/// then a few, up to <see cref="DatabaseOptions.SqliteBusyTimeoutSeconds"/>) instead of Microsoft.Data.Sqlite's
/// retry loop, which sleeps 150 ms between attempts and made the latency tail under concurrent writers. When the
/// lock is still held after the timeout the command fails with SQLITE_BUSY, which the API answers with 503.</item>
/// <item><c>synchronous=NORMAL</c>: in WAL mode a commit is durable across a crash of the process (the WAL is
/// written before the commit returns; only the fsync is deferred to the checkpoint), and at most the last
/// transactions are lost on a power cut, never the database's consistency. FULL would fsync on every commit.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionSettings(int busyTimeoutSeconds) : DbConnectionInterceptor
{
    private readonly string pragmas = string.Create(CultureInfo.InvariantCulture,
        $"PRAGMA busy_timeout={busyTimeoutSeconds * 1000}; PRAGMA synchronous=NORMAL;");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
