namespace Assessment.Tests.Web;

/// <summary>
/// The persistence contract on a real PostgreSQL server (see <see cref="PostgresServer"/>): one database
/// for the class, plus one per "empty database" test, all dropped afterwards.
/// </summary>
[TestClass]
public sealed class PersistenceOnPostgresTests : PersistenceContract
{
    private static PostgresServer? server;
    private static TestDatabase? database;
    private static readonly List<TestDatabase> Extra = [];

    protected override TestDatabase Database => database!;

    [ClassInitialize]
    public static async Task CreateDatabaseAsync(TestContext context)
    {
        server = await PostgresServer.ConnectAsync();
        if (server.IsReachable)
        {
            database = await server.CreateDatabaseAsync("contract");
            await database.MigrateAsync();
        }
    }

    [ClassCleanup]
    public static async Task DropDatabasesAsync()
    {
        foreach (var db in database is null ? Extra : Extra.Append(database))
        {
            await db.DisposeAsync();
        }
    }

    [TestInitialize]
    public void RequirePostgres() => server!.Require();

    protected override async Task<TestDatabase> CreateEmptyDatabaseAsync()
    {
        var db = await server!.CreateDatabaseAsync("empty");
        Extra.Add(db);
        return db;
    }
}
