using Assessment.Web.Cli;
using Assessment.Web.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Tests.Web;

/// <summary>
/// <c>user add</c> and <c>user reset-password</c> on a SQLite file holding the demo (for its centers). Each
/// test uses user names of its own.
/// </summary>
[TestClass]
public sealed class DemoUserCommandTests
{
    private const string GoodPassword = "Ganzi-Tibet-2024";

    private static string folder = "";
    private static DemoHost? host;

    private static DemoHost Host => host!;

    [ClassInitialize]
    public static async Task SeedAsync(TestContext context)
    {
        folder = Directory.CreateTempSubdirectory("assessment-users-").FullName;
        host = DemoHost.Over(TestDatabase.SqliteInDataFolder(folder));
        var (exit, output) = await host.RunAsync(["seed", "demo"]);
        Assert.AreEqual(0, exit, output);
    }

    [ClassCleanup]
    public static async Task DeleteAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [TestMethod]
    public async Task User_add_creates_center_staff_bound_to_their_center_who_can_sign_in()
    {
        var (exit, output) = await Host.RunAsync(
            ["user", "add", "--role", "CenterStaff", "--center", "QH-YS", "--name", "ys.zhuoma", "--display-name", "卓玛"], GoodPassword);

        Assert.AreEqual(0, exit, output);
        StringAssert.Contains(output, "玉树州公共资源交易中心");
        await using var scope = Host.Open();
        var user = await scope.Users.FindByNameAsync("ys.zhuoma");
        Assert.IsNotNull(user);
        Assert.AreEqual("卓玛", user.DisplayName);
        Assert.AreEqual("QH-YS", (await scope.Db.Centers.FindAsync(user.CenterId))!.Code);
        Assert.IsTrue(await scope.Users.CheckPasswordAsync(user, GoodPassword));
        CollectionAssert.AreEqual(new[] { Roles.CenterStaff }, (await scope.Users.GetRolesAsync(user)).ToArray());
    }

    [TestMethod]
    public async Task User_add_accepts_the_Chinese_role_name_and_defaults_the_display_name_to_the_user_name()
    {
        var (exit, output) = await Host.RunAsync(["user", "add", "--role", "数据分析人员", "--name", "stats.office"], GoodPassword);

        Assert.AreEqual(0, exit, output);
        await using var scope = Host.Open();
        var user = (await scope.Users.FindByNameAsync("stats.office"))!;
        Assert.AreEqual("stats.office", user.DisplayName);
        Assert.IsNull(user.CenterId);
        Assert.IsTrue(await scope.Users.IsInRoleAsync(user, Roles.Analyst));
    }

    [TestMethod]
    public async Task User_add_reads_the_password_from_ASSESSMENT_NEW_PASSWORD()
    {
        var output = new StringWriter();
        int exit;
        Environment.SetEnvironmentVariable(UserCommands.PasswordVariable, GoodPassword);
        try
        {
            exit = await UserCommands.RunAsync(["user", "add", "--role", "Inspector", "--name", "inspector.env"], Host.Services, output);
        }
        finally
        {
            Environment.SetEnvironmentVariable(UserCommands.PasswordVariable, null);
        }

        Assert.AreEqual(0, exit, output.ToString());
        await using var scope = Host.Open();
        Assert.IsTrue(await scope.Users.CheckPasswordAsync((await scope.Users.FindByNameAsync("inspector.env"))!, GoodPassword));
    }

    [TestMethod]
    [DataRow(new[] { "user", "add", "--role", "Director", "--name", "x.director" }, "未知的角色“Director”")]
    [DataRow(new[] { "user", "add", "--role", "CenterStaff", "--name", "x.nocenter" }, "须用 --center")]
    [DataRow(new[] { "user", "add", "--role", "Inspector", "--center", "QH-HB", "--name", "x.inspector" }, "不能指定 --center")]
    [DataRow(new[] { "user", "add", "--role", "Analyst" }, "缺少 --name")]
    [DataRow(new[] { "user", "add", "--name", "x.norole" }, "缺少 --role")]
    [DataRow(new[] { "user", "add", "--role", "Analyst", "--name", "x.pw", "--password", "Secret-Pass-1" }, "未知的参数“--password”")]
    [DataRow(new[] { "user", "add", "--role", "Analyst", "--name" }, "缺少值")]
    [DataRow(new[] { "user", "add", "--role", "Analyst", "--role", "Inspector", "--name", "x.twice" }, "重复")]
    [DataRow(new[] { "user", "reset-password" }, "未知的 user 命令")]
    [DataRow(new[] { "user", "delete", "admin" }, "未知的 user 命令")]
    public async Task Bad_arguments_print_the_usage_exit_2_and_change_nothing(string[] args, string message)
    {
        var before = await UserCountAsync();

        var (exit, output) = await Host.RunAsync(args, GoodPassword);

        Assert.AreEqual(2, exit, output);
        StringAssert.Contains(output, message);
        StringAssert.Contains(output, "user add --role ROLE");
        Assert.AreEqual(before, await UserCountAsync());
    }

