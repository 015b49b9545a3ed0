using System.Net;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Diagnostics;

namespace Assessment.Web.Ui;

/// <summary>
/// For a browser asking for a page (not the API or the feed, which get ProblemDetails or OData errors), an
/// exception the page did not handle becomes a short Chinese HTML page with the right status: a workflow
/// refusal says what was refused, anything else that nothing was saved. Runs after the ProblemDetails handler,
/// which declines requests that do not accept JSON.
/// </summary>
internal sealed class UiExceptionHandler : IExceptionHandler
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
            Persistence.LedgerRuleException refusal => (refusal.Status, refusal.Message),
            _ => (StatusCodes.Status500InternalServerError, "服务器内部错误，本次操作未生效。请稍后重试；如果问题持续，请联系省局管理员。"),
        };
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
}
