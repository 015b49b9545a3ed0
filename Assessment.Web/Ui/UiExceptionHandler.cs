using System.Net;
using Assessment.Web.Persistence;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Ui;

/// <summary>
/// For a browser asking for a page (not the API or the feed, which get ProblemDetails or OData errors), an
/// exception the page did not handle becomes a short Chinese HTML page with the right status: a workflow
/// refusal says what was refused; a record saved by someone else at the same moment (a unique index) or changed
/// meanwhile, that the page should be reloaded; a database that is unavailable, to retry later (503, Retry-After);
/// anything else, that nothing was saved. Runs after the ProblemDetails handler, which declines pages asking for
/// HTML (a browser's navigation) and requests that do not accept JSON.
/// </summary>
internal sealed partial class UiExceptionHandler(ILogger<UiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var path = httpContext.Request.Path;
        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/odata", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var (status, message) = exception switch
        {
            WorkflowException refusal => (refusal.Status, refusal.Message),
            LedgerRuleException refusal => (refusal.Status, refusal.Message),
            DbUpdateConcurrencyException => (StatusCodes.Status412PreconditionFailed, "数据已被他人修改，本次保存未生效，请刷新后重试。"),
            DbUpdateException e when DatabaseFailures.IsUniqueViolation(e) => (StatusCodes.Status409Conflict, DatabaseFailures.SimultaneousSaveMessage),
            _ when DatabaseFailures.IsFull(exception) => (StatusCodes.Status507InsufficientStorage, "服务器存储空间不足，本次操作未生效，请联系管理员。"),
            _ when DatabaseFailures.IsUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "数据库暂时无法访问，本次操作未生效，请稍后重试。"),
            _ => (StatusCodes.Status500InternalServerError, "服务器内部错误，本次操作未生效。请稍后重试；如果问题持续，请联系省局管理员。"),
        };
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            LogUnavailable(logger, exception, httpContext.Request.Method, path);
            httpContext.Response.Headers.RetryAfter = "5";
        }
        else if (status == StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, path);
        }

        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        var html = $"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>出错了</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main id="main"><section class="narrow"><h1>出错了（{status}）</h1>
            <p role="alert">{WebUtility.HtmlEncode(message)}</p><p><a href="/">返回首页</a></p></section></main></body></html>
            """;
        await httpContext.Response.WriteAsync(html, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable on page {Method} {Path}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on page {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
