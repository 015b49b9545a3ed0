using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Assessment.Tests.Web;

/// <summary>
/// A real database (a SQLite file or a PostgreSQL database) behind the application's own registration
/// (<see cref="PersistenceServiceCollectionExtensions.AddAssessmentPersistence"/>), with a settable actor.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly Func<ValueTask> drop;

    private TestDatabase(DatabaseProvider provider, string connectionString, string dataFolder, Func<ValueTask> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.drop = drop;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
            ["Database:DataFolder"] = dataFolder,
        }).Build();
        Services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddScoped<TestActor>()
            .AddScoped<ICurrentActor>(sp => sp.GetRequiredService<TestActor>())
            .AddAssessmentPersistence(configuration);
        Services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<AssessmentDbContext>();
        services = Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The connection string the database was created with (empty for the default SQLite file).</summary>
    public string ConnectionString { get; }

    public IServiceCollection Services { get; }

    public IServiceProvider Root => services;

    /// <summary>A SQLite database file in <paramref name="folder"/> (not created until migrated).</summary>
    public static TestDatabase Sqlite(string folder, string fileName = DatabaseOptions.SqliteFileName) =>
        new(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, fileName)}", folder, () => ValueTask.CompletedTask);

    /// <summary>The default embedded database: <c>assessment.db</c> under the data folder, no connection string.</summary>
    public static TestDatabase SqliteInDataFolder(string folder) =>
        new(DatabaseProvider.Sqlite, "", folder, () => ValueTask.CompletedTask);

    public static TestDatabase Postgres(string connectionString, Func<ValueTask> drop) =>
        new(DatabaseProvider.Postgres, connectionString, "unused", drop);

    /// <summary>A new scope with its own context, acting as <paramref name="actor"/> (default: a test user).</summary>
    public DbSession Open(FixedActor? actor = null)
    {
        var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Current = actor ?? TestActor.Default;
        return new DbSession(scope);
    }

    public async Task MigrateAsync()
    {
        await using var session = Open();
        await session.Get<DatabaseMaintenance>().MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await drop();
    }
}

public sealed class DbSession(AsyncServiceScope scope) : IAsyncDisposable
{
    public AssessmentDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();

    public T Get<T>()
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

public sealed class TestActor : ICurrentActor
{
    public static readonly FixedActor Default = new("test-user", "测试用户");

    public FixedActor Current { get; set; } = Default;

    public string? UserId => Current.UserId;

    public string Name => Current.Name;
}

/// <summary>
/// The PostgreSQL server for the tests: <c>ASSESSMENT_TEST_POSTGRES</c>, else the loopback cluster that
/// <c>.ci/start-postgres.sh</c> starts. Each test class gets databases of its own, dropped afterwards.
/// Unreachable: the tests fail under CI (CI=true) or when the variable was set; otherwise they are
/// inconclusive, saying so.
/// </summary>
public sealed class PostgresServer
{
    public const string Variable = "ASSESSMENT_TEST_POSTGRES";
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

    private readonly string? adminConnectionString;
    private readonly string? problem;
    private readonly bool mustRun;

    private PostgresServer(string? adminConnectionString, string? problem, bool mustRun)
    {
        this.adminConnectionString = adminConnectionString;
        this.problem = problem;
        this.mustRun = mustRun;
    }

    public static async Task<PostgresServer> ConnectAsync()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        var connectionString = string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5, Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            return new PostgresServer(connectionString, null, mustRun: true);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or ArgumentException or System.Net.Sockets.SocketException)
        {
            var source = string.IsNullOrWhiteSpace(configured) ? $"{Variable} is not set and the default" : Variable;
            var message = $"PostgreSQL was not reachable ({source} '{connectionString}': {e.Message}). "
                + "Start one with `bash .ci/start-postgres.sh` and set ASSESSMENT_TEST_POSTGRES to what it prints";
            var mustRun = TestEnvironment.IsCi
                || !string.IsNullOrWhiteSpace(configured);
            return new PostgresServer(null, message, mustRun);
        }
    }

    public bool IsReachable => problem is null;

    /// <summary>Stops the calling test unless the server answered: fails under CI, inconclusive otherwise.</summary>
    public void Require()
    {
        if (problem is null)
        {
            return;
        }

        if (mustRun)
        {
            Assert.Fail(problem + " (required because CI=true or ASSESSMENT_TEST_POSTGRES is set)");
        }

        Assert.Inconclusive(problem + ": PostgreSQL tests not run.");
    }

    /// <summary>Creates an empty, uniquely named database; disposing the result drops it.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(string purpose)
    {
        Require();
        var tag = new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(12).ToArray());
        var name = $"assessment_test_{tag}_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
        return TestDatabase.Postgres(connectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
