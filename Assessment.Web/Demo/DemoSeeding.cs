using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Assessment.Web.Persistence;

namespace Assessment.Web.Demo;

/// <summary>
/// Publishes the demo's 2021 cycle right after the seed. The demo leaves 2021 under review with every
/// inspection finalized; when the host registers an implementation (an adapter over the workflow's cycle
/// publisher), <see cref="DemoSeeding.SeedAsync"/> calls it with the 2021 cycle's id, in a scope of its own,
/// after the seed is committed. Without one, 2021 stays under review, ready to publish.
/// </summary>
public interface IDemoCyclePublisher
{
    Task PublishAsync(int cycleId, CancellationToken cancellationToken);
}

/// <summary>Configuration section <c>Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Seed the demo data when the embedded (SQLite) database is empty at start-up. Default true.</summary>
    public bool SeedOnFirstRun { get; set; } = true;
}

public static partial class DemoSeeding
{
    /// <summary>
    /// Seeds the demo data (see <see cref="DemoSeeder"/>) and, when an <see cref="IDemoCyclePublisher"/> is
    /// registered, publishes the 2021 cycle.
    /// </summary>
    public static async Task<DemoSeedResult> SeedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        DemoSeedResult result;
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            result = await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync(cancellationToken).ConfigureAwait(false);
        }

        var publisherRegistered = services.GetService<IServiceProviderIsService>()?.IsService(typeof(IDemoCyclePublisher)) == true;
        if (result is { Status: DemoSeedStatus.Seeded, Cycle2021Id: { } cycleId } && publisherRegistered)
        {
            var publishing = services.CreateAsyncScope();
            await using (publishing.ConfigureAwait(false))
            {
                try
                {
                    await publishing.ServiceProvider.GetRequiredService<IDemoCyclePublisher>().PublishAsync(cycleId, cancellationToken).ConfigureAwait(false);
                    result = result with { Published2021 = true };
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The seed is committed and stays: 2021 remains under review, to be published by hand.
                    result = result with { PublishError = e.GetBaseException().Message };
                }
            }
        }

        return result;
    }

    /// <summary>
    /// On the embedded default (SQLite), seeds the demo data when the database is empty — the first run —
    /// unless <c>Demo:SeedOnFirstRun</c> is false. Call after <see cref="DatabaseStartup.PrepareEmbeddedDatabaseAsync"/>.
    /// A database with any data, or one not migrated, is left alone.
    /// </summary>
    /// <returns>The seed's result, or null when nothing was attempted.</returns>
    public static async Task<DemoSeedResult?> SeedDemoOnFirstRunAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configuration = services.GetRequiredService<IConfiguration>();
        var options = configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new DemoOptions();
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoSeeding));
        if (!options.SeedOnFirstRun || database.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Any())
            {
                LogNotMigrated(logger);
                return null;
            }

            var status = await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).StatusAsync(cancellationToken).ConfigureAwait(false);
            if (status != DemoSeedStatus.Seeded)
            {
                return null; // not the first run
            }
        }

        DemoSeedResult result;
        try
        {
            result = await SeedAsync(services, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or DbUpdateException)
        {
            // The application still starts (empty, or seeded by another instance that won the race);
            // `seed demo` reports the same problem on demand.
            LogNotSeeded(logger, e);
            return null;
        }

        if (result.Status == DemoSeedStatus.Seeded)
        {
            LogSeeded(logger, result.Centers, AccountNames);
        }

        return result;
    }

    private static readonly string AccountNames = string.Join(", ", DemoData.Accounts.Select(a => a.UserName));

    [LoggerMessage(Level = LogLevel.Information,
        Message = "First run: demo data written ({Centers} centers, cycles 2021 and 2022). Demo accounts {Accounts}: passwords in README.md, section \"Demo accounts\". Set Demo:SeedOnFirstRun=false to start empty.")]
    private static partial void LogSeeded(ILogger logger, int centers, string accounts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data not seeded: nothing was written.")]
    private static partial void LogNotSeeded(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data not seeded: the embedded database has pending migrations (run `db migrate`).")]
    private static partial void LogNotMigrated(ILogger logger);
}
