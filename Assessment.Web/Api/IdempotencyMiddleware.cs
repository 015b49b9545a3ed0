using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Assessment.Web.Persistence;
using Assessment.Web.Security;
using Assessment.Web.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Assessment.Web.Api;

/// <summary>Marks a write endpoint that honours <c>Idempotency-Key</c>.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class IdempotentWriteAttribute : Attribute;

/// <summary>
/// Makes writes safe to retry (a phone reconnecting): a request to an <see cref="IdempotentWriteAttribute"/>
/// endpoint with an <c>Idempotency-Key</c> runs in one database transaction together with the stored
/// <see cref="IdempotencyRecord"/> of its response. A retry with the same key and the same request gets the
/// stored response (header <c>Idempotent-Replayed: true</c>) and applies nothing; the same key with another
/// request is 422. Only successful responses are stored: a refused request changed nothing and may be retried.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task InvokeAsync(HttpContext context, AssessmentDbContext db, TimeProvider clock)
    {
        var key = context.Request.Headers[HeaderName].ToString();
        if (key.Length == 0 || context.GetEndpoint()?.Metadata.GetMetadata<IdempotentWriteAttribute>() is null
            || context.User.UserId() is not { } userId)
        {
            await next(context);
            return;
        }

        if (key.Length > IdempotencyRecord.KeyMaxLength)
        {
            throw WorkflowException.Invalid(HeaderName, $"Idempotency-Key 不能超过 {IdempotencyRecord.KeyMaxLength} 个字符。");
        }

        var hash = await RequestHashAsync(context.Request);
        if (await FindAsync(db, userId, key, context.RequestAborted) is { } stored)
        {
            await ReplayAsync(context, stored, hash);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();

        // The write and its stored response commit together; the transaction opens at the endpoint's first
        // save, not here, so the database's write lock is not held while the request loads and validates.
        var transaction = context.RequestServices.GetRequiredService<WriteTransaction>();
        await using var _ = transaction;
        transaction.BeginAtFirstSave();
        try
        {
            context.Response.Body = buffer;
            await next(context);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or WorkflowException { Status: StatusCodes.Status412PreconditionFailed })
        {
            // A concurrent duplicate of this request may have won and changed the version: answer as it did.
            context.Response.Body = original;
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            if (await FindAsync(db, userId, key, context.RequestAborted) is { } winner)
            {
                context.Response.Headers.Clear();
                await ReplayAsync(context, winner, hash);
                return;
            }

            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode is >= 200 and < 300)
        {
            db.IdempotencyKeys.Add(new IdempotencyRecord
            {
                Key = key,
                UserId = userId,
                RequestHash = hash,
                ResponseStatus = context.Response.StatusCode,
                ResponseContentType = context.Response.ContentType,
                ResponseBody = buffer.Length > 0 ? Encoding.UTF8.GetString(buffer.ToArray()) : BodilessReplay(context.Response),
                CreatedAt = clock.GetUtcNow(),
            });
            try
            {
                // Joins the transaction the endpoint's save opened (or, when it saved nothing, its own).
                await db.SaveChangesAsync(context.RequestAborted);
                await transaction.CommitAsync(context.RequestAborted);
            }
            catch (DbUpdateException)
            {
                // The same key was stored by a concurrent duplicate: undo this one and answer as the first did.
                await transaction.RollbackAsync();
                db.ChangeTracker.Clear();
                if (await FindAsync(db, userId, key, context.RequestAborted) is { } winner)
                {
                    context.Response.Headers.Clear();
                    await ReplayAsync(context, winner, hash);
                    return;
                }

                throw;
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>
    /// A response without a body (204 of <c>Prefer: return=minimal</c>) is stored as <c>{"version":N}</c> from its
    /// ETag, so that the replay can restore the ETag; the replay of a 204 writes no body.
    /// </summary>
    private static string? BodilessReplay(HttpResponse response) =>
        EntityTagHeaderValue.TryParse(response.Headers.ETag.ToString(), out var tag)
        && long.TryParse(tag.Tag.ToString().Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{\"version\":{version}}}")
            : null;

    private static Task<IdempotencyRecord?> FindAsync(AssessmentDbContext db, string userId, string key, CancellationToken cancellationToken) =>
        db.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, cancellationToken);

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord stored, string hash)
    {
        if (!string.Equals(stored.RequestHash, hash, StringComparison.Ordinal))
        {
            throw WorkflowException.Unprocessable(
                "该 Idempotency-Key 已用于另一个不同的请求，请为新的操作使用新的键。",
                new Dictionary<string, string[]> { [HeaderName] = ["与先前请求的内容不一致。"] });
        }

        context.Response.StatusCode = stored.ResponseStatus;
        context.Response.Headers[ReplayedHeader] = "true";
        if (stored.ResponseContentType is { } contentType)
        {
            context.Response.ContentType = contentType;
        }

        if (string.IsNullOrEmpty(stored.ResponseBody))
        {
            return;
        }

        if (VersionIn(stored.ResponseBody) is { } version)
        {
            context.Response.SetETag(version);
        }

        if (stored.ResponseStatus != StatusCodes.Status204NoContent)
        {
            await context.Response.WriteAsync(stored.ResponseBody, context.RequestAborted);
        }
    }

    /// <summary>Assessment responses carry their version in the body: the replay restores the ETag from it.</summary>
    private static long? VersionIn(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("version", out var version)
                && version.TryGetInt64(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// SHA-256 of method, path and content. A multipart form is hashed by its fields and its files' content
    /// (not its random boundary), so a client that rebuilds the same upload is still recognised.
    /// </summary>
    private static async Task<string> RequestHashAsync(HttpRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, request.Method);
        Append(hash, request.Path + request.QueryString);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var field in form.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                Append(hash, field.Key);
                Append(hash, field.Value.ToString());
            }

            foreach (var file in form.Files.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                Append(hash, file.Name);
                Append(hash, file.FileName);
                Append(hash, file.ContentType);
                await using var stream = file.OpenReadStream();
                Append(hash, Convert.ToHexString(await SHA256.HashDataAsync(stream, request.HttpContext.RequestAborted)));
            }
        }
        else
        {
            request.EnableBuffering();
            await using (var copy = new MemoryStream())
            {
                await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
                hash.AppendData(copy.ToArray());
            }

            request.Body.Position = 0;
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string value)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(value));
        hash.AppendData([0]);
    }
}
