using Assessment.Web.Persistence;
using Assessment.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace Assessment.Web.Rectification;

/// <summary>
/// The authorization policies of the ledger API. They say who may call an endpoint at all; <see cref="LedgerAccess"/>
/// then checks the center (center staff: their own; inspectors: centers they are assigned to). Where a role set
/// already has a name in <see cref="Policies"/>, the ledger uses it; only the two role sets the rest of the
/// application does not need are registered here.
/// </summary>
public static class RectificationPolicies
{
    /// <summary>Read a center's ledger and its progress: every role (<see cref="Policies.ResultsReader"/>).</summary>
    public const string Read = Policies.ResultsReader;

    /// <summary>Raise, edit and drop findings: bureau, inspectors, center staff (<see cref="Policies.ChecklistUser"/>).</summary>
    public const string EditFindings = Policies.ChecklistUser;

    /// <summary>Maintain the actions: plan, status, evidence; import a ledger. The bureau and center staff.</summary>
    public const string EditActions = "Rectification.EditActions";

    /// <summary>Verify: close (销号) or send back (退回). The bureau only (<see cref="Policies.BureauAdmin"/>).</summary>
    public const string Verify = Policies.BureauAdmin;

    /// <summary>Province-wide progress of a cycle: the bureau and analysts.</summary>
    public const string ProvinceProgress = "Rectification.ProvinceProgress";

    internal static void Add(AuthorizationBuilder builder) => builder
        .AddPolicy(EditActions, p => p.RequireAuthenticatedUser().RequireRole(Roles.BureauAdmin, Roles.CenterStaff))
        .AddPolicy(ProvinceProgress, p => p.RequireAuthenticatedUser().RequireRole(Roles.BureauAdmin, Roles.Analyst));
}
