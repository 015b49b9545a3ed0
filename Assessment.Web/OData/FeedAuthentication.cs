using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Assessment.Web.OData;

/// <summary>
/// Authentication for the feed, in the forms Excel and Power BI offer for a self-hosted server: HTTP Basic
/// with the user's account (the Identity password check, with its lockout), and a personal API key in
/// the <c>api_key</c> query parameter (Power BI's "Web API" credential) or the <c>X-Api-Key</c> header.
/// Credentials are refused over plain HTTP except from the same machine (loopback).
/// </summary>
internal sealed class FeedAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    ApiKeyService apiKeys,
    IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ODataFeed";
    public const string ApiKeyHeader = "X-Api-Key";
    private const string Realm = "Assessment OData";
    private const string FailureKey = "ODataFeed.Failure";
    private static readonly TimeSpan VerifiedPasswordLifetime = TimeSpan.FromMinutes(5);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[ApiKeyHeader].FirstOrDefault() ?? Request.Query[FeedHandler.ApiKeyParameter].FirstOrDefault();
        var authorization = Request.Headers.Authorization.FirstOrDefault();
        var basic = authorization is not null && authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) ? authorization[6..].Trim() : null;
        if (key is null && basic is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!Request.IsHttps && !IsLoopback(Context.Connection.RemoteIpAddress))
        {
            return Fail("数据源只接受 HTTPS 连接（本机访问除外）：请使用 https:// 开头的地址。");
        }

        AppUser? user;
        if (key is not null)
        {
            user = await apiKeys.AuthenticateAsync(key, Context.RequestAborted);
            if (user is null)
            {
                return Fail("API 密钥无效或已撤销。");
            }

            if (await users.IsLockedOutAsync(user))
            {
                return Fail("账号已被锁定，API 密钥暂不可用。");
            }
        }
        else
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(basic!));
            }
            catch (FormatException)
            {
                return Fail("Authorization 头格式错误。");
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            user = colon > 0 ? await users.FindByNameAsync(decoded[..colon]) : null;
            if (user is null)
            {
                return Fail("用户名或密码错误。");
            }

            if (await users.IsLockedOutAsync(user))
            {
                return Fail("账号已被临时锁定，请稍后再试。");
            }

            // Power BI sends the password with every page: the deliberately slow password hash is checked once,
            // then remembered for a few minutes by a hash of user, password and security stamp (a password
            // change changes the stamp, so the old password stops working at once).
            var password = decoded[(colon + 1)..];
            var verified = "odata-basic:" + ApiKeyService.Hash(user.Id + "\n" + user.SecurityStamp + "\n" + password);
            if (!cache.TryGetValue(verified, out _))
            {
                var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
                if (!check.Succeeded)
                {
                    return Fail(check.IsLockedOut ? "账号已被临时锁定，请稍后再试。" : "用户名或密码错误。");
                }

                cache.Set(verified, true, VerifiedPasswordLifetime);
            }
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.UserName ?? user.Id),
        };
        claims.AddRange((await users.GetRolesAsync(user)).Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private AuthenticateResult Fail(string message)
    {
        Context.Items[FailureKey] = message;
        return AuthenticateResult.Fail(message);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // Excel and Power BI ask for credentials when challenged with Basic.
        Response.Headers[HeaderNames.WWWAuthenticate] = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        var message = Context.Items[FailureKey] as string ?? "请提供用户名和密码（Basic）或 API 密钥。";
        return FeedResponses.ErrorAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized", message);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        FeedResponses.ErrorAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "您的账号无权读取数据源。");

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);
}
