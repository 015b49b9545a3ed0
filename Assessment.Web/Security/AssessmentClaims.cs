using System.Globalization;
using System.Security.Claims;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Assessment.Web.Security;

/// <summary>Claims the application adds to Identity's: the center a center-staff user works for.</summary>
public static class AssessmentClaims
{
    public const string CenterId = "assessment:center";

    public const string DisplayName = "assessment:name";

    public static string? UserId(this ClaimsPrincipal user) => user?.FindFirstValue(ClaimTypes.NameIdentifier);

    public static int? CenterOf(this ClaimsPrincipal user) =>
        user?.FindFirstValue(CenterId) is { } value && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

/// <summary>Identity's principal (id, name, roles, security stamp) plus the center and display name.</summary>
internal sealed class AssessmentClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.CenterId is { } center)
        {
            identity.AddClaim(new Claim(AssessmentClaims.CenterId, center.ToString(CultureInfo.InvariantCulture)));
        }

        identity.AddClaim(new Claim(AssessmentClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
