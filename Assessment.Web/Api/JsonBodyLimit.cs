using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Assessment.Web.Api;

/// <summary>Configuration section <c>Api</c>: limits on what the JSON API reads.</summary>
public sealed class ApiLimitsOptions
{
    public const string SectionName = "Api";

    /// <summary>The largest request body of a JSON endpoint, in bytes (default 1 MB); larger bodies get 413.</summary>
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How deeply a JSON body may nest (the API's bodies need 4 levels).</summary>
    public int MaxJsonDepth { get; set; } = 32;
}

/// <summary>
/// Bodies of <c>/api</c> requests other than uploads (multipart evidence, the ledger workbook, which have their own
/// limits) are read into memory up to <see cref="ApiLimitsOptions.MaxJsonBodyBytes"/> before any endpoint sees them:
/// a longer one — declared or streamed — is answered 413 with a ProblemDetails, and nothing runs. Kestrel's own limit
/// (30 MB) is far above what a JSON request of this API needs.
/// </summary>
internal sealed class JsonBodyLimitMiddleware(RequestDelegate next, IOptions<ApiLimitsOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api") || IsUpload(request) || (request.ContentLength is 0 or null && request.Headers.TransferEncoding.Count == 0))
        {
            await next(context);
            return;
        }

        var limit = options.Value.MaxJsonBodyBytes;
        if (request.ContentLength > limit)
        {
            await TooLargeAsync(context, limit);
            return;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                await buffer.DisposeAsync();
                await TooLargeAsync(context, limit);
                return;
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        context.Response.RegisterForDisposeAsync(buffer);
        request.Body = buffer;
        await next(context);
    }

    private static bool IsUpload(HttpRequest request) =>
        request.HasFormContentType
        || string.Equals(request.GetTypedHeaders().ContentType?.MediaType.Value, Workflow.EvidenceStore.Xlsx, StringComparison.OrdinalIgnoreCase);

    private async Task TooLargeAsync(HttpContext context, long limit)
    {
        var size = limit >= 1024 * 1024 ? $"{limit / 1024.0 / 1024.0:0.#} MB" : $"{limit / 1024.0:0.#} KB";
        var message = $"请求正文超过 {size} 的上限，未作处理。";
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        var problem = new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge, Title = message };
        problem.Extensions["errors"] = new Dictionary<string, string[]> { ["$"] = [message] };
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
