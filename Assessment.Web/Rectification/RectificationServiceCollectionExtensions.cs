namespace Assessment.Web.Rectification;

public static class RectificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ledger services (<see cref="LedgerService"/>, <see cref="LedgerAccess"/>,
    /// <see cref="RectificationRates"/>, <see cref="LedgerImport"/>), the options (section <c>Rectification</c>)
    /// and the ledger's own authorization policies (<see cref="RectificationPolicies"/>). The Identity cookie,
    /// including its 401/403 answers to API requests, is configured once, by <c>AddAssessmentSecurity</c>.
    /// </summary>
    public static IServiceCollection AddRectification(this IServiceCollection services)
    {
        services.AddOptions<RectificationOptions>().BindConfiguration(RectificationOptions.SectionName)
            .Validate(o => o.DueSoonDays is >= 0 and <= 365, "Rectification:DueSoonDays must be between 0 and 365.");
        services.AddMemoryCache();
        services.AddScoped<LedgerAccess>();
        services.AddScoped<LedgerService>();
        services.AddScoped<RectificationRates>();
        services.AddScoped<LedgerImport>();
        RectificationPolicies.Add(services.AddAuthorizationBuilder());
        return services;
    }
}
