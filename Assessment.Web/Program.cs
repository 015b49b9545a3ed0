using Assessment.Web.Cli;
using Assessment.Web.Criteria;

if (CommandLine.IsCommand(args))
{
    return CommandLine.Run(args, Console.Out, Console.Error);
}

// Settings files ship beside the executable; the working directory is the caller's (see the csproj).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddSingleton(_ => CriteriaRegistry.Load(builder.Configuration["Criteria:Folder"] ?? CriteriaFolder.Locate()));

var app = builder.Build();
app.MapCriteriaApi();
app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
