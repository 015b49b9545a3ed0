using Assessment.Web.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Tests.Web;

/// <summary>The persistence contract on a SQLite file in a temporary folder.</summary>
[TestClass]
public sealed class PersistenceOnSqliteTests : PersistenceContract
{
    private static string folder = "";
    private static TestDatabase? database;
    private static readonly List<TestDatabase> Extra = [];

    protected override TestDatabase Database => database!;

    [ClassInitialize]
    public static async Task CreateDatabaseAsync(TestContext context)
    {
        folder = Directory.CreateTempSubdirectory("assessment-sqlite-").FullName;
        database = TestDatabase.Sqlite(folder);
        await database.MigrateAsync();
    }

    [ClassCleanup]
    public static async Task DeleteDatabaseAsync()
    {
        foreach (var db in Extra.Append(database!))
        {
            await db.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    protected override Task<TestDatabase> CreateEmptyDatabaseAsync()
    {
        var db = TestDatabase.Sqlite(folder, PersistenceBuilders.Unique("empty-") + ".db");
        Extra.Add(db);
        return Task.FromResult(db);
    }

    [TestMethod]
    public async Task Database_file_is_in_WAL_mode()
    {
        await using var session = Database.Open();
        var mode = await session.Db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync();
        Assert.AreEqual("wal", mode);
    }
}
