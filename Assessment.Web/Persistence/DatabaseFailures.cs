using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Assessment.Web.Persistence;

/// <summary>
/// Recognises the provider exceptions that mean "the database cannot be used right now" (as opposed to a bug or
/// bad data): the API answers them with 503 and <c>Retry-After</c>, and the request can simply be repeated.
/// </summary>
public static class DatabaseFailures
{
    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_CANTOPEN: locked beyond the busy timeout, or the file unusable.
    private static readonly HashSet<int> SqliteUnavailable = [5, 6, 10, 14];

    /// <summary>SQLITE_FULL: the disk of the database is full.</summary>
    public const int SqliteFull = 13;

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) says the database is unavailable.</summary>
    public static bool IsUnavailable(Exception exception) => Chain(exception).Any(e => e switch
    {
        SqliteException sqlite => SqliteUnavailable.Contains(sqlite.SqliteErrorCode),
        PostgresException postgres => IsUnavailable(postgres),
        NpgsqlException npgsql => npgsql.IsTransient, // not a server error: transient when the connection failed, broke or timed out
        SocketException or TimeoutException => true,
        _ => false,
    });

    /// <summary>Whether the database's disk is full (SQLite; PostgreSQL reports 53100 disk_full as unavailable).</summary>
    public static bool IsFull(Exception exception) => Chain(exception).Any(e => e is SqliteException { SqliteErrorCode: SqliteFull });

    /// <summary>
    /// Whether the save broke a unique index (SQLITE_CONSTRAINT_UNIQUE / PRIMARYKEY, PostgreSQL 23505): for a row
    /// another request inserted at the same moment, e.g. the first answer to an item saved twice at once.
    /// </summary>
    public static bool IsUniqueViolation(Exception exception) => Chain(exception).Any(e => e switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    });

    /// <summary>What the user sees when a save broke a unique index because someone saved the same record at the same moment.</summary>
    public const string SimultaneousSaveMessage = "他人同时保存了同一条记录，本次保存未生效，请刷新后重试。";

    // A server error is an outage only for these states: 08 connection exception, 53 insufficient resources (too
    // many connections, out of memory or disk), 57P01-57P03 admin shutdown / crash shutdown / cannot connect now;
    // and, when they end the session (FATAL) while connecting, 55000 "database is not currently accepting
    // connections" (ALLOW_CONNECTIONS false) and 3D000 "database does not exist". Anything else (a syntax error
    // 42xxx, a constraint 23xxx, a 55000 raised by a statement …) is a bug or bad data, not worth repeating.
    private static bool IsUnavailable(PostgresException postgres)
    {
        var state = postgres.SqlState;
        return state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
            || state is "57P01" or "57P02" or "57P03"
            || (state is "55000" or "3D000" && postgres.InvariantSeverity == "FATAL");
    }

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
