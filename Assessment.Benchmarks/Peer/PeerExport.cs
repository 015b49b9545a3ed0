using System.Text.Json;

namespace Assessment.Benchmarks.Peer;

/// <summary>The export of our feed's rows into the peer's <c>db/data</c>, and the query parameters found on the way.</summary>
public sealed record PeerExportResult(long ItemScores, long Rankings, PeerQueryParameters Parameters, TimeSpan Elapsed);

/// <summary>
/// Reads <c>ItemScores</c> and <c>Rankings</c> through our feed with a full paged extraction (so the peer gets the rows
/// exactly as the feed serves them: same scope, same projection) and writes them as CAP's CSV files
/// (<c>db/data/assessment-ItemScores.csv</c>, <c>…-Rankings.csv</c>, for the CDS namespace <c>assessment</c>).
/// </summary>
public static class PeerExport
{
    public const string CdsNamespace = "assessment";

    public static string CsvPath(string dataFolder, string set) => Path.Combine(dataFolder, $"{CdsNamespace}-{set}.csv");

    public static async Task<PeerExportResult> RunAsync(FeedEndpoint ours, HttpClient client, string dataFolder, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(ours);
        Directory.CreateDirectory(dataFolder);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var rankings = new List<(int Year, int Rank, int Id, string Center)>();
        using (var csv = PeerCsv.Create(CsvPath(dataFolder, "Rankings")))
        {
            await ours.RunAsync(client, new PeerQuery("export Rankings", PeerQueryKind.Extraction, "Rankings"), row =>
            {
                csv.WriteRow(row);
                rankings.Add((row.GetProperty("CycleYear").GetInt32(), row.GetProperty("Rank").GetInt32(), row.GetProperty("Id").GetInt32(),
                    row.GetProperty("CenterCode").GetString()!));
            }, cancellation).ConfigureAwait(false);
        }

        // The latest ranked cycle and its first center; without rankings, the latest year with item scores.
        var ranked = rankings.OrderByDescending(r => r.Year).ThenBy(r => r.Rank).ThenBy(r => r.Id).FirstOrDefault();
        int? year = rankings.Count > 0 ? ranked.Year : null;
        string? center = rankings.Count > 0 ? ranked.Center : null;
        var dimensions = new Dictionary<string, long>(StringComparer.Ordinal);
        string? item = null;
        long itemScores;
        using (var csv = PeerCsv.Create(CsvPath(dataFolder, "ItemScores")))
        {
            var answer = await ours.RunAsync(client, new PeerQuery("export ItemScores", PeerQueryKind.Extraction, "ItemScores"), row =>
            {
                csv.WriteRow(row);
                var rowYear = row.GetProperty("CycleYear").GetInt32();
                if (year is null || rowYear == year)
                {
                    var dimension = row.GetProperty("DimensionCode").GetString()!;
                    dimensions[dimension] = dimensions.GetValueOrDefault(dimension) + 1;
                }

                if (item is null && rowYear == year && row.GetProperty("CenterCode").GetString() == center)
                {
                    item = row.GetProperty("ItemId").GetString();
                }
            }, cancellation).ConfigureAwait(false);
            itemScores = answer.Rows;
        }

        if (itemScores == 0)
        {
            throw new PeerBenchmarkException("Our feed serves no ItemScores rows to this user: nothing to compare (is a cycle published?).");
        }

        if (year is null || center is null || item is null)
        {
            throw new PeerBenchmarkException("The dataset has no ranked cycle whose first center has item scores: the center-history queries need one.");
        }

        var dimensionCode = dimensions.OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).First().Key;
        return new PeerExportResult(itemScores, rankings.Count, new PeerQueryParameters(year.Value, dimensionCode, center, item), started.Elapsed);
    }
}
