using System.Collections.Concurrent;
using System.Net;
using Assessment.Scoring.Criteria;
using Assessment.Web.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Assessment.Tests.Web.ApiRequests;

namespace Assessment.Tests.Web.Faults;

/// <summary>
/// An online backup of the embedded database (<c>db backup</c>, <see cref="DatabaseMaintenance.BackupSqliteAsync"/>)
/// taken while inspectors keep saving answers is a consistent database: integrity_check passes, every save
/// acknowledged before the backup started is in it, and each assessment in it is exactly the state after one of
/// its acknowledged saves (no torn write). The database is padded to about 64 MB so the copy takes long enough for
/// saves to be acknowledged while it runs: the test proves they were (the backup does not stop the writers).
/// </summary>
[TestClass]
[TestCategory("Faults")]
[DoNotParallelize]
public sealed class SqliteBackupUnderWritesTests
{
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task A_backup_taken_while_answers_are_saved_restores_to_a_consistent_database_with_every_earlier_save()
    {
        await using var host = ApiHost.Sqlite();
        var world = await ApiWorld.CreateAsync(host);
        var items = world.Criteria.Items.Where(i => i.Rule is DeductionRule).Select(i => i.Id).ToArray();
        var targets = new[] { world.InspectionA, world.InspectionB };
        var clients = new[] { await host.SignInAsync(world.Inspector), await host.SignInAsync(world.Inspector) };
        await host.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            CREATE TABLE "BackupTestPadding" ("Bytes" BLOB NOT NULL);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 64)
            INSERT INTO "BackupTestPadding" SELECT randomblob(1048576) FROM n;
            """));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var acknowledged = new ConcurrentBag<TimeSpan>();

        // Per assessment: version → (item, note) of the save acknowledged with that version.
        var logs = targets.ToDictionary(id => id, _ => new ConcurrentDictionary<long, (string Item, string Note)>());
        using var stop = new CancellationTokenSource();
        var writers = targets.Select((id, w) => Task.Run(async () =>
        {
            var version = (await clients[w].GetAsync($"/api/assessments/{id}/checklist")).ETag();
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var item = items[n % items.Length];
                var note = $"writer {w} save {n}";
                using var request = Json(HttpMethod.Put, $"/api/assessments/{id}/answers/{item}", new { number = n % 2, note }, version, Guid.NewGuid().ToString("N"));
                request.Headers.Add("Prefer", "return=minimal");
                using var response = await clients[w].SendAsync(request);
                Assert.AreEqual(HttpStatusCode.NoContent, response.StatusCode, await response.Content.ReadAsStringAsync());
                version = response.ETag();
                logs[id][version] = (item, note);
                acknowledged.Add(clock.Elapsed);
            }
        })).ToArray();

        // Writing for a while (at least three saves each) before the backup starts.
        for (var wait = 0; wait < 300 && logs.Values.Any(l => l.Count < 3) && !writers.Any(t => t.IsCompleted); wait++)
        {
            await Task.Delay(100);
        }

        var before = targets.ToDictionary(id => id, id => logs[id].Keys.DefaultIfEmpty(0).Max());
        var backup = Path.Combine(Path.GetTempPath(), $"assessment-backup-{Guid.NewGuid():N}.db");
        try
        {
            TimeSpan started, finished;
            await using (var scope = host.Scope())
            {
                // On a thread of its own, as `db backup` runs in a process of its own: SQLite's backup call blocks its
                // thread for the whole copy, and on the server's thread pool it would hold back the writers' requests.
                var maintenance = scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>();
                started = clock.Elapsed;
                await Task.Factory.StartNew(() => maintenance.BackupSqliteAsync(backup), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
                finished = clock.Elapsed;
            }

            await Task.Delay(300);
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            Assert.IsTrue(before.Values.All(v => v > 1), "saves were acknowledged before the backup started");
            var during = acknowledged.Count(t => t > started && t < finished);
            Assert.IsGreaterThan(0, during,
                $"saves were acknowledged while the backup ran ({(finished - started).TotalMilliseconds:0} ms): the writes overlapped the copy");

            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
            await connection.OpenAsync();
            Assert.AreEqual("ok", await ScalarAsync(connection, "PRAGMA integrity_check;"));
            Assert.AreEqual(0L, await ScalarAsync(connection, "SELECT count(*) FROM pragma_foreign_key_check;"));

            // The restored database, read through the application's own model.
            await using var restored = TestDatabase.Sqlite(Path.GetDirectoryName(backup)!, Path.GetFileName(backup));
            await using var session = restored.Open();
            foreach (var id in targets)
            {
                var assessment = await session.Db.Assessments.AsNoTracking().Include(a => a.Answers).SingleAsync(a => a.Id == id);
                Assert.IsTrue(assessment.Version >= before[id], $"assessment {id}: version {assessment.Version} in the backup, {before[id]} acknowledged before it started");
                var expected = logs[id].Where(e => e.Key <= assessment.Version).OrderBy(e => e.Key)
                    .GroupBy(e => e.Value.Item).ToDictionary(g => g.Key, g => g.Last().Value.Note);
                var actual = assessment.Answers.Where(a => expected.ContainsKey(a.ItemId)).ToDictionary(a => a.ItemId, a => a.Note);
                CollectionAssert.AreEquivalent(expected.ToList(), actual.ToList(), $"assessment {id} at version {assessment.Version} is the state after that save");
            }
        }
        finally
        {
            await stop.CancelAsync();
            SqliteConnection.ClearAllPools();
            File.Delete(backup);
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
