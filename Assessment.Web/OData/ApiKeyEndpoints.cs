using Assessment.Web.Security;
using System.Security.Claims;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.OData;

/// <summary>
/// <c>/api/account/api-keys</c>: the signed-in user creates, lists and revokes their own API keys for the
/// feed. The key's text is in the creation response only.
/// </summary>
internal static class ApiKeyEndpoints
{
    public sealed record CreateApiKey(string? Name);

    public sealed record CreatedApiKey(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, string Key);

    public static void MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/account/api-keys").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapDelete("/{id:int}", RevokeAsync);
    }

    private static async Task<Ok<List<ApiKeyInfo>>> ListAsync(ClaimsPrincipal user, ApiKeyService keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.ListAsync(UserId(user), cancellationToken));

    private static async Task<Results<Created<CreatedApiKey>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateApiKey request, ClaimsPrincipal user, ApiKeyService keys, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > ApiKey.NameMaxLength)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["name"] = [$"请填写密钥名称（1–{ApiKey.NameMaxLength} 个字符）。"] },
                title: "API 密钥名称无效。");
        }

        if (await keys.CreateAsync(UserId(user), name, cancellationToken) is not var (key, secret))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: ApiKeyService.LimitMessage);
        }

        return TypedResults.Created($"/api/account/api-keys/{key.Id}", new CreatedApiKey(key.Id, key.Name, key.Prefix, key.CreatedAt, secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        int id, ClaimsPrincipal user, ApiKeyService keys, CancellationToken cancellationToken)
    {
        if (!await keys.RevokeAsync(UserId(user), id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"API 密钥 {id} 不存在。");
        }

        return TypedResults.NoContent();
    }

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authorized request has a user id.");
}
