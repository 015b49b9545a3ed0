using Assessment.Web.Persistence;

namespace Assessment.Web.Bureau;

/// <summary>The policies of the bureau's and the results pages beyond <see cref="Security.Policies"/>.</summary>
public static class BureauPolicies
{
    /// <summary>The results pages (<c>/results</c>): the bureau and analysts; center staff and inspectors have their own pages.</summary>
    public const string ResultsPages = "Bureau.ResultsPages";
}

public static class BureauServiceCollectionExtensions
{
    /// <summary>The queries behind the bureau's pages (<c>/bureau/…</c>) and the results pages (<c>/results</c>), and <see cref="BureauPolicies"/>.</summary>
    public static IServiceCollection AddBureauPages(this IServiceCollection services)
    {
        services.AddScoped<BureauQueries>();
        services.AddAuthorizationBuilder().AddPolicy(BureauPolicies.ResultsPages, p => p
            .RequireAuthenticatedUser()
            .RequireRole(Roles.BureauAdmin, Roles.Analyst));
        return services;
    }
}
