using System.Security.Claims;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Assessment.Web.Security;

/// <summary>Sign-in for the API with the same Identity cookie as the UI: login, logout, who am I.</summary>
public static class AccountApi
{
    public static RouteGroupBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/account").WithTags("账户");

        // Signing in is what an anonymous caller has to be able to do.
        group.MapPost("/login", LoginAsync).AllowAnonymous();
        group.MapPost("/logout", LogoutAsync).RequireAuthorization(Policies.SignedIn);
        group.MapGet("/me", Me).RequireAuthorization(Policies.SignedIn);
        return group;
    }

    public sealed record LoginRequest(string? UserName, string? Password);

    public sealed record AccountInfo(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, int? CenterId);

    internal static async Task<Results<Ok<AccountInfo>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, SignInManager<AppUser> signIn, UserManager<AppUser> users)
    {
        if (string.IsNullOrWhiteSpace(request?.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "请输入用户名和密码。",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["userName"] = ["必填。"], ["password"] = ["必填。"] } });
        }

        var user = await users.FindByNameAsync(request.UserName.Trim());
        if (user is null)
        {
            return Unauthorized("用户名或密码错误。");
        }

        var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return Unauthorized("登录失败次数过多，账户已暂时锁定，请稍后再试或联系管理员。");
        }

        if (!result.Succeeded)
        {
            return Unauthorized(result.IsNotAllowed ? "该账户不允许登录。" : "用户名或密码错误。");
        }

        var roles = await users.GetRolesAsync(user);
        return TypedResults.Ok(new AccountInfo(user.Id, user.UserName ?? "", user.DisplayName, [.. roles.Order(StringComparer.Ordinal)], user.CenterId));
    }

    internal static async Task<NoContent> LogoutAsync(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    internal static Ok<AccountInfo> Me(ClaimsPrincipal user) => TypedResults.Ok(new AccountInfo(
        user.UserId() ?? "",
        user.Identity?.Name ?? "",
        user.FindFirstValue(AssessmentClaims.DisplayName) ?? "",
        [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal)],
        user.CenterOf()));

    private static ProblemHttpResult Unauthorized(string title) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: title);
}
