using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Assessment.Web.Rectification;

public static class RectificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ledger services (<see cref="LedgerService"/>, <see cref="LedgerAccess"/>,
    /// <see cref="RectificationRates"/>, <see cref="LedgerImport"/>), the options (section <c>Rectification</c>)
    /// and the authorization policies (<see cref="RectificationPolicies"/>). Also makes the Identity cookie answer
    /// API requests (<c>/api/…</c>) with 401/403 instead of redirecting to a login page.
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

        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
        {
            var toLogin = options.Events.OnRedirectToLogin;
            var toDenied = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToLogin = context => IsApi(context.Request) ? Status(context.Response, 401) : toLogin(context);
            options.Events.OnRedirectToAccessDenied = context => IsApi(context.Request) ? Status(context.Response, 403) : toDenied(context);
        });
        return services;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
