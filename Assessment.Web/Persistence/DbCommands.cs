namespace Assessment.Web.Persistence;

/// <summary>The <c>db</c> commands: <c>db migrate</c> and <c>db backup --out FILE</c>.</summary>
public static class DbCommands
{
    public const string Usage = """
        用法 (usage):
          db migrate              应用全部数据库迁移 (apply all migrations)
          db backup --out FILE    在线备份嵌入式 SQLite 数据库 (online backup of the embedded SQLite database)
        """;

    /// <summary>Whether <paramref name="args"/> is a <c>db</c> command (for the command dispatcher).</summary>
    public static bool Handles(IReadOnlyList<string> args) => args is ["db", ..];

    /// <summary>Runs a <c>db</c> command; <paramref name="args"/> starts with <c>db</c>.</summary>
    /// <returns>0 on success, 1 when the command failed, 2 for bad arguments (with the usage printed).</returns>
    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);

        Func<DatabaseMaintenance, Task<string>>? command = args switch
        {
            ["db", "migrate"] => async m =>
            {
                await m.MigrateAsync().ConfigureAwait(false);
                return "数据库已迁移到最新版本。(Database migrated.)";
            },
            ["db", "backup", "--out", var file] when !string.IsNullOrWhiteSpace(file) => async m =>
                $"已备份到 (backed up to) {await m.BackupSqliteAsync(file).ConfigureAwait(false)}",
            _ => null,
        };

        if (command is null)
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            try
            {
                var message = await command(scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>()).ConfigureAwait(false);
                await output.WriteLineAsync(message).ConfigureAwait(false);
                return 0;
            }
            catch (InvalidOperationException e)
            {
                await output.WriteLineAsync($"错误 (error): {e.Message}").ConfigureAwait(false);
                return 1;
            }
        }
    }
}
