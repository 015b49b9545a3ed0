namespace Assessment.Web.Persistence;

/// <summary>The roles, as stored in Identity (seeded by the migrations), with their Chinese names.</summary>
public static class Roles
{
    /// <summary>省局管理员: administers cycles, criteria, users; finalizes and publishes.</summary>
    public const string BureauAdmin = "BureauAdmin";

    /// <summary>考核组成员: edits the inspections assigned to them.</summary>
    public const string Inspector = "Inspector";

    /// <summary>交易中心工作人员: edits the own center's self-assessment.</summary>
    public const string CenterStaff = "CenterStaff";

    /// <summary>数据分析人员: reads published results.</summary>
    public const string Analyst = "Analyst";

    public static IReadOnlyList<RoleInfo> All { get; } =
    [
        new(BureauAdmin, "省局管理员"),
        new(Inspector, "考核组成员"),
        new(CenterStaff, "交易中心工作人员"),
        new(Analyst, "数据分析人员"),
    ];

    /// <summary>The Chinese name of a role, or the role itself when unknown.</summary>
    public static string DisplayName(string role) =>
        All.FirstOrDefault(r => r.Name == role)?.DisplayName ?? role;
}

public sealed record RoleInfo(string Name, string DisplayName);
