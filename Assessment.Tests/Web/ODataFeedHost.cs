using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.OData;
using Microsoft.OData.Edm;

namespace Assessment.Tests.Web;

/// <summary>
/// The application on a real database (a temporary SQLite file, or a PostgreSQL database), seeded with
/// <see cref="ODataFeedData"/>, with the SQL it runs captured. Test-only extras: <c>/test/sign-in/{user}</c>
/// sets the Identity cookie, and the header <c>X-Test-Loopback</c> makes a request come from 127.0.0.1.
/// </summary>
internal sealed class ODataFeedHost : WebApplicationFactory<Program>
{
    public const string LoopbackHeader = "X-Test-Loopback";

    private readonly Dictionary<string, string?> settings;
    private readonly string folder;
    private readonly Func<ValueTask>? drop;

    private readonly TimeProvider? clock;

    private ODataFeedHost(Dictionary<string, string?> settings, string folder, Func<ValueTask>? drop, TimeProvider? clock = null)
    {
        this.clock = clock;
        this.settings = settings;
        this.folder = folder;
        this.drop = drop;
    }

    public ConcurrentQueue<string> Sql { get; } = new();

    public static Task<ODataFeedHost> StartSqliteAsync(Dictionary<string, string?>? overrides = null, TimeProvider? clock = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "assessment-odata-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var settings = Settings(overrides);
        settings["Database:Provider"] = "Sqlite";
        settings["Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "feed.db")};Pooling=False";
        settings["Database:DataFolder"] = folder;
        return StartAsync(new ODataFeedHost(settings, folder, null, clock));
    }

    public static async Task<ODataFeedHost> StartPostgresAsync(PostgresServer server, Dictionary<string, string?>? overrides = null)
    {
        var database = await server.CreateDatabaseAsync("odata");
        await database.MigrateAsync();
        var connectionString = database.Root.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.ConnectionString;
        var settings = Settings(overrides);
        settings["Database:Provider"] = "Postgres";
        settings["Database:ConnectionString"] = connectionString;
        var folder = Path.Combine(Path.GetTempPath(), "assessment-odata-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return await StartAsync(new ODataFeedHost(settings, folder, () => database.DisposeAsync()));
    }

    private static Dictionary<string, string?> Settings(Dictionary<string, string?>? overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Criteria:Folder"] = RepositoryPaths.CriteriaFolder,
            ["OData:PageSize"] = "50",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<ODataFeedHost> StartAsync(ODataFeedHost host)
    {
        _ = host.Server;
        if (host.settings["Database:Provider"] == "Postgres")
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().MigrateAsync();
        }

        try
        {
            await ODataFeedData.SeedAsync(host.Services);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException e)
        {
            throw new InvalidOperationException("Seeding failed: " + e.InnerException?.Message, e);
        }
        host.Sql.Clear();
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The feed's tests seed their own data: no first-run demo seed.
        builder.UseSetting("Demo:SeedOnFirstRun", "false");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(new SqlCapture(Sql)));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, TestExtras>();
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
        });
    }

    /// <summary>A client over HTTPS (as Excel and Power BI connect to a server), cookies kept.</summary>
    public HttpClient Https() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    public HttpClient Http() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

    public static AuthenticationHeaderValue Basic(string user, string password = ODataFeedData.Password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public HttpClient As(string user)
    {
        var client = Https();
        client.DefaultRequestHeaders.Authorization = Basic(user);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (drop is not null)
        {
            await drop();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class TestExtras : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers.ContainsKey(LoopbackHeader))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Loopback;
                }

                if (context.Request.Path.StartsWithSegments("/test/sign-in", out var rest))
                {
                    var users = context.RequestServices.GetRequiredService<UserManager<AppUser>>();
                    var user = await users.FindByNameAsync(rest.Value!.Trim('/'));
                    await context.RequestServices.GetRequiredService<SignInManager<AppUser>>().SignInAsync(user!, isPersistent: false);
                    return;
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class SqlCapture(ConcurrentQueue<string> sql) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) =>
            categoryName == "Microsoft.EntityFrameworkCore.Database.Command" ? new Logger(sql) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> sql) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (eventId.Name == "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted")
                {
                    sql.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}

/// <summary>An HTTP response as the OData message reader takes it.</summary>
internal sealed class ResponseMessage(HttpResponseMessage response, byte[] body) : IODataResponseMessage
{
    public IEnumerable<KeyValuePair<string, string>> Headers =>
        response.Headers.Concat(response.Content.Headers).Select(h => new KeyValuePair<string, string>(h.Key, string.Join(",", h.Value)));

    public int StatusCode
    {
        get => (int)response.StatusCode;
        set => throw new NotSupportedException();
    }

    public string? GetHeader(string headerName) => Headers.FirstOrDefault(h => h.Key.Equals(headerName, StringComparison.OrdinalIgnoreCase)).Value;

    public void SetHeader(string headerName, string headerValue) => throw new NotSupportedException();

    public Stream GetStream() => new MemoryStream(body);

    /// <summary>Reads a resource set strictly against <paramref name="model"/>: each resource's properties by name, and nested single resources.</summary>
    public List<Dictionary<string, object?>> ReadResourceSet(IEdmModel model, IEdmEntitySet set, out ODataResourceSet? feed)
    {
        var settings = new ODataMessageReaderSettings { Validations = ValidationKinds.All, EnableMessageStreamDisposal = true };
        using var reader = new ODataMessageReader(this, settings, model);
        var odataReader = reader.CreateODataResourceSetReader(set, set.EntityType());
        var rows = new List<Dictionary<string, object?>>();
        var stack = new Stack<Dictionary<string, object?>?>();
        string? nested = null;
        feed = null;
        while (odataReader.Read())
        {
            switch (odataReader.State)
            {
                case ODataReaderState.ResourceEnd:
                    var resource = (ODataResource?)odataReader.Item;
                    var values = resource?.Properties.ToDictionary(p => p.Name, p => (object?)p.Value);
                    var children = stack.Pop();
                    if (values is not null && children is not null)
                    {
                        foreach (var (k, v) in children)
                        {
                            values[k] = v;
                        }
                    }

                    if (stack.Count == 0)
                    {
                        rows.Add(values!);
                    }
                    else
                    {
                        var parent = stack.Peek() ?? throw new InvalidOperationException("nested in nothing");
                        parent[nested!] = values;
                    }

                    break;
                case ODataReaderState.ResourceStart:
                    stack.Push([]);
                    break;
                case ODataReaderState.NestedResourceInfoStart:
                    nested = ((ODataNestedResourceInfo)odataReader.Item).Name;
                    break;
                case ODataReaderState.ResourceSetEnd:
                    feed = (ODataResourceSet)odataReader.Item;
                    break;
            }
        }

        return rows;
    }
}
