using Assessment.Web.Api;
using Assessment.Web.Bureau;
using Assessment.Web.Cli;
using Assessment.Web.Criteria;
using Assessment.Web.Demo;
using Assessment.Web.OData;
using Assessment.Web.Persistence;
using Assessment.Web.Security;
using Assessment.Web.Workflow;
using Assessment.Web.Rectification;
using Assessment.Web.Reports;
using Assessment.Web.Ui;
using Microsoft.AspNetCore.Identity;

if (CommandLine.IsCommand(args))
{
    return CommandLine.Run(args, Console.Out, Console.Error);
}

// Settings files ship beside the executable; the working directory is the caller's (see the csproj).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddSingleton(_ => CriteriaRegistry.Load(builder.Configuration["Criteria:Folder"] ?? CriteriaFolder.Locate()));
builder.Services.AddAssessmentPersistence(builder.Configuration);
builder.Services.AddAssessmentWorkflow();
builder.Services.AddScoped<IDemoCyclePublisher, DemoCyclePublisher>();
builder.Services.AddIdentity<AppUser, IdentityRole>(options =>
    {
        options.Password.RequiredLength = 10;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = false;
    })
    .AddEntityFrameworkStores<AssessmentDbContext>()
    .AddDefaultTokenProviders();
builder.Services.AddAssessmentSecurity();
builder.Services.AddAssessmentApi();
builder.Services.AddRectification();
builder.Services.AddODataFeed(builder.Configuration);
builder.Services.AddReports();
builder.Services.AddAssessmentUi();
builder.Services.AddBureauPages();
// wwwroot from the build output's manifest in every environment (tests run as "Testing"); a no-op once published.
builder.WebHost.UseStaticWebAssets();

var app = builder.Build();
if (DbCommands.Handles(args))
{
    return await DbCommands.RunAsync(args, app.Services, Console.Out);
}

if (SeedCommands.Handles(args))
{
    return await SeedCommands.RunAsync(args, app.Services, Console.Out);
}

if (ReportCommands.Handles(args))
{
    return await ReportCommands.RunAsync(args, app.Services, Console.Out);
}

if (UserCommands.Handles(args))
{
    return await UserCommands.RunAsync(args, app.Services, Console.Out);
}

await app.Services.PrepareEmbeddedDatabaseAsync();
await app.Services.SeedDemoOnFirstRunAsync();
await app.Services.SweepEvidenceAsync();
app.UseAssessmentUi();
app.UseAssessmentApi();
app.MapAssessmentApi();
app.MapCriteriaApi();
app.MapRectificationApi();
app.MapODataFeed();
app.MapReportsApi();
app.MapAssessmentUi();
// Liveness probe for the load balancer: no data, so anonymous.
app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous();
app.MapDatabaseReadiness();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
