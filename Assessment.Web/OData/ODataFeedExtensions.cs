using System.Threading.RateLimiting;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Assessment.Web.OData;

public static class ODataFeedExtensions
{
    public const string Policy = "ODataFeed";

    /// <summary>
    /// The OData feed's services: options (section <c>OData</c>), the model, the handler, API keys, the
    /// feed's authentication scheme (Basic and API key) and authorization policy, and the per-user rate limiter.
    /// Needs the persistence and Identity registrations.
    /// </summary>
    public static IServiceCollection AddODataFeed(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ODataFeedOptions>()
            .BindConfiguration(ODataFeedOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.TimeBudget > TimeSpan.Zero && o.TimeBudget < TimeSpan.FromSeconds(600), "OData:TimeBudget must be between 0 and 600 seconds.")
            .Validate(o => o.RateLimitWindow > TimeSpan.Zero, "OData:RateLimitWindow must be positive.")
            .ValidateOnStart();
        services.AddSingleton(_ => new FeedModel(FeedSet.Discover()));
        services.AddScoped<FeedHandler>();
        services.AddScoped<ApiKeyService>();
        services.AddMemoryCache();
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, FeedAuthenticationHandler>(FeedAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(FeedAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(Roles.BureauAdmin, Roles.Analyst, Roles.CenterStaff, Roles.Inspector));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ODataFeedOptions>>().Value;
            return PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = o.RateLimitPermits,
                Window = o.RateLimitWindow,
                QueueLimit = 0,
            }));
        });
        return services;
    }

    /// <summary>
    /// <c>/odata</c> (service document, <c>$metadata</c>, sets, <c>/$count</c>; <c>$batch</c> answered 501) and
    /// <c>/api/account/api-keys</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapODataFeed(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/odata").RequireAuthorization(Policy).AddEndpointFilter(GuardAsync);
        group.MapGet("/", (HttpContext context, FeedHandler handler) => handler.HandleAsync(context, ""));
        group.MapGet("/{**path}", (HttpContext context, FeedHandler handler, string? path) => handler.HandleAsync(context, path));
        group.MapPost("/$batch", () => Task.FromException(FeedQueryException.NotSupported("$batch 批量请求")));
        app.MapApiKeyEndpoints();
        return app;
    }

    // Limits checked before the handler runs, and the feed's errors written as OData error bodies.
    private static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var options = context.RequestServices.GetRequiredService<IOptions<ODataFeedOptions>>().Value;
        try
        {
            if (context.Request.GetEncodedUrl().Length > options.MaxUrlLength)
            {
                throw new FeedQueryException(StatusCodes.Status414UriTooLong, "UriTooLong", $"请求地址超过 {options.MaxUrlLength} 个字符。");
            }

            var limiter = context.RequestServices.GetRequiredService<PartitionedRateLimiter<string>>();
            using var lease = limiter.AttemptAcquire(context.User.Identity?.Name ?? "");
            if (!lease.IsAcquired)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.RateLimitWindow.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                throw new FeedQueryException(StatusCodes.Status429TooManyRequests, "TooManyRequests", "请求过于频繁，请稍后再试。");
            }

            await next(invocation);
        }
        catch (FeedQueryException e) when (!context.Response.HasStarted)
        {
            await FeedResponses.ErrorAsync(context, e.Status, e.Code, e.Message);
        }

        return Results.Empty;
    }
}
