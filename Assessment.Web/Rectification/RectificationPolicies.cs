using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Authorization;

namespace Assessment.Web.Rectification;

/// <summary>
/// The authorization policies of the ledger API, by role name. They say who may call an endpoint at all;
/// <see cref="LedgerAccess"/> then checks the center (center staff: their own; inspectors: centers they are
/// assigned to).
/// </summary>
public static class RectificationPolicies
{
    /// <summary>Read a center's ledger and its progress.</summary>
    public const string Read = "Rectification.Read";

    /// <summary>Raise, edit and drop findings (problems and aspects).</summary>
    public const string EditFindings = "Rectification.EditFindings";

    /// <summary>Maintain the actions: plan, status, evidence; import a ledger.</summary>
    public const string EditActions = "Rectification.EditActions";

    /// <summary>Verify: close (销号) or send back (退回).</summary>
    public const string Verify = "Rectification.Verify";

    /// <summary>Province-wide progress of a cycle.</summary>
    public const string ProvinceProgress = "Rectification.ProvinceProgress";

    internal static void Add(AuthorizationBuilder builder) => builder
        .AddPolicy(Read, p => p.RequireRole(Roles.BureauAdmin, Roles.Inspector, Roles.CenterStaff, Roles.Analyst))
        .AddPolicy(EditFindings, p => p.RequireRole(Roles.BureauAdmin, Roles.Inspector, Roles.CenterStaff))
        .AddPolicy(EditActions, p => p.RequireRole(Roles.BureauAdmin, Roles.CenterStaff))
        .AddPolicy(Verify, p => p.RequireRole(Roles.BureauAdmin))
        .AddPolicy(ProvinceProgress, p => p.RequireRole(Roles.BureauAdmin, Roles.Analyst));
}
