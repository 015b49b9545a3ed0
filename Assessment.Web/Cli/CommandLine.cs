namespace Assessment.Web.Cli;

/// <summary>
/// The verbs of the Assessment.Web executable, handled before the web host starts:
/// <c>dotnet run --project Assessment.Web -- VERB …</c>. No arguments (or only host options such as
/// <c>--urls</c>) start the web application.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    private static readonly string[] Verbs = ["criteria", "score", "help", "--help", "-h"];

    public static string UsageText => """
        Usage: Assessment.Web [VERB ...]   (no verb: run the web application)

          criteria validate [PATH...]            validate criteria files (default: the criteria folder) against criteria.lock
          criteria diff A B                      list what changed from version A to version B (version ids or file paths)
          criteria lock [FOLDER]                 add new versions of the folder to its criteria.lock (existing lines never change)
          score --criteria FILE --checklist FILE print the scorecard of a checklist (JSON) under a criteria file
          help                                   this text
          db migrate | db backup --out FILE      see `db` (Persistence/DbCommands)
          seed demo                              demo data and demo accounts, into an empty database (Demo/SeedCommands)
          seed synthetic --centers N --years Y [--seed S]   deterministic synthetic data of any size, into an empty database (Synthetic/)
          user add --role R [--center C] --name N | user reset-password N   (Cli/UserCommands; password from ASSESSMENT_NEW_PASSWORD or stdin)

        Exit codes: 0 success; 1 the input has errors (printed); 2 bad arguments.
        """;

    /// <summary>True when the arguments name a verb this class handles (rather than web host options).</summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return args switch
            {
                ["criteria", "validate", .. var paths] => CriteriaCommands.Validate(paths, output, error),
                ["criteria", "diff", var from, var to] => CriteriaCommands.Diff(from, to, output, error),
                ["criteria", "lock"] => CriteriaCommands.Lock(null, output, error),
                ["criteria", "lock", var folder] => CriteriaCommands.Lock(folder, output, error),
                ["score", .. var options] => ScoreCommand.Run(options, output, error),
                ["help" or "--help" or "-h"] => PrintUsage(output, Ok),
                _ => PrintUsage(error, Usage),
            };
        }
        catch (UsageException ex)
        {
            error.WriteLine(ex.Message);
            return PrintUsage(error, Usage);
        }
    }

    private static int PrintUsage(TextWriter writer, int exitCode)
    {
        writer.WriteLine(UsageText);
        return exitCode;
    }
}

/// <summary>Thrown for bad arguments: the dispatcher prints the message and the usage, and exits with 2.</summary>
public sealed class UsageException(string message) : Exception(message);
