using System.Security.Claims;

namespace Assessment.Web.Persistence;

/// <summary>
/// Who is making the change being saved: stamped on rows and written to the audit log. The web app
/// uses the signed-in user; commands and tests register a <see cref="FixedActor"/>.
/// </summary>
public interface ICurrentActor
{
    /// <summary>The user's id, or null for the system or a command run without a user.</summary>
    string? UserId { get; }

    /// <summary>A name for people reading the audit log, e.g. the user name or <c>system</c>.</summary>
    string Name { get; }
}

public sealed record FixedActor(string? UserId, string Name) : ICurrentActor
{
    public static FixedActor System { get; } = new(null, "system");
}

/// <summary>The signed-in user of the current request, or <see cref="FixedActor.System"/> outside a request.</summary>
internal sealed class HttpContextActor(IHttpContextAccessor accessor) : ICurrentActor
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    public string? UserId => User?.FindFirstValue(ClaimTypes.NameIdentifier);

    public string Name => User?.Identity?.Name ?? FixedActor.System.Name;
}
