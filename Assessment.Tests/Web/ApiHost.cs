using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Assessment.Web.Demo;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web;

/// <summary>
/// The real application (<c>Program</c>) behind <see cref="WebApplicationFactory{TEntryPoint}"/>, on a SQLite
/// file in a temporary data folder or on a fresh PostgreSQL database, with its evidence folder in a
/// temporary directory and a small evidence size limit (<see cref="MaxEvidenceBytes"/>).
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string Password = "Test-Passw0rd";
    public const long MaxEvidenceBytes = 64 * 1024;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly WebApplicationFactory<Program> factory;
    private readonly string folder;
    private readonly TestDatabase? database;
    private readonly Uri? kestrelAddress;

    private ApiHost(string folder, DatabaseProvider provider, TestDatabase? database, bool kestrel = false, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        this.folder = folder;
        this.database = database;
        EvidenceFolder = Path.Combine(folder, "evidence");
        Provider = provider;
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", provider.ToString());
            builder.UseSetting("Database:DataFolder", Path.Combine(folder, "data"));
            builder.UseSetting("Demo:SeedOnFirstRun", "false");
            builder.UseSetting("Database:ConnectionString", database?.ConnectionString ?? "");
            builder.UseSetting("Evidence:Folder", EvidenceFolder);
            builder.UseSetting("Evidence:MaxBytes", MaxEvidenceBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Criteria:Folder", RepositoryPaths.CriteriaFolder);
            if (kestrel)
            {
                // appsettings.json's Urls (port 5080) would win over UseKestrel(0): ask for an ephemeral loopback port.
                builder.UseSetting("Urls", "http://127.0.0.1:0");
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                builder.UseSetting(key, value);
            }

            if (services is not null)
            {
                builder.ConfigureTestServices(services);
            }
        });
        if (kestrel)
        {
            // Real sockets on 127.0.0.1 (an ephemeral port), for load measurements.
            factory.UseKestrel(0);
            factory.StartServer();
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            kestrelAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    public DatabaseProvider Provider { get; }

    public string EvidenceFolder { get; }

    public IServiceProvider Services => factory.Services;

    /// <summary>The database's connection string as the application resolved it.</summary>
    public string ConnectionString
    {
        get
        {
            using var scope = factory.Services.CreateScope();
            return Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetConnectionString(
                scope.ServiceProvider.GetRequiredService<AssessmentDbContext>().Database)!;
        }
    }

    /// <summary>The app on a SQLite file under a new temporary data folder (migrated at start-up, as in production).</summary>
    /// <param name="services">Changes to the application's services, applied after its own registrations.</param>
    public static ApiHost Sqlite(bool kestrel = false, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        var host = new ApiHost(Directory.CreateTempSubdirectory("assessment-api-").FullName, DatabaseProvider.Sqlite, null, kestrel, settings, services);
        if (!kestrel)
        {
            _ = host.factory.Server;
        }

        return host;
    }

    /// <summary>The app on a new, migrated PostgreSQL database; null when the server is unreachable (see <see cref="PostgresServer.Require"/>).</summary>
    public static async Task<ApiHost?> PostgresAsync(PostgresServer server, bool kestrel = false, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!server.IsReachable)
        {
            return null;
        }

        var database = await server.CreateDatabaseAsync("api");
        await database.MigrateAsync();
        var host = new ApiHost(Directory.CreateTempSubdirectory("assessment-api-pg-").FullName, DatabaseProvider.Postgres, database, kestrel, settings, services);
        if (!kestrel)
        {
            _ = host.factory.Server;
        }

        return host;
    }

    /// <summary>A client without a cookie (anonymous).</summary>
    public HttpClient Anonymous() => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = kestrelAddress ?? new Uri("http://localhost"),
    });

    /// <summary>A client signed in through <c>POST /api/account/login</c>.</summary>
    public async Task<HttpClient> SignInAsync(string userName)
    {
        var client = Anonymous();
        using var response = await client.PostAsJsonAsync("/api/account/login", new { userName, password = Password });
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, $"login of {userName}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public AsyncServiceScope Scope() => factory.Services.CreateAsyncScope();

    /// <summary>Writes the demo data with the application's own <c>seed demo</c> command; returns what it printed.</summary>
    public async Task<string> SeedDemoAsync()
    {
        var output = new StringWriter();
        Assert.AreEqual(0, await SeedCommands.RunAsync(["seed", "demo"], Services, output), output.ToString());
        return output.ToString();
    }

    /// <summary>The id of the cycle of <paramref name="year"/>.</summary>
    public Task<int> CycleIdAsync(int year) =>
        WithDbAsync(db => db.Cycles.Where(c => c.Year == year).Select(c => c.Id).SingleAsync());

    /// <summary>Runs <paramref name="action"/> with a scoped <see cref="AssessmentDbContext"/>.</summary>
    public async Task<T> WithDbAsync<T>(Func<AssessmentDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Scope();
        return await action(scope.ServiceProvider.GetRequiredService<AssessmentDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is left for the OS to clean.
        }
    }
}

/// <summary>Small helpers for requests with ETags and idempotency keys.</summary>
public static class ApiRequests
{
    public static HttpRequestMessage Json(HttpMethod method, string uri, object? body, long? ifMatch = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: ApiHost.Json);
        }

        if (ifMatch is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    public static long ETag(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var tag = response.Headers.ETag ?? throw new AssertFailedException($"{(int)response.StatusCode} response without an ETag.");
        return long.Parse(tag.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status and returns the body, showing the body when the status is wrong.</summary>
    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(status, response.StatusCode, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
