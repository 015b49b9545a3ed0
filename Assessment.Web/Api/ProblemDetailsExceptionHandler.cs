using Assessment.Web.Persistence;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Api;

/// <summary>
/// The one place exceptions become ProblemDetails (RFC 7807): workflow refusals keep their status and
/// the fields or items they name; a concurrent change found by the database is 412; a unique index broken by
/// a record someone saved at the same moment (e.g. two first saves of the same settings) 409; a changed criteria
/// version 409; a body the API cannot read 400 (413 when too large); a database that cannot be reached or
/// stays locked 503 with Retry-After (507 when its disk is full); anything else 500 without details.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (IsPageForBrowser(httpContext.Request))
        {
            return false;
        }

        var problem = exception switch
        {
            WorkflowException e => Problem(e.Status, e.Message, e.Errors),
            DbUpdateConcurrencyException => Problem(StatusCodes.Status412PreconditionFailed, "数据已被他人修改，本次保存未生效，请刷新后重试。"),
            DbUpdateException e when DatabaseFailures.IsUniqueViolation(e) => Problem(StatusCodes.Status409Conflict, DatabaseFailures.SimultaneousSaveMessage),
            CriteriaVersionLockedException e => Problem(StatusCodes.Status409Conflict, e.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem(StatusCodes.Status413PayloadTooLarge, "上传内容超过大小限制。"),
            BadHttpRequestException { InnerException: System.Text.Json.JsonException json } => UnreadableJson(json),
            BadHttpRequestException e => Problem(e.StatusCode, $"请求格式有误：{e.Message}"),
            InvalidDataException e => Problem(StatusCodes.Status400BadRequest, $"请求格式有误：{e.Message}"),
            _ when DatabaseFailures.IsFull(exception) => Problem(StatusCodes.Status507InsufficientStorage, "服务器存储空间不足，本次操作未生效，请联系管理员。"),
            _ when DatabaseFailures.IsUnavailable(exception) => Problem(StatusCodes.Status503ServiceUnavailable, "数据库暂时无法访问，本次操作未生效，请稍后重试。"),
            _ => null,
        };
        if (problem?.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        if (problem is null)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "服务器内部错误，本次操作未生效。");
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// A page a browser asked for (outside the API and the feed, with <c>text/html</c> in Accept): <c>UiExceptionHandler</c>
    /// renders the error as a page. A browser's Accept also has <c>*/*</c>, which ProblemDetails would otherwise take as JSON.
    /// </summary>
    private static bool IsPageForBrowser(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/odata", StringComparison.OrdinalIgnoreCase)
        && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>A JSON body that could not be read: name the field (its JSON path) and the line, in Chinese.</summary>
    private static ProblemDetails UnreadableJson(System.Text.Json.JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "请求正文" : $"字段 {json.Path}";
        var where = json.LineNumber is { } line ? $"（第{line + 1}行）" : "";
        var message = json is RefusedTextException refused ? $"{field}{refused.Message}" : $"{field}的值无法识别或JSON格式不完整{where}。";
        return Problem(StatusCodes.Status400BadRequest, "请求格式有误：" + message,
            new Dictionary<string, string[]> { [string.IsNullOrEmpty(json.Path) ? "$" : json.Path] = [message] });
    }

    private static ProblemDetails Problem(int status, string title, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title };
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors;
        }

        return problem;
    }

    /// <summary>How long a client should wait before repeating a request refused because the database was unavailable.</summary>
    private const string RetryAfterSeconds = "5";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable on {Method} {Path}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
