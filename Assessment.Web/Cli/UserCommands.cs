using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Cli;

/// <summary>
/// The <c>user</c> commands: <c>user add</c> and <c>user reset-password</c>. The password is never an
/// argument (it would stay in the shell history and the process list): it comes from the environment
/// variable <see cref="PasswordVariable"/>, else from standard input (typed without echo on a terminal).
/// </summary>
public static class UserCommands
{
    public const string PasswordVariable = "ASSESSMENT_NEW_PASSWORD";

    public const string Usage = """
        用法 (usage):
          user add --role ROLE [--center CODE] --name NAME [--display-name 显示名]
              添加用户 (add a user). ROLE: BureauAdmin 省局管理员, Inspector 考核组成员, CenterStaff 交易中心工作人员
              (须用 --center 指定交易中心编码 / requires --center), Analyst 数据分析人员
          user reset-password NAME
              重设密码并解除锁定 (set a new password and clear the lockout)
        密码从环境变量 ASSESSMENT_NEW_PASSWORD 读取，未设置时从标准输入读取；不接受命令行参数中的密码。
        (The password is read from ASSESSMENT_NEW_PASSWORD, else from standard input; never from an argument.)
        """;

    /// <summary>Whether <paramref name="args"/> is a <c>user</c> command (for the command dispatcher).</summary>
    public static bool Handles(IReadOnlyList<string> args) => args is ["user", ..];

