namespace Assessment.Web.Persistence;

/// <summary>
/// Refreshes SQLite's planner statistics every <see cref="Interval"/> while the server runs
/// (<see cref="DatabaseMaintenance.UpdateStatisticsAsync"/>): a province's data grows from a few centers to
/// years of item scores between restarts, and plans chosen on the first statistics would go stale.
/// </summary>
internal sealed partial class SqliteStatisticsRefresher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SqliteStatisticsRefresher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().UpdateStatisticsAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A busy or unavailable database this time: the statistics are refreshed at the next tick.
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the SQLite planner statistics failed; trying again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
