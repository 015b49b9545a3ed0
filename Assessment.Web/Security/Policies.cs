using Assessment.Web.Persistence;

namespace Assessment.Web.Security;

/// <summary>
/// The named authorization policies. Every endpoint names one (or is anonymous with a reason); the
/// resource rules in <see cref="AccessRules"/> then decide for the particular assessment or cycle.
/// </summary>
public static class Policies
{
    /// <summary>省局管理员 only: creates cycles and assessments, finalizes, amends, publishes.</summary>
    public const string BureauAdmin = "BureauAdmin";

    /// <summary>考核组成员 only.</summary>
    public const string Inspector = "Inspector";

    /// <summary>交易中心工作人员 bound to a center.</summary>
    public const string CenterStaff = "CenterStaff";

    /// <summary>数据分析人员 only.</summary>
    public const string Analyst = "Analyst";

    /// <summary>Anyone who works on checklists: bureau, inspectors, center staff (which ones: <see cref="AccessRules"/>).</summary>
    public const string ChecklistUser = "ChecklistUser";

    /// <summary>Anyone who may read published results: every role.</summary>
    public const string ResultsReader = "ResultsReader";

    /// <summary>Any signed-in user (their own account).</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>The roles each policy admits (a center-staff user must also be bound to a center).</summary>
    public static IReadOnlyDictionary<string, string[]> RolesOf { get; } = new Dictionary<string, string[]>
    {
        [BureauAdmin] = [Roles.BureauAdmin],
        [Inspector] = [Roles.Inspector],
        [CenterStaff] = [Roles.CenterStaff],
        [Analyst] = [Roles.Analyst],
        [ChecklistUser] = [Roles.BureauAdmin, Roles.Inspector, Roles.CenterStaff],
        [ResultsReader] = [Roles.BureauAdmin, Roles.Inspector, Roles.CenterStaff, Roles.Analyst],
    };
}