    /// <summary>Runs a <c>user</c> command; <paramref name="args"/> starts with <c>user</c>.</summary>
    /// <returns>0 on success; 1 when refused (unknown center or user, weak password, name taken): nothing changed; 2 for bad arguments.</returns>
    public static Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output) =>
        RunAsync(args, services, output, PasswordInput.FromEnvironmentOrConsole);

    /// <param name="readPassword">Reads the new password, prompting on the writer if it must; null or empty when none is given.</param>
    internal static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, Func<TextWriter, string?> readPassword)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(readPassword);

        Func<UserManager<AppUser>, AssessmentDbContext, string, Task<string>> command;
        try
        {
            command = args switch
            {
                ["user", "add", .. var options] => AddCommand(options),
                ["user", "reset-password", var name] when !name.StartsWith("--", StringComparison.Ordinal) => (users, _, password) => ResetPasswordAsync(users, name, password),
                _ => throw new UsageException("未知的 user 命令或参数。(Unknown user command or arguments.)"),
            };
        }
        catch (UsageException e)
        {
            await output.WriteLineAsync($"错误 (error): {e.Message}").ConfigureAwait(false);
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        var password = readPassword(output);
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync($"错误 (error): 未提供密码：请设置环境变量 {PasswordVariable} 或从标准输入提供。(No password given.)").ConfigureAwait(false);
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        await services.PrepareEmbeddedDatabaseAsync().ConfigureAwait(false);
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                try
                {
                    var message = await command(users, db, password).ConfigureAwait(false);
                    await transaction.CommitAsync().ConfigureAwait(false);
                    await output.WriteLineAsync(message).ConfigureAwait(false);
                    return 0;
                }
                catch (RefusedException e)
                {
                    await output.WriteLineAsync($"错误 (error): {e.Message}").ConfigureAwait(false);
                    return 1;
                }
            }
        }
    }

    private static Func<UserManager<AppUser>, AssessmentDbContext, string, Task<string>> AddCommand(string[] options)
    {
        var values = ParseOptions(options, "--role", "--center", "--name", "--display-name");
        var roleText = values.GetValueOrDefault("--role") ?? throw new UsageException("缺少 --role。(--role is required.)");
        var name = values.GetValueOrDefault("--name") ?? throw new UsageException("缺少 --name。(--name is required.)");
        var role = Roles.All.FirstOrDefault(r =>
            string.Equals(r.Name, roleText, StringComparison.OrdinalIgnoreCase) || string.Equals(r.DisplayName, roleText, StringComparison.Ordinal))
            ?? throw new UsageException(
                $"未知的角色“{roleText}”，应为 {string.Join("、", Roles.All.Select(r => $"{r.Name}（{r.DisplayName}）"))} 之一。(Unknown role.)");
        var centerCode = values.GetValueOrDefault("--center");
        if (role.Name == Roles.CenterStaff && centerCode is null)
        {
            throw new UsageException("交易中心工作人员（CenterStaff）须用 --center 指定所属交易中心的编码。(CenterStaff requires --center.)");
        }

        if (role.Name != Roles.CenterStaff && centerCode is not null)
        {
            throw new UsageException($"只有交易中心工作人员（CenterStaff）绑定交易中心，{role.DisplayName}不能指定 --center。(Only CenterStaff take --center.)");
        }

        var displayName = values.GetValueOrDefault("--display-name") ?? name;
        if (displayName.Length > AppUser.DisplayNameMaxLength)
        {
            throw new UsageException($"显示名不能超过{AppUser.DisplayNameMaxLength}个字符。(--display-name is too long.)");
        }

        return (users, db, password) => AddAsync(users, db, role, name, displayName, centerCode, password);
    }

    private static Dictionary<string, string> ParseOptions(string[] options, params string[] known)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Length; i += 2)
        {
            var option = options[i];
            if (!known.Contains(option, StringComparer.Ordinal))
            {
                throw new UsageException($"未知的参数“{option}”。(Unknown option {option}.)");
            }

            if (i + 1 >= options.Length || string.IsNullOrWhiteSpace(options[i + 1]) || options[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"参数 {option} 缺少值。({option} needs a value.)");
            }

            if (!values.TryAdd(option, options[i + 1].Trim()))
            {
                throw new UsageException($"参数 {option} 重复。({option} is given twice.)");
            }
        }

        return values;
    }

    private static async Task<string> AddAsync(
        UserManager<AppUser> users, AssessmentDbContext db, RoleInfo role, string name, string displayName, string? centerCode, string password)
    {
        Center? center = null;
        if (centerCode is not null)
        {
            center = await db.Centers.FirstOrDefaultAsync(c => c.Code == centerCode).ConfigureAwait(false)
                ?? throw new RefusedException($"没有编码为“{centerCode}”的交易中心。(No center with code {centerCode}.)");
        }

        var user = new AppUser { UserName = name, DisplayName = displayName, CenterId = center?.Id };
        Check(users, await users.CreateAsync(user, password).ConfigureAwait(false));
        Check(users, await users.AddToRoleAsync(user, role.Name).ConfigureAwait(false));
        var where = center is null ? "" : $"，所属交易中心：{center.Name}";
        return $"已添加用户 (user added)：{name}（{displayName}），角色：{role.DisplayName}{where}。";
    }

    private static async Task<string> ResetPasswordAsync(UserManager<AppUser> users, string name, string password)
    {
        var user = await users.FindByNameAsync(name).ConfigureAwait(false)
            ?? throw new RefusedException($"没有用户名为“{name}”的用户。(No user named {name}.)");

        // Validate before touching the stored password: a refused password must leave the old one working.
        var problems = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            problems.AddRange((await validator.ValidateAsync(users, user, password).ConfigureAwait(false)).Errors);
        }

        Check(users, problems.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. problems]));
        if (await users.HasPasswordAsync(user).ConfigureAwait(false))
        {
            Check(users, await users.RemovePasswordAsync(user).ConfigureAwait(false));
        }

        Check(users, await users.AddPasswordAsync(user, password).ConfigureAwait(false));
        Check(users, await users.SetLockoutEndDateAsync(user, null).ConfigureAwait(false));
        Check(users, await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false));
        return $"已重设用户 {name} 的密码，并解除了锁定。(Password reset; lockout cleared.)";
    }

    private static void Check(UserManager<AppUser> users, IdentityResult result)
    {
        if (!result.Succeeded)
        {
            var options = users.Options;
            throw new RefusedException(string.Join(" ", result.Errors.Select(e => $"{Chinese(e, options)}。({e.Description})")));
        }
    }

    /// <summary>Identity's messages in Chinese for the errors a command can meet; others keep Identity's text.</summary>
    private static string Chinese(IdentityError error, IdentityOptions options) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => $"密码至少需要{options.Password.RequiredLength}个字符",
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "密码须包含数字",
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => "密码须包含小写字母",
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "密码须包含大写字母",
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => "密码须包含字母和数字以外的字符",
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => $"密码至少需要{options.Password.RequiredUniqueChars}个不同的字符",
        nameof(IdentityErrorDescriber.DuplicateUserName) => "用户名已被使用",
        nameof(IdentityErrorDescriber.InvalidUserName) => "用户名无效，只能包含字母、数字和 -._@+",
        _ => "操作被拒绝",
    };

    private sealed class RefusedException(string message) : Exception(message);
}

/// <summary>Where the <c>user</c> commands get a new password from.</summary>
internal static class PasswordInput
{
    /// <summary>
    /// <see cref="UserCommands.PasswordVariable"/> when set; else one line of standard input — read
    /// without echo and asked twice when standard input is a terminal.
    /// </summary>
    public static string? FromEnvironmentOrConsole(TextWriter prompt)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(UserCommands.PasswordVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine();
        }

        prompt.Write("新密码 (new password): ");
        var first = ReadHidden();
        prompt.WriteLine();
        prompt.Write("再输入一次 (again): ");
        var second = ReadHidden();
        prompt.WriteLine();
        if (first != second)
        {
            prompt.WriteLine("两次输入的密码不一致。(The passwords differ.)");
            return null;
        }

        return first;
    }

    private static string ReadHidden()
    {
        var text = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        return text.ToString();
    }
}
