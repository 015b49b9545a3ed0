using System.Net.Sockets;
using Assessment.Web.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Assessment.Tests.Web;

/// <summary>
/// Which provider errors the API answers as "database unavailable, try again" (503 with Retry-After), which as a
/// record saved by someone else at the same moment (409), and which as what they are: a bug or bad data (500).
/// A 503 for a syntax error would hide the bug behind an outage that retrying never ends.
/// </summary>
[TestClass]
public sealed class DatabaseFailuresTests
{
    [TestMethod]
    [DataRow("08006", "connection_failure")]
    [DataRow("08001", "sqlclient_unable_to_establish_sqlconnection")]
    [DataRow("53300", "too_many_connections")]
    [DataRow("53100", "disk_full")]
    [DataRow("57P01", "admin_shutdown")]
    [DataRow("57P02", "crash_shutdown")]
    [DataRow("57P03", "cannot_connect_now")]
    public void A_PostgreSQL_connection_or_resource_failure_is_unavailability(string state, string name)
    {
        Assert.IsTrue(DatabaseFailures.IsUnavailable(Postgres(state)), name);
        Assert.IsTrue(DatabaseFailures.IsUnavailable(new DbUpdateException("save failed", Postgres(state))), $"{name}, wrapped by EF");
    }

    [TestMethod]
    [DataRow("42601", "syntax_error")]
    [DataRow("42P01", "undefined_table")]
    [DataRow("42703", "undefined_column")]
    [DataRow("23505", "unique_violation")]
    [DataRow("23503", "foreign_key_violation")]
    [DataRow("23502", "not_null_violation")]
    [DataRow("22001", "string_data_right_truncation")]
    [DataRow("40001", "serialization_failure")]
    [DataRow("55000", "object_not_in_prerequisite_state, raised by a statement")]
    [DataRow("3D000", "invalid_catalog_name, raised by a statement")]
    [DataRow("57014", "query_canceled")]
    public void A_PostgreSQL_error_about_the_statement_or_the_data_is_not_unavailability(string state, string name)
    {
        Assert.IsFalse(DatabaseFailures.IsUnavailable(Postgres(state)), name);
        Assert.IsFalse(DatabaseFailures.IsUnavailable(new DbUpdateException("save failed", Postgres(state))), $"{name}, wrapped by EF");
    }

    [TestMethod]
    [DataRow("55000", "database is not currently accepting connections")]
    [DataRow("3D000", "database does not exist")]
    public void A_database_refusing_the_connection_is_unavailability(string state, string message)
    {
        Assert.IsTrue(DatabaseFailures.IsUnavailable(new PostgresException(message, "FATAL", "FATAL", state)), message);
    }

    [TestMethod]
    public void A_client_side_Npgsql_failure_is_unavailability_only_when_transient()
    {
        Assert.IsTrue(DatabaseFailures.IsUnavailable(new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.IsTrue(DatabaseFailures.IsUnavailable(new NpgsqlException("Exception while reading from stream", new IOException("connection reset"))));
        Assert.IsTrue(DatabaseFailures.IsUnavailable(new NpgsqlException("The connection pool has been exhausted", new TimeoutException())));
        Assert.IsTrue(DatabaseFailures.IsUnavailable(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new NpgsqlException("Exception while reading from stream", new TimeoutException()))));

        Assert.IsFalse(DatabaseFailures.IsUnavailable(new NpgsqlException("Received unexpected backend message ParseComplete")));
        Assert.IsFalse(DatabaseFailures.IsUnavailable(new NpgsqlException("Reading as 'System.Int32' is not supported for fields having DataTypeName 'text'", new InvalidCastException())));
        Assert.IsFalse(DatabaseFailures.IsUnavailable(new DbUpdateException("save failed", new NpgsqlException("Received unexpected backend message"))));
    }

    [TestMethod]
    public async Task Breaking_a_unique_index_on_a_SQLite_file_is_a_unique_violation_not_unavailability()
    {
        var folder = Directory.CreateTempSubdirectory("assessment-failures-");
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.FullName, "unique.db"), Pooling = false }.ToString());
            await connection.OpenAsync();
            await ExecuteAsync(connection, "CREATE TABLE Settings (Id INTEGER PRIMARY KEY, CycleId INTEGER NOT NULL); CREATE UNIQUE INDEX IX_Settings_CycleId ON Settings (CycleId); INSERT INTO Settings VALUES (1, 7);");

            var index = await Assert.ThrowsExactlyAsync<SqliteException>(() => ExecuteAsync(connection, "INSERT INTO Settings VALUES (2, 7);"));
            Assert.AreEqual(2067, index.SqliteExtendedErrorCode, "SQLITE_CONSTRAINT_UNIQUE");
            var key = await Assert.ThrowsExactlyAsync<SqliteException>(() => ExecuteAsync(connection, "INSERT INTO Settings VALUES (1, 8);"));
            Assert.AreEqual(1555, key.SqliteExtendedErrorCode, "SQLITE_CONSTRAINT_PRIMARYKEY");
            var notNull = await Assert.ThrowsExactlyAsync<SqliteException>(() => ExecuteAsync(connection, "INSERT INTO Settings VALUES (3, NULL);"));

            foreach (var e in new Exception[] { index, key, new DbUpdateException("save failed", index), new DbUpdateException("save failed", key) })
            {
                Assert.IsTrue(DatabaseFailures.IsUniqueViolation(e), e.Message);
                Assert.IsFalse(DatabaseFailures.IsUnavailable(e), e.Message);
            }

            Assert.IsFalse(DatabaseFailures.IsUniqueViolation(notNull), "NOT NULL is another constraint");
            Assert.IsFalse(DatabaseFailures.IsUnavailable(notNull));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task Breaking_a_unique_index_on_PostgreSQL_is_a_unique_violation_not_unavailability()
    {
        var server = await PostgresServer.ConnectAsync();
        await using var database = await server.CreateDatabaseAsync("failures");
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "CREATE TABLE settings (id integer PRIMARY KEY, cycle_id integer NOT NULL UNIQUE); INSERT INTO settings VALUES (1, 7);");

        var unique = await Assert.ThrowsExactlyAsync<PostgresException>(() => ExecuteAsync(connection, "INSERT INTO settings VALUES (2, 7);"));
        Assert.AreEqual(PostgresErrorCodes.UniqueViolation, unique.SqlState);
        var syntax = await Assert.ThrowsExactlyAsync<PostgresException>(() => ExecuteAsync(connection, "INSERT INTO settings VALUE (3, 8);"));
        Assert.AreEqual(PostgresErrorCodes.SyntaxError, syntax.SqlState);

        Assert.IsTrue(DatabaseFailures.IsUniqueViolation(new DbUpdateException("save failed", unique)));
        Assert.IsFalse(DatabaseFailures.IsUnavailable(new DbUpdateException("save failed", unique)), "a constraint is not an outage");
        Assert.IsFalse(DatabaseFailures.IsUniqueViolation(syntax));
        Assert.IsFalse(DatabaseFailures.IsUnavailable(syntax), "a syntax error is a bug, not an outage");
    }

    private static PostgresException Postgres(string state) => new($"error {state}", "ERROR", "ERROR", state);

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
