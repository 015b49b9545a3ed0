using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Assessment.Web.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Where the UI's login page lives; API requests get 401/403 instead of a redirect.</summary>
    public const string LoginPath = "/account/login";

    public const string CookieName = "Assessment.Auth";

    /// <summary>
    /// The Identity cookie (shared by the UI and the API; call after <c>AddIdentity</c>), the center claim,
    /// and the named policies of <see cref="Policies"/>. A request without a policy is refused (fallback
    /// policy: signed in), so a forgotten declaration fails closed.
    /// </summary>
    public static IServiceCollection AddAssessmentSecurity(this IServiceCollection services)
    {
        services.AddScoped<IUserClaimsPrincipalFactory<AppUser>, AssessmentClaimsFactory>();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = LoginPath;
            options.AccessDeniedPath = "/account/denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => StatusOrRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => StatusOrRedirect(context, StatusCodes.Status403Forbidden);
        });

        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.SignedIn, policy => policy.RequireAuthenticatedUser());
        foreach (var (name, roles) in Policies.RolesOf)
        {
            authorization.AddPolicy(name, policy =>
            {
                policy.RequireAuthenticatedUser().RequireRole(roles);
                if (name == Policies.CenterStaff)
                {
                    policy.RequireClaim(AssessmentClaims.CenterId);
                }
            });
        }

        return services;
    }

    private static Task StatusOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
