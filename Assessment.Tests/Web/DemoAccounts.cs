using Assessment.Web.Demo;

namespace Assessment.Tests.Web;

/// <summary>
/// The accounts the demo seed writes (<see cref="DemoData.Accounts"/>): one place for every test that signs in as
/// them, so a password changed in the seed is changed for the tests too.
/// </summary>
internal static class DemoAccounts
{
    public const string Admin = "admin";
    public const string InspectorWang = "inspector.wang";
    public const string InspectorLi = "inspector.li";
    public const string Haibei = "haibei";
    public const string Xining = "xining";
    public const string Analyst = "analyst";

    public static readonly string AdminPassword = PasswordOf(Admin);
    public static readonly string InspectorWangPassword = PasswordOf(InspectorWang);
    public static readonly string InspectorLiPassword = PasswordOf(InspectorLi);
    public static readonly string HaibeiPassword = PasswordOf(Haibei);
    public static readonly string XiningPassword = PasswordOf(Xining);
    public static readonly string AnalystPassword = PasswordOf(Analyst);

    public static string PasswordOf(string userName) => DemoData.Accounts.Single(a => a.UserName == userName).Password;
}