    [TestMethod]
    public async Task User_add_without_a_password_exits_2()
    {
        var (exit, output) = await Host.RunAsync(["user", "add", "--role", "Analyst", "--name", "x.nopassword"], password: null);

        Assert.AreEqual(2, exit, output);
        StringAssert.Contains(output, UserCommands.PasswordVariable);
    }

    [TestMethod]
    public async Task User_add_with_an_unknown_center_is_refused()
    {
        var (exit, output) = await Host.RunAsync(["user", "add", "--role", "CenterStaff", "--center", "QH-GL", "--name", "x.golog"], GoodPassword);

        Assert.AreEqual(1, exit, output);
        StringAssert.Contains(output, "没有编码为“QH-GL”的交易中心");
        await using var scope = Host.Open();
        Assert.IsNull(await scope.Users.FindByNameAsync("x.golog"));
    }

    [TestMethod]
    [DataRow("short1A", "密码至少需要10个字符")]
    [DataRow("alllowercase2024", "密码须包含大写字母")]
    [DataRow("No-Digits-At-All", "密码须包含数字")]
    public async Task User_add_with_a_weak_password_is_refused_and_nothing_is_saved(string password, string message)
    {
        var before = await UserCountAsync();

        var (exit, output) = await Host.RunAsync(["user", "add", "--role", "Analyst", "--name", "x.weak"], password);

        Assert.AreEqual(1, exit, output);
        StringAssert.Contains(output, message);
        Assert.AreEqual(before, await UserCountAsync());
    }

    [TestMethod]
    public async Task User_add_with_a_name_already_taken_is_refused()
    {
        var (exit, output) = await Host.RunAsync(["user", "add", "--role", "Analyst", "--name", "admin"], GoodPassword);

        Assert.AreEqual(1, exit, output);
        StringAssert.Contains(output, "用户名已被使用");
        await using var scope = Host.Open();
        Assert.IsTrue(await scope.Users.IsInRoleAsync((await scope.Users.FindByNameAsync("admin"))!, Roles.BureauAdmin));
        Assert.IsFalse(await scope.Users.IsInRoleAsync((await scope.Users.FindByNameAsync("admin"))!, Roles.Analyst));
    }

    [TestMethod]
    public async Task Reset_password_replaces_the_password_and_clears_a_lockout()
    {
        Assert.AreEqual(0, (await Host.RunAsync(["user", "add", "--role", "Inspector", "--name", "x.locked"], "Old-Password-2021")).Exit);
        await using (var scope = Host.Open())
        {
            var user = (await scope.Users.FindByNameAsync("x.locked"))!;
            await scope.Users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1));
            Assert.IsTrue(await scope.Users.IsLockedOutAsync(user));
        }

        var (exit, output) = await Host.RunAsync(["user", "reset-password", "x.locked"], "New-Password-2022");

        Assert.AreEqual(0, exit, output);
        await using var check = Host.Open();
        var reset = (await check.Users.FindByNameAsync("x.locked"))!;
        Assert.IsTrue(await check.Users.CheckPasswordAsync(reset, "New-Password-2022"));
        Assert.IsFalse(await check.Users.CheckPasswordAsync(reset, "Old-Password-2021"));
        Assert.IsFalse(await check.Users.IsLockedOutAsync(reset));
    }

    [TestMethod]
    public async Task Reset_password_of_an_unknown_user_is_refused()
    {
        var (exit, output) = await Host.RunAsync(["user", "reset-password", "nobody"], GoodPassword);

        Assert.AreEqual(1, exit, output);
        StringAssert.Contains(output, "没有用户名为“nobody”的用户");
    }

    [TestMethod]
    public async Task Reset_password_with_a_weak_password_keeps_the_old_one()
    {
        Assert.AreEqual(0, (await Host.RunAsync(["user", "add", "--role", "Analyst", "--name", "x.keep"], "Kept-Password-2021")).Exit);

        var (exit, output) = await Host.RunAsync(["user", "reset-password", "x.keep"], "weak");

        Assert.AreEqual(1, exit, output);
        await using var scope = Host.Open();
        Assert.IsTrue(await scope.Users.CheckPasswordAsync((await scope.Users.FindByNameAsync("x.keep"))!, "Kept-Password-2021"));
    }

    [TestMethod]
    public async Task Adding_a_user_is_written_to_the_audit_log()
    {
        Assert.AreEqual(0, (await Host.RunAsync(["user", "add", "--role", "Analyst", "--name", "x.audited"], GoodPassword)).Exit);

        await using var scope = Host.Open();
        var user = (await scope.Users.FindByNameAsync("x.audited"))!;
        var entries = await scope.Db.AuditLog.Where(e => e.EntityId.Contains(user.Id)).ToListAsync();
        Assert.IsTrue(entries.Any(e => e.EntityType == nameof(AppUser) && e.Action == AuditAction.Insert));
        Assert.IsFalse(entries.Any(e => e.After != null && e.After.Contains(user.PasswordHash!, StringComparison.Ordinal)), "no password hash in the log");
    }

    private static async Task<int> UserCountAsync()
    {
        await using var scope = Host.Open();
        return await scope.Db.Users.CountAsync();
    }
}
