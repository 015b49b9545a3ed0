using System.Text.Json.Serialization;
using Assessment.Web.Security;

namespace Assessment.Web.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>ProblemDetails with one exception handler, enums as names in JSON, and the OpenAPI document.</summary>
    public static IServiceCollection AddAssessmentApi(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ChineseTitles.Apply);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddOptions<ApiLimitsOptions>().BindConfiguration(ApiLimitsOptions.SectionName);
        services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>().Configure<Microsoft.Extensions.Options.IOptions<ApiLimitsOptions>>((options, limits) =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));

            // Hostile bodies: text the database or a document cannot hold faithfully, a key given twice (which value
            // was meant?), nesting far deeper than any request of this API.
            options.SerializerOptions.Converters.Add(new SafeTextJsonConverter());
            options.SerializerOptions.AllowDuplicateProperties = false;
            options.SerializerOptions.MaxDepth = limits.Value.MaxJsonDepth;
        });

        // Bad JSON, a missing body or a wrong route value become exceptions the handler turns into ProblemDetails.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOpenApi("v1");
        return services;
    }

    /// <summary>
    /// The request pipeline in front of the endpoints: ProblemDetails for exceptions and bare status codes,
    /// authentication, authorization, then idempotent writes (which need the user).
    /// </summary>
    public static WebApplication UseAssessmentApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        // A body of the wrong type or a wrong method is answered as such (415, 405), also to anonymous callers
        // (the login), instead of the fallback policy's 401: the framework's endpoints for these carry no policy.
        app.Use((context, next) => context.GetEndpoint() is { DisplayName: "415 HTTP Unsupported Media Type" or "405 HTTP Method Not Supported", RequestDelegate: { } reject }
            ? reject(context)
            : next(context));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<JsonBodyLimitMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }

    /// <summary>Maps the account, assessment and cycle APIs and the OpenAPI document.</summary>
    public static WebApplication MapAssessmentApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapAccountApi();
        app.MapAssessmentEndpoints();
        app.MapCycleApi();

        // The API description has no data in it; integrators read it before they have an account.
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
