using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;

namespace Assessment.Web.Cli;

/// <summary><c>score --criteria FILE --checklist FILE.json</c>: prints the scorecard as JSON.</summary>
internal static class ScoreCommand
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static int Run(string[] options, TextWriter output, TextWriter error)
    {
        string? criteriaPath = null, checklistPath = null;
        for (var i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--criteria" when i + 1 < options.Length:
                    criteriaPath = options[++i];
                    break;
                case "--checklist" when i + 1 < options.Length:
                    checklistPath = options[++i];
                    break;
                default:
                    throw new UsageException($"score: unexpected argument '{options[i]}'.");
            }
        }

        if (criteriaPath is null || checklistPath is null)
        {
            throw new UsageException("score: both --criteria FILE and --checklist FILE are required.");
        }

        foreach (var path in new[] { criteriaPath, checklistPath })
        {
            if (!File.Exists(path))
            {
                error.WriteLine($"No such file: {path}");
                return CommandLine.Failed;
            }
        }

        var criteria = CriteriaParser.Parse(File.ReadAllText(criteriaPath), criteriaPath);
        var checklist = ChecklistJson.Parse(File.ReadAllText(checklistPath), checklistPath);
        foreach (var problem in criteria.Errors.Select(e => e.ToString()).Concat(checklist.Errors))
        {
            error.WriteLine(problem);
        }

        if (criteria.Version is null || !checklist.Succeeded)
        {
            return CommandLine.Failed;
        }

        var scorecard = Scorer.Score(criteria.Version, checklist.Checklist!);
        output.WriteLine(JsonSerializer.Serialize(scorecard, JsonOptions));
        if (!scorecard.IsComplete)
        {
            error.WriteLine($"The checklist is incomplete or has problems: {scorecard.Completeness.Unanswered.Count} unanswered, {scorecard.Problems.Count} problem(s); no total is given.");
            return CommandLine.Failed;
        }

        return CommandLine.Ok;
    }
}
