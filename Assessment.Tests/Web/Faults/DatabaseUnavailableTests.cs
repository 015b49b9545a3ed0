using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using static Assessment.Tests.Web.ApiRequests;

namespace Assessment.Tests.Web.Faults;

/// <summary>
/// The database stops answering while the application runs: requests that need it get a 503 ProblemDetails in
/// Chinese with Retry-After (a browser's page request a 503 page saying the same) and change nothing, <c>/healthz</c> (liveness) stays 200 while <c>/healthz/ready</c>
/// says 503, and everything works again once the database is back.
/// </summary>
[TestClass]
[TestCategory("Faults")]
[DoNotParallelize]
public sealed class DatabaseUnavailableTests
{
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task A_sqlite_database_locked_beyond_the_busy_timeout_gives_503_with_retry_after_and_recovers_when_released()
    {
        await using var host = ApiHost.Sqlite(settings: new Dictionary<string, string> { ["Database:SqliteBusyTimeoutSeconds"] = "1" });
        var world = await ApiWorld.CreateAsync(host);
        using var inspector = await host.SignInAsync(world.Inspector);
        using var anonymous = host.Anonymous();
        var version = (await inspector.GetAsync($"/api/assessments/{world.InspectionA}/checklist")).ETag();

        // Another connection holds the database file exclusively (as a stuck maintenance tool would).
        var locker = await LockExclusivelyAsync(host.ConnectionString);
        try
        {
            var watch = Stopwatch.StartNew();
            await ExpectUnavailableAsync(inspector, anonymous, world.InspectionA, version);

            // A save, a read, the readiness probe and a page, each bounded by the 1 s busy timeout (not by Microsoft.Data.Sqlite's 30 s default).
            Assert.IsLessThan(TimeSpan.FromSeconds(15), watch.Elapsed, "the refusals come within the busy timeout");
        }
        finally
        {
            await locker.DisposeAsync();
        }

        await ExpectRecoveredAsync(inspector, anonymous, world.InspectionA, version);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task A_postgres_database_refusing_connections_gives_503_with_retry_after_and_recovers_when_it_accepts_them_again()
    {
        var server = await PostgresServer.ConnectAsync();
        server.Require();
        await using var host = (await ApiHost.PostgresAsync(server))!;
        var world = await ApiWorld.CreateAsync(host);
        using var inspector = await host.SignInAsync(world.Inspector);
        using var anonymous = host.Anonymous();
        var version = (await inspector.GetAsync($"/api/assessments/{world.InspectionA}/checklist")).ETag();

        // The database goes away for this application: no new connections, the open ones terminated.
        var name = new NpgsqlConnectionStringBuilder(host.ConnectionString).Database!;
        var admin = Environment.GetEnvironmentVariable(PostgresServer.Variable) is { Length: > 0 } configured ? configured : PostgresServer.DefaultConnectionString;
        await AdminAsync(admin, $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
        try
        {
            await AdminAsync(admin, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
            await ExpectUnavailableAsync(inspector, anonymous, world.InspectionA, version);
        }
        finally
        {
            await AdminAsync(admin, $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");
        }

        await ExpectRecoveredAsync(inspector, anonymous, world.InspectionA, version);
    }

    /// <summary>
    /// Takes and holds an exclusive lock on the SQLite file behind <paramref name="connectionString"/>: reads and
    /// writes by any other connection get SQLITE_BUSY until the returned connection is disposed.
    /// </summary>
    /// <remarks>
    /// In WAL mode every open connection keeps a shared lock on the database file, idle ones in the application's
    /// connection pool too, so the exclusive lock can only be granted once the pool is emptied; connections in use
    /// are closed when returned. Each statement runs on its own: in one batch, a failure of the statements after the
    /// first result row is swallowed when the reader is disposed, and the lock silently not taken.
    /// </remarks>
    private static async Task<SqliteConnection> LockExclusivelyAsync(string connectionString)
    {
        SqliteConnection.ClearPool(new SqliteConnection(connectionString));
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var locker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 20 }.ToString());
        try
        {
            await locker.OpenAsync();
            foreach (var sql in new[] { "PRAGMA locking_mode=EXCLUSIVE;", "BEGIN EXCLUSIVE;", "SELECT count(*) FROM Cycles;" })
            {
                await using var command = locker.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteScalarAsync();
            }

            // The lock is really held: another connection cannot even read.
            await using var probe = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 1 }.ToString());
            await probe.OpenAsync();
            await using var read = probe.CreateCommand();
            read.CommandText = "SELECT count(*) FROM Cycles;";
            var busy = await Assert.ThrowsExactlyAsync<SqliteException>(() => read.ExecuteScalarAsync());
            Assert.AreEqual(5, busy.SqliteErrorCode, "SQLITE_BUSY");
            return locker;
        }
        catch
        {
            await locker.DisposeAsync();
            throw;
        }
    }

    private static async Task ExpectUnavailableAsync(HttpClient user, HttpClient anonymous, int assessmentId, long version)
    {
        using var save = await user.SendAsync(Json(HttpMethod.Put, $"/api/assessments/{assessmentId}/answers/A2", new { number = 1, note = "数据库不可用时保存" }, version, "unavailable-1"));
        await ExpectProblem503Async(save);
        using var read = await user.GetAsync($"/api/assessments/{assessmentId}/checklist");
        await ExpectProblem503Async(read);
        using var ready = await anonymous.GetAsync("/healthz/ready");
        await ExpectProblem503Async(ready);

        // A browser asking for a page gets a page saying the same, not JSON.
        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, $"/checklists/{assessmentId}");
        pageRequest.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var page = await user.SendAsync(pageRequest);
        var html = await page.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, page.StatusCode, html);
        Assert.AreEqual("text/html", page.Content.Headers.ContentType?.MediaType);
        StringAssert.Contains(html, "数据库暂时无法访问");
        Assert.IsNotNull(page.Headers.RetryAfter, "Retry-After on the page");
        using var live = await anonymous.GetAsync("/healthz");
        Assert.AreEqual(HttpStatusCode.OK, live.StatusCode, "liveness does not depend on the database");
    }

    private static async Task ExpectRecoveredAsync(HttpClient user, HttpClient anonymous, int assessmentId, long version)
    {
        var watch = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var ready = await anonymous.GetAsync("/healthz/ready");
            status = ready.StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(200);
            }
        }
        while (status != HttpStatusCode.OK && watch.Elapsed < TimeSpan.FromSeconds(20));
        Assert.AreEqual(HttpStatusCode.OK, status, "ready again once the database is back");

        // The refused save changed nothing: the same If-Match is still current, and the same key applies it now.
        using var checklist = await user.GetAsync($"/api/assessments/{assessmentId}/checklist");
        Assert.AreEqual(version, checklist.ETag());
        using var save = await user.SendAsync(Json(HttpMethod.Put, $"/api/assessments/{assessmentId}/answers/A2", new { number = 1, note = "数据库不可用时保存" }, version, "unavailable-1"));
        await save.ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(version + 1, save.ETag());
    }

    private static async Task ExpectProblem503Async(HttpResponseMessage response)
    {
        var problem = await response.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        StringAssert.Contains(problem.GetProperty("title").GetString(), "数据库暂时无法访问");
        Assert.IsNotNull(response.Headers.RetryAfter, "Retry-After");
        Assert.IsTrue(response.Headers.RetryAfter.Delta > TimeSpan.Zero);
    }

    private static async Task AdminAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
