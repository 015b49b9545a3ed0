using System.Text.Json.Serialization;
using Assessment.Web.Security;

namespace Assessment.Web.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>ProblemDetails with one exception handler, enums as names in JSON, and the OpenAPI document.</summary>
    public static IServiceCollection AddAssessmentApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

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
        app.UseAuthentication();
        app.UseAuthorization();
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
