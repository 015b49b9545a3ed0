using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Assessment.Web.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AssessmentDbContext"/> on the provider named by <c>Database:Provider</c>, the
    /// save interceptors (stamps and versions, criteria guard, audit), the <see cref="CommitHooks"/>, <see cref="DatabaseMaintenance"/>,
    /// and defaults for <see cref="ICurrentActor"/> (the signed-in user) and <see cref="TimeProvider"/>
    /// that a host may replace. Identity is not registered here: add it with
    /// <c>AddIdentity&lt;AppUser, IdentityRole&gt;(…).AddEntityFrameworkStores&lt;AssessmentDbContext&gt;()</c>.
    /// </summary>
    public static IServiceCollection AddAssessmentPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .Validate(o => o.SqliteBusyTimeoutSeconds > 0, "Database:SqliteBusyTimeoutSeconds must be positive.")
            .Validate(o => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is Postgres.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.TryAddScoped<ICurrentActor, HttpContextActor>();
        services.AddScoped<WriteTransaction>();
        services.AddScoped<CommitHooks>();
        services.AddScoped<ChangeStampInterceptor>();
        services.AddScoped<AuditInterceptor>();
        services.AddSingleton<CriteriaVersionGuard>();
        services.AddScoped<DatabaseMaintenance>();

        // The provider decides the context type (and so the migrations): it is read at registration.
        var provider = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<AssessmentDbContext, PostgresAssessmentDbContext>((sp, options) =>
                Configure(sp, options.UseNpgsql(ConnectionString(sp))));
        }
        else
        {
            services.AddDbContext<AssessmentDbContext, SqliteAssessmentDbContext>((sp, options) =>
            {
                // The command timeout bounds Microsoft.Data.Sqlite's own retries on a locked database to the busy timeout.
                // EF also makes it the connection's DefaultTimeout, which bounds the implicit commands: BEGIN of a
                // transaction and the PRAGMAs of SqliteConnectionSettings (else 30 s each; DatabaseUnavailableTests).
                var busy = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.SqliteBusyTimeoutSeconds;
                Configure(sp, options.UseSqlite(ConnectionString(sp), sqlite => sqlite.CommandTimeout(busy)));
                options.AddInterceptors(new SqliteConnectionSettings(busy));
            });
            services.AddHostedService<SqliteStatisticsRefresher>();
        }

        return services;
    }

    private static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ResolveConnectionString(ContentRoot(services));

    internal static string ContentRoot(IServiceProvider services) =>
        services.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();

    // Order matters: a deferred transaction opens before anything else runs; stamps and versions next, so the
    // guard and the audit see the final values. The commit hooks place files as their rows' transaction commits.
    private static void Configure(IServiceProvider services, DbContextOptionsBuilder options) =>
        options.AddInterceptors(
            services.GetRequiredService<WriteTransaction>(),
            services.GetRequiredService<ChangeStampInterceptor>(),
            services.GetRequiredService<CriteriaVersionGuard>(),
            services.GetRequiredService<AuditInterceptor>(),
            services.GetRequiredService<CommitHooks>());
}
