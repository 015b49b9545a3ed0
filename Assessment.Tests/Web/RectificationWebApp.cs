using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Assessment.Scoring.Checklists;
using Assessment.Scoring.Scoring;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web;

/// <summary>
/// The real application on a temporary SQLite database file (or a PostgreSQL database), with a settable clock.
/// Users sign in as people do, through <c>POST /api/account/login</c>, and carry its cookie.
/// </summary>
internal sealed class RectificationWebApp : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly string folder = Path.Combine(Path.GetTempPath(), "ledger-tests-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string? postgres;

    /// <summary>On a new SQLite file in a temporary folder (the default), or on the given (migrated) PostgreSQL database.</summary>
    public RectificationWebApp(string? postgresConnectionString = null) => postgres = postgresConnectionString;

    public MutableClock Clock { get; } = new(new DateTimeOffset(2022, 6, 20, 9, 0, 0, TimeSpan.FromHours(8)));

    public int Cycle2021 { get; private set; }

    public int Cycle2022 { get; private set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(folder);
        builder.UseSetting("Database:Provider", postgres is null ? "Sqlite" : "Postgres");
        builder.UseSetting("Database:DataFolder", folder);
        builder.UseSetting("Demo:SeedOnFirstRun", "false");
        builder.UseSetting("Database:ConnectionString", postgres ?? $"Data Source={Path.Combine(folder, "ledger.db")}");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>Starts the app (migrating the database) and adds the 2021 and 2022 cycles with their criteria.</summary>
    public async Task InitializeAsync()
    {
        _ = Server;
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        var registry = scope.ServiceProvider.GetRequiredService<CriteriaRegistry>();
        foreach (var (year, id) in new[] { (2021, "qh-demo-2021"), (2022, "qh-demo-2022") })
        {
            var version = registry.Find(id)!;
            db.CriteriaVersions.Add(new CriteriaVersionRecord
            {
                Id = version.Id,
                Scheme = version.Scheme,
                Title = version.Title,
                EffectiveDate = version.EffectiveDate,
                ContentHash = version.ContentHash,
                SourceYaml = await File.ReadAllTextAsync(RepositoryPaths.Criteria(id + ".yaml")),
                ImportedAt = Clock.GetUtcNow(),
            });
            var cycle = new AssessmentCycle
            {
                Year = year,
                Title = $"{year}年度全省公共资源交易中心考核",
                CriteriaVersionId = id,
                ScheduleStart = new DateOnly(year, 11, 1),
                ScheduleEnd = new DateOnly(year, 12, 31),
                Status = CycleStatus.Open,
            };
            db.Cycles.Add(cycle);
            await db.SaveChangesAsync();
            if (year == 2021)
            {
                Cycle2021 = cycle.Id;
            }
            else
            {
                Cycle2022 = cycle.Id;
            }
        }
    }

    public async Task<T> WithDbAsync<T>(Func<AssessmentDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AssessmentDbContext>(), scope.ServiceProvider);
    }

    public Task<int> NewCenterAsync(string name) => WithDbAsync(async (db, _) =>
    {
        var center = PersistenceBuilders.NewCenter(name);
        db.Centers.Add(center);
        await db.SaveChangesAsync();
        return center.Id;
    });

    /// <summary>A user in <paramref name="role"/> (bound to <paramref name="centerId"/> for center staff), signed in on a new client.</summary>
    public async Task<HttpClient> SignedInAsync(string role, int? centerId = null, Func<string, Task>? withUser = null)
    {
        const string Password = "Passw0rd-Long";
        var (userId, userName) = await WithDbAsync(async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = PersistenceBuilders.Unique("u"), DisplayName = "测试用户", CenterId = centerId };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, role));
            return (user.Id, user.UserName);
        });
        if (withUser is not null)
        {
            await withUser(userId);
        }

        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var response = await client.PostAsJsonAsync(new Uri("/api/account/login", UriKind.Relative), new { userName, password = Password });
        Assert.AreEqual(System.Net.HttpStatusCode.OK, response.StatusCode, $"login of {userName}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>
    /// A finalized 2021 inspection of the center scored from the shipped sample checklist (several items lose
    /// points), with one uploaded evidence file. Returns the assessment id and the evidence id.
    /// </summary>
    public Task<(int AssessmentId, int EvidenceId)> FinalizedInspectionAsync(int centerId, string? inspectorId = null) =>
        WithDbAsync(async (db, services) =>
        {
            var criteria = services.GetRequiredService<CriteriaRegistry>().Find("qh-demo-2021")!;
            var parsed = ChecklistJson.Parse(await File.ReadAllTextAsync(RepositoryPaths.Criteria("samples/qh-demo-2021.sample.json")), "sample");
            var card = Scorer.Score(criteria, parsed.Checklist!);
            var frozen = ScorecardRecord.Freeze(card, 2021, Clock.GetUtcNow());
            var assessment = new AssessmentRecord
            {
                Kind = AssessmentKind.Inspection,
                CenterId = centerId,
                CycleId = Cycle2021,
                Status = AssessmentStatus.Finalized,
                FinalizedAt = Clock.GetUtcNow(),
                Scorecard = frozen,
            };
            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            if (inspectorId is not null)
            {
                db.AssessmentInspectors.Add(new AssessmentInspector { AssessmentId = assessment.Id, UserId = inspectorId });
            }

            var evidence = new EvidenceFile
            {
                AssessmentId = assessment.Id,
                StoragePath = $"2021/{assessment.Id}/{Guid.NewGuid():N}.pdf",
                OriginalFileName = "整改佐证.pdf",
                ContentType = "application/pdf",
                Size = 1024,
                Sha256 = new string('b', 64),
                UploadedBy = "test",
                UploadedAt = Clock.GetUtcNow(),
            };
            db.EvidenceFiles.Add(evidence);
            await db.SaveChangesAsync();
            return (assessment.Id, evidence.Id);
        });

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.IsTrue(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(new Uri(url, UriKind.Relative), body, Json);

    public static Task<HttpResponseMessage> PutJsonAsync(HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(new Uri(url, UriKind.Relative), body, Json);

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string url) =>
        client.GetAsync(new Uri(url, UriKind.Relative));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static void Check(IdentityResult result) =>
        Assert.IsTrue(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}

/// <summary>A clock the test moves.</summary>
internal sealed class MutableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
