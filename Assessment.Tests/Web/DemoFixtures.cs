using Assessment.Scoring.Criteria;
using Assessment.Scoring.Cycles;
using Assessment.Scoring.Scoring;
using Assessment.Web.Cli;
using Assessment.Web.Criteria;
using Assessment.Web.Demo;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Assessment.Web.Workflow;
using Assessment.Web.Rectification;

namespace Assessment.Tests.Web;

/// <summary>
/// What the demo seed and the user commands need from the application, over a <see cref="TestDatabase"/>:
/// its registrations plus the criteria registry of the repository's <c>criteria/</c> folder and the password
/// policy of Program.cs (at least 10 characters, digits and both cases, no symbol required).
/// </summary>
internal sealed class DemoHost : IAsyncDisposable
{
    private static readonly Lazy<CriteriaRegistry> Registry = new(() => CriteriaRegistry.Load(RepositoryPaths.CriteriaFolder));

    private readonly TestDatabase database;
    private readonly ServiceProvider services;

    private DemoHost(TestDatabase database, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? configure)
    {
        this.database = database;
        IServiceCollection collection = new ServiceCollection();
        foreach (var descriptor in database.Services)
        {
            collection.Add(descriptor);
        }

        var original = (IConfiguration)database.Services.Single(d => d.ServiceType == typeof(IConfiguration)).ImplementationInstance!;
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddConfiguration(original)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Rectification:RateItems:qh-demo:0"] = "E6" }) // as appsettings.json
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build());
        collection.AddSingleton(Registry.Value);
        collection.AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Testing" });
        collection.AddAssessmentWorkflow();
        collection.AddRectification();
        collection.Configure<IdentityOptions>(options =>
        {
            options.Password.RequiredLength = 10;
            options.Password.RequireNonAlphanumeric = false;
        });
        configure?.Invoke(collection);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public IServiceProvider Services => services;

    public static CriteriaRegistry Criteria => Registry.Value;

    public static DemoHost Over(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null) =>
        new(database, settings, configure);

    /// <summary>A new scope with its context and user manager.</summary>
    public DemoScope Open() => new(services.CreateAsyncScope());

    /// <summary>Runs <c>seed …</c> or <c>user …</c> as the executable would; the password, when given, as typed on standard input.</summary>
    public async Task<(int Exit, string Output)> RunAsync(string[] args, string? password = null)
    {
        var output = new StringWriter();
        var exit = SeedCommands.Handles(args)
            ? await SeedCommands.RunAsync(args, services, output)
            : await UserCommands.RunAsync(args, services, output, _ => password);
        return (exit, output.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
    }
}

internal sealed class DemoScope(AsyncServiceScope scope) : IAsyncDisposable
{
    public AssessmentDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();

    public UserManager<AppUser> Users { get; } = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

    public T Get<T>()
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

/// <summary>Reads a seeded year back from the database and scores it with the engine, as publishing would.</summary>
internal static class DemoCycleReader
{
    public sealed record Scored(AssessmentRecord Assessment, Center Center, Scorecard Card);

    public static async Task<(AssessmentCycle Cycle, List<AssessmentRecord> Assessments)> LoadAsync(AssessmentDbContext db, int year)
    {
        var cycle = await db.Cycles.Include(c => c.CriteriaVersion).SingleAsync(c => c.Year == year);
        var assessments = await db.Assessments
            .Where(a => a.CycleId == cycle.Id)
            .Include(a => a.Center)
            .Include(a => a.Answers)
            .Include(a => a.VetoFindings)
            .Include(a => a.Inspectors)
            .Include(a => a.Scorecard!.Dimensions)
            .AsSplitQuery()
            .ToListAsync();
        return (cycle, assessments);
    }

    public static Scorecard Rescore(CriteriaVersion criteria, AssessmentRecord assessment) =>
        Scorer.Score(criteria, assessment.ToChecklist(criteria.Id));

    /// <summary>
    /// The cycle analysis over the finalized inspections, each scored again from its stored answers, with the
    /// self-assessments alongside; center ids are the center codes.
    /// </summary>
    public static CycleAnalysis Analyze(CriteriaVersion criteria, IEnumerable<AssessmentRecord> assessments)
    {
        var byCenter = assessments.Where(a => a.Status == AssessmentStatus.Finalized).GroupBy(a => a.Center!);
        var results = byCenter.Select(g =>
        {
            var inspection = g.Single(a => a.Kind == AssessmentKind.Inspection);
            var self = g.SingleOrDefault(a => a.Kind == AssessmentKind.SelfAssessment);
            return new CenterResult(g.Key.Code, g.Key.Name, Rescore(criteria, inspection), self is null ? null : Rescore(criteria, self));
        }).ToList();
        return CycleAnalyzer.Analyze(criteria, results);
    }

    /// <summary>The circular's short name of a center: 海北州公共资源交易中心 → 海北州.</summary>
    public static string Short(string centerName) => centerName.Replace("公共资源交易中心", "", StringComparison.Ordinal);
}
