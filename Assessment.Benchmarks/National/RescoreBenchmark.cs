using System.Diagnostics;
using System.Globalization;
using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;
using Microsoft.Data.Sqlite;

namespace Assessment.Benchmarks.National;

/// <summary>
/// Full rescore of a dataset: every stored answer is read (plain SQL on the SQLite file), turned into the engine's
/// checklists, and every assessment is scored again with <see cref="Scorer.Score"/> on one thread. Prints the load
/// time, the scoring throughput in item-answers per second, and how many totals differ from the frozen ones.
/// </summary>
internal static class RescoreBenchmark
{
    public static async Task<int> RunAsync(string folder, TextWriter output)
    {
        var load = Stopwatch.StartNew();
        var criteria = new Dictionary<string, CriteriaVersion>(StringComparer.Ordinal);
        var assessments = new List<(CriteriaVersion Criteria, decimal Frozen, List<ItemAnswer> Answers, List<VetoFinding> Vetoes)>();
        var byId = new Dictionary<int, int>();
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "assessment.db"), Mode = SqliteOpenMode.ReadOnly }.ToString()))
        {
            await connection.OpenAsync();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT a."Id", c."CriteriaVersionId", s."Total"
                    FROM "Assessments" a JOIN "Cycles" c ON c."Id" = a."CycleId" JOIN "Scorecards" s ON s."AssessmentId" = a."Id"
                    ORDER BY a."Id"
                    """;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var id = reader.GetString(1);
                    if (!criteria.TryGetValue(id, out var version))
                    {
                        version = ShippedCriteria.Load(id);
                        criteria.Add(id, version);
                    }

                    byId[reader.GetInt32(0)] = assessments.Count;
                    assessments.Add((version, (decimal)reader.GetDouble(2), new List<ItemAnswer>(48), []));
                }
            }

            await using (var command = connection.CreateCommand())
            {
                command.CommandText = """SELECT "AssessmentId", "ItemId", "Met", "Level", "Number", "NotApplicable" FROM "Answers" """;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    if (!byId.TryGetValue(reader.GetInt32(0), out var index))
                    {
                        continue;
                    }

                    assessments[index].Answers.Add(new ItemAnswer
                    {
                        ItemId = reader.GetString(1),
                        Met = reader.IsDBNull(2) ? null : reader.GetBoolean(2),
                        Level = reader.IsDBNull(3) ? null : reader.GetString(3),
                        Number = reader.IsDBNull(4) ? null : (decimal)reader.GetDouble(4),
                        NotApplicable = reader.GetBoolean(5),
                    });
                }
            }

            await using (var command = connection.CreateCommand())
            {
                command.CommandText = """SELECT "AssessmentId", "VetoId", "Note" FROM "VetoFindings" """;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    if (byId.TryGetValue(reader.GetInt32(0), out var index))
                    {
                        assessments[index].Vetoes.Add(new VetoFinding(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
                    }
                }
            }
        }

        var checklists = assessments.Select(a => (a.Criteria, a.Frozen, Checklist: new Checklist { CriteriaId = a.Criteria.Id, Answers = a.Answers, Vetoes = a.Vetoes })).ToArray();
        var itemAnswers = checklists.Sum(c => (long)c.Checklist.Answers.Count);
        load.Stop();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"loaded {checklists.Length:N0} assessments, {itemAnswers:N0} item answers in {load.Elapsed.TotalSeconds:0.0} s"));

        // Several passes: the first includes JIT and cold caches. Wall time counts the time other processes take
        // the core from us on a shared machine; CPU time (this process's) does not.
        for (var pass = 1; pass <= 4; pass++)
        {
            var mismatches = 0;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            foreach (var (version, frozen, checklist) in checklists)
            {
                var card = Scorer.Score(version, checklist);
                if (card.Total is not { } total || Math.Abs(total - frozen) > 0.000000001m)
                {
                    mismatches++;
                }
            }

            clock.Stop();
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"pass {pass}: rescored {checklists.Length:N0} assessments on one thread in {clock.Elapsed.TotalSeconds:0.000} s wall, {cpuSeconds:0.000} s CPU: "
                + $"{itemAnswers / clock.Elapsed.TotalSeconds / 1e6:0.00} M item-answers/s wall, {itemAnswers / cpuSeconds / 1e6:0.00} M per CPU second, {checklists.Length / clock.Elapsed.TotalSeconds:N0} assessments/s; "
                + $"totals differing from the frozen ones: {mismatches}"));
        }

        await output.WriteLineAsync($"load average after: {Machine.LoadAverage()}");
        return 0;
    }
}
