using Assessment.Web.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Assessment.Tests.Web;

/// <summary>The embedded database's life: where it lives, start-up migration, the <c>db</c> commands, online backup.</summary>
[TestClass]
public sealed class PersistenceMaintenanceTests
{
    private string folder = "";

    [TestInitialize]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("assessment-maintenance-").FullName;

    [TestCleanup]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public void Default_database_is_assessment_db_in_the_data_folder_under_the_content_root()
    {
        var root = Path.Combine(folder, "app");
        var connectionString = new DatabaseOptions().ResolveConnectionString(root);
        Assert.AreEqual(Path.Combine(root, "data", "assessment.db"), new SqliteConnectionStringBuilder(connectionString).DataSource);
    }

    [TestMethod]
    public async Task Postgres_without_a_connection_string_is_a_configuration_error()
    {
        await using var database = TestDatabase.Postgres("", () => ValueTask.CompletedTask);
        Assert.ThrowsExactly<OptionsValidationException>(() => database.Root.GetRequiredService<IOptions<DatabaseOptions>>().Value);
    }

    [TestMethod]
    public async Task Start_up_creates_and_migrates_the_embedded_database_in_WAL_mode()
    {
        await using var database = TestDatabase.SqliteInDataFolder(Path.Combine(folder, "data"));
        await database.Root.PrepareEmbeddedDatabaseAsync();

        var file = Path.Combine(folder, "data", DatabaseOptions.SqliteFileName);
        Assert.IsTrue(File.Exists(file));
        await using var session = database.Open();
        Assert.IsEmpty(await session.Db.Database.GetPendingMigrationsAsync());
        Assert.AreEqual("wal", await Pragma(file, "journal_mode"));
    }

    [TestMethod]
    public async Task Db_migrate_then_db_backup_write_a_consistent_single_file_copy()
    {
        await using var database = TestDatabase.SqliteInDataFolder(folder);
        var output = new StringWriter();
        Assert.AreEqual(0, await DbCommands.RunAsync(["db", "migrate"], database.Root, output), output.ToString());
        await using (var session = database.Open())
        {
            await PersistenceBuilders.SaveNewAssessmentAsync(session.Db);
        }

        var backup = Path.Combine(folder, "backups", "assessment-backup.db");
        Assert.AreEqual(0, await DbCommands.RunAsync(["db", "backup", "--out", backup], database.Root, output), output.ToString());

        StringAssert.Contains(output.ToString(), backup);
        Assert.AreEqual("ok", await Pragma(backup, "integrity_check"));
        Assert.AreEqual("delete", await Pragma(backup, "journal_mode"));
        Assert.AreEqual(1L, await Scalar(backup, "SELECT count(*) FROM Assessments"));
    }

    [TestMethod]
    [DataRow(new[] { "db" })]
    [DataRow(new[] { "db", "backup" })]
    [DataRow(new[] { "db", "backup", "--out" })]
    [DataRow(new[] { "db", "backup", "--to", "x.db" })]
    [DataRow(new[] { "db", "migrate", "now" })]
    [DataRow(new[] { "db", "drop" })]
    public async Task Db_command_with_bad_arguments_prints_the_usage_and_fails(string[] args)
    {
        await using var database = TestDatabase.SqliteInDataFolder(folder);
        var output = new StringWriter();
        Assert.AreEqual(2, await DbCommands.RunAsync(args, database.Root, output));
        StringAssert.Contains(output.ToString(), "db backup --out FILE");
    }

    [TestMethod]
    public async Task Db_backup_of_PostgreSQL_is_refused_with_a_message()
    {
        await using var database = TestDatabase.Postgres("Host=127.0.0.1;Port=1;Database=none", () => ValueTask.CompletedTask);
        var output = new StringWriter();
        Assert.AreEqual(1, await DbCommands.RunAsync(["db", "backup", "--out", Path.Combine(folder, "x.db")], database.Root, output));
        StringAssert.Contains(output.ToString(), "pg_dump");
    }

    [TestMethod]
    public async Task Backup_taken_while_others_write_opens_and_passes_integrity_check()
    {
        await using var database = TestDatabase.SqliteInDataFolder(folder);
        await database.MigrateAsync();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(() => WriteUntilStoppedAsync(database, stop.Token))).ToArray();

        var backups = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(150);
            await using var session = database.Open();
            backups.Add(await session.Get<DatabaseMaintenance>().BackupSqliteAsync(Path.Combine(folder, $"backup-{i}.db")));
        }

        await stop.CancelAsync();
        var written = (await Task.WhenAll(writers)).Sum();

        Assert.IsGreaterThan(0, written, "the writers wrote while the backups ran");
        foreach (var backup in backups)
        {
            Assert.AreEqual("ok", await Pragma(backup, "integrity_check"), backup);

            // Consistent: every answer's assessment is there too, and the audit log covers every answer saved.
            Assert.AreEqual(0L, await Scalar(backup, "SELECT count(*) FROM Answers WHERE AssessmentId NOT IN (SELECT Id FROM Assessments)"));
            Assert.AreEqual(0L, await Scalar(backup,
                "SELECT count(*) FROM Answers a WHERE NOT EXISTS (SELECT 1 FROM AuditLog l WHERE l.EntityType = 'Answer' AND l.EntityId = CAST(a.Id AS TEXT))"));
        }

        Assert.IsGreaterThan(0L, await Scalar(backups[^1], "SELECT count(*) FROM Answers"));
    }

    private static async Task<int> WriteUntilStoppedAsync(TestDatabase database, CancellationToken stop)
    {
        int assessmentId;
        await using (var session = database.Open())
        {
            assessmentId = (await PersistenceBuilders.SaveNewAssessmentAsync(session.Db)).Id;
        }

        var count = 0;
        while (!stop.IsCancellationRequested)
        {
            await using var session = database.Open();
            session.Db.Answers.Add(new Answer { AssessmentId = assessmentId, ItemId = $"I{count}", Met = true, Note = new string('记', 200) });
            await session.Db.SaveChangesAsync(CancellationToken.None);
            count++;
        }

        return count;
    }

    private static async Task<string?> Pragma(string file, string pragma) =>
        (string?)await ScalarObject(file, $"PRAGMA {pragma}");

    private static async Task<long> Scalar(string file, string sql) => (long)(await ScalarObject(file, sql))!;

    private static async Task<object?> ScalarObject(string file, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
