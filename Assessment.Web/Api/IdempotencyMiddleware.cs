using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Assessment.Web.Persistence;
using Assessment.Web.Security;
using Assessment.Web.Workflow;
using Microsoft.EntityFrameworkCore;

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
        await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted);
        try
        {
            context.Response.Body = buffer;
            await next(context);
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
                ResponseBody = Encoding.UTF8.GetString(buffer.ToArray()),
                CreatedAt = clock.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(context.RequestAborted);
                await transaction.CommitAsync(context.RequestAborted);
            }
            catch (DbUpdateException)
            {
                // The same key was stored by a concurrent duplicate: undo this one and answer as the first did.
                await transaction.RollbackAsync(context.RequestAborted);
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

        await context.Response.WriteAsync(stored.ResponseBody, context.RequestAborted);
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
