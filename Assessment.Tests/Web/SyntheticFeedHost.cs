using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Assessment.Tests.Web;

/// <summary>The application over an existing database (no first-run demo seed), for reading a seeded dataset through the feed.</summary>
internal sealed class SyntheticFeedHost(Dictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Demo:SeedOnFirstRun", "false");
        builder.UseSetting("Criteria:Folder", RepositoryPaths.CriteriaFolder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
