using Microsoft.AspNetCore.Identity;

namespace Assessment.Web.Persistence;

/// <summary>A user of the system. Center staff are bound to exactly one center.</summary>
public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    /// <summary>The name shown in the UI and the audit log, e.g. 张三.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The center a <see cref="Roles.CenterStaff"/> user works for; null for bureau users.</summary>
    public int? CenterId { get; set; }

    public Center? Center { get; set; }
}
