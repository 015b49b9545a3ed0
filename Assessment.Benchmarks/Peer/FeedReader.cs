using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Assessment.Benchmarks.Peer;

/// <summary>What one query returned: the row keys in order (pages, extraction) or the number (<c>$count</c>), and the pages read.</summary>
public sealed record FeedAnswer(IReadOnlyList<int> Ids, long Count, int Pages, TimeSpan Elapsed)
{
    /// <summary>Rows for a page or an extraction; the counted number for <c>$count</c>.</summary>
    public long Rows => Count;
}

/// <summary>One OData server as the benchmark sees it: its service root and the Authorization header it needs (if any).</summary>
public sealed class FeedEndpoint(string name, Uri serviceRoot, AuthenticationHeaderValue? authorization)
{
    public string Name { get; } = name;

    public Uri ServiceRoot { get; } = serviceRoot;

    /// <summary>Runs one query with <paramref name="client"/> and reads the whole answer (every page for an extraction).</summary>
    /// <param name="onRow">Called with each row of each page (the export uses it); null to only collect the keys.</param>
    public async Task<FeedAnswer> RunAsync(HttpClient client, PeerQuery query, Action<JsonElement>? onRow = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        var watch = Stopwatch.StartNew();
        var uri = new Uri(ServiceRoot, query.RelativeUrl);
        if (query.Kind == PeerQueryKind.Count)
        {
            var text = await GetAsync(client, uri, cancellation).ConfigureAwait(false);
            var count = long.Parse(System.Text.Encoding.UTF8.GetString(text).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
            return new FeedAnswer([], count, 1, watch.Elapsed);
        }

        var ids = new List<int>();
        var pages = 0;
        Uri? next = uri;
        while (next is not null)
        {
            var body = await GetAsync(client, next, cancellation).ConfigureAwait(false);
            pages++;
            using var json = JsonDocument.Parse(body);
            foreach (var row in json.RootElement.GetProperty("value").EnumerateArray())
            {
                ids.Add(row.GetProperty("Id").GetInt32());
                onRow?.Invoke(row);
            }

            next = query.Kind == PeerQueryKind.Extraction && json.RootElement.TryGetProperty("@odata.nextLink", out var link)
                ? new Uri(next, link.GetString()!)
                : null;
        }

        return new FeedAnswer(ids, ids.Count, pages, watch.Elapsed);
    }

    private async Task<byte[]> GetAsync(HttpClient client, Uri uri, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = authorization;
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellation).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellation).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = System.Text.Encoding.UTF8.GetString(body);
            throw new PeerBenchmarkException($"{Name}: GET {uri} answered {(int)response.StatusCode}: {(text.Length > 500 ? text[..500] : text)}");
        }

        return body;
    }
}

/// <summary>The comparison cannot go on (a server failed, or the two disagree): the message says why.</summary>
public sealed class PeerBenchmarkException(string message) : Exception(message);
