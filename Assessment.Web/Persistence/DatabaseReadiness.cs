using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Persistence;

public static class DatabaseReadiness
{
    /// <summary>
    /// <c>GET /healthz/ready</c>: "ready" when the database answers a query on a real table; otherwise the
    /// exception handler's 503 (ProblemDetails, Retry-After). Anonymous and without data, like <c>/healthz</c>,
    /// which stays a pure liveness probe.
    /// </summary>
    public static IEndpointConventionBuilder MapDatabaseReadiness(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz/ready", async (AssessmentDbContext db, CancellationToken cancellationToken) =>
        {
            await db.Cycles.AsNoTracking().Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
            return Results.Text("ready");
        }).AllowAnonymous().ExcludeFromDescription();
}
