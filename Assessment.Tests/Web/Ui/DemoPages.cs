using Assessment.Tests.Browser;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web.Ui;

/// <summary>
/// The real app over a copy of the seeded demo (as a first run writes it; <see cref="BrowserApp"/>), reached with plain
/// HTTP clients through Kestrel, with the application's clock (<see cref="TimeProvider"/>, which the ledger's "today"
/// comes from) fixed at <see cref="Now"/>: 27 December 2022 in China, when the demo's 2022-06-30 deadlines have
/// passed and its 2022-12-31 deadlines are due within the default seven days.
/// </summary>
internal static class DemoPages
{
    public static readonly DateTimeOffset Now = new(2022, 12, 27, 10, 0, 0, TimeSpan.FromHours(8));

    public static BrowserApp Start() =>
        BrowserApp.Start(seedDemo: true, builder => builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(new FixedClock(Now))));

    /// <summary>A client signed in through the login page.</summary>
    public static async Task<HttpClient> SignInAsync(this BrowserApp app, string userName, string password)
    {
        var client = app.Client();
        await client.SignInThroughPageAsync(userName, password);
        return client;
    }

    /// <summary>
    /// A client straight to Kestrel that does not follow redirects (a refusal is a 302 to /account/denied) and keeps its
    /// cookies. (<see cref="BrowserApp.CreateClient"/> follows redirects on Kestrel.)
    /// </summary>
    public static HttpClient Client(this BrowserApp app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = app.DirectAddress,
        };

    public static Task<int> CenterIdAsync(this BrowserApp app, string code) =>
        app.WithDbAsync(db => db.Centers.Where(c => c.Code == code).Select(c => c.Id).SingleAsync());

    public static Task<int> CycleIdAsync(this BrowserApp app, int year) =>
        app.WithDbAsync(db => db.Cycles.Where(c => c.Year == year).Select(c => c.Id).SingleAsync());

    /// <summary>The ledger of a center in a cycle, read fresh, with everything.</summary>
    public static Task<RectificationLedger> LedgerAsync(this BrowserApp app, int centerId, int cycleId) =>
        app.WithDbAsync(db => db.RectificationLedgers.AsNoTracking()
            .Include(l => l.Aspects)
            .Include(l => l.Findings).ThenInclude(f => f.Actions).ThenInclude(a => a.Verifications)
            .AsSplitQuery()
            .SingleAsync(l => l.CenterId == centerId && l.CycleId == cycleId));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
