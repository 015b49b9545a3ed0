using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web.Hostile;

/// <summary>What every hostile request must leave behind: a clear Chinese answer, the same database, the same files.</summary>
internal static class HostileChecks
{
    /// <summary>
    /// Asserts <paramref name="status"/>, a ProblemDetails (RFC 7807) with a Chinese title, and — when
    /// <paramref name="field"/> is given — an <c>errors</c> entry for that field (or a title naming it); "$" stands
    /// for any JSON path.
    /// Returns the problem.
    /// </summary>
    public static async Task<JsonElement> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field, string because)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(status, response.StatusCode, $"{because}: {text}");
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, $"{because}: {text}");
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.AreEqual((int)status, problem.GetProperty("status").GetInt32(), because);
        var title = problem.GetProperty("title").GetString() ?? "";
        Assert.IsTrue(title.Any(IsChinese), $"{because}: the title is not Chinese: {title}");
        if (field is not null)
        {
            var named = problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                && errors.EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase) || (field == "$" && e.Name.StartsWith('$')));
            Assert.IsTrue(named || title.Contains(field, StringComparison.OrdinalIgnoreCase), $"{because}: {field} is not named in {text}");
        }

        return problem;
    }

    /// <summary>An OData error body (<c>{"error":{"code","message"}}</c>) with <paramref name="status"/>; returns the message.</summary>
    public static async Task<string> ExpectODataErrorAsync(HttpResponseMessage response, HttpStatusCode status, string because)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(status, response.StatusCode, $"{because}: {body}");
        Assert.AreEqual("application/json", response.Content.Headers.ContentType?.MediaType, because);
        using var json = JsonDocument.Parse(body);
        var error = json.RootElement.GetProperty("error");
        Assert.IsFalse(string.IsNullOrWhiteSpace(error.GetProperty("code").GetString()), because);
        var message = error.GetProperty("message").GetString() ?? "";
        Assert.IsTrue(message.Any(IsChinese), $"{because}: the message is not Chinese: {message}");
        return message;
    }

    public static bool IsChinese(char c) => c is >= '\u4E00' and <= '\u9FFF';

    /// <summary>
    /// Every row count, the sum of every version (so an update shows), the audit log's length and the users'
    /// concurrency stamps: two equal snapshots mean nothing was written.
    /// </summary>
    public static async Task<string> DatabaseAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        var counts = new (string Name, long Value)[]
        {
            ("Centers", await db.Centers.LongCountAsync()),
            ("Cycles", await db.Cycles.LongCountAsync()),
            ("CycleVersions", await db.Cycles.SumAsync(c => c.Version)),
            ("Assessments", await db.Assessments.LongCountAsync()),
            ("AssessmentVersions", await db.Assessments.SumAsync(a => a.Version)),
            ("Inspectors", await db.AssessmentInspectors.LongCountAsync()),
            ("Answers", await db.Answers.LongCountAsync()),
            ("Vetoes", await db.VetoFindings.LongCountAsync()),
            ("Evidence", await db.EvidenceFiles.LongCountAsync()),
            ("Publication", await db.PublicationSettings.LongCountAsync()),
            ("PublicationVersions", await db.PublicationSettings.SumAsync(p => p.Version)),
            ("Ledgers", await db.RectificationLedgers.LongCountAsync()),
            ("LedgerVersions", await db.RectificationLedgers.SumAsync(l => l.Version)),
            ("Aspects", await db.LedgerAspects.LongCountAsync()),
            ("Findings", await db.Findings.LongCountAsync()),
            ("Actions", await db.RectificationActions.LongCountAsync()),
            ("ActionVersions", await db.RectificationActions.SumAsync(a => a.Version)),
            ("Verifications", await db.RectificationVerifications.LongCountAsync()),
            ("Audit", await db.AuditLog.LongCountAsync()),
            ("IdempotencyKeys", await db.IdempotencyKeys.LongCountAsync()),
            ("ApiKeys", await db.ApiKeys.LongCountAsync()),
            ("Users", await db.Users.LongCountAsync()),
        };
        var stamps = await db.Users.OrderBy(u => u.Id).Select(u => u.ConcurrencyStamp).ToListAsync();
        var text = new StringBuilder();
        foreach (var (name, value) in counts)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}={value}; ");
        }

        return text.Append("stamps=").Append(string.Join(",", stamps)).ToString();
    }

    /// <summary>Every file under <paramref name="folder"/> with its size (none when the folder does not exist).</summary>
    public static string Files(string folder) =>
        Directory.Exists(folder)
            ? string.Join("\n", Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(f => $"{Path.GetRelativePath(folder, f)} {new FileInfo(f).Length}"))
            : "";

    /// <summary>Nested JSON arrays <paramref name="depth"/> deep.</summary>
    public static string Nested(int depth) => new string('[', depth) + new string(']', depth);
}

/// <summary>A request body as bytes with a declared content type (so BOMs, broken UTF-8 and lies are possible).</summary>
internal sealed record Body(byte[] Bytes, string ContentType = "application/json")
{
    public static Body Json(string text) => new(Encoding.UTF8.GetBytes(text));

    public static Body Raw(byte[] bytes, string contentType = "application/json") => new(bytes, contentType);

    public HttpContent Content()
    {
        var content = new ByteArrayContent(Bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        return content;
    }
}
