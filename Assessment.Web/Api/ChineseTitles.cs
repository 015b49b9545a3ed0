namespace Assessment.Web.Api;

/// <summary>
/// ProblemDetails written for a bare status code (no route matched, wrong method, a body the endpoint does not
/// accept) get the framework's English reason phrase as title: users read Chinese, so those become Chinese.
/// Titles the application sets are Chinese already and are left alone.
/// </summary>
internal static class ChineseTitles
{
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Title is { } title && title.Any(c => c > 127))
        {
            return;
        }

        problem.Title = (problem.Status ?? context.HttpContext.Response.StatusCode) switch
        {
            StatusCodes.Status400BadRequest => "请求无效。",
            StatusCodes.Status401Unauthorized => "请先登录。",
            StatusCodes.Status403Forbidden => "您无权访问该资源。",
            StatusCodes.Status404NotFound => "请求的地址不存在（路径或编号无效）。",
            StatusCodes.Status405MethodNotAllowed => "该地址不支持此请求方法。",
            StatusCodes.Status406NotAcceptable => "无法提供所要求的响应格式。",
            StatusCodes.Status411LengthRequired => "请求须注明正文长度。",
            StatusCodes.Status413PayloadTooLarge => "请求正文超过大小限制。",
            StatusCodes.Status414UriTooLong => "请求地址过长。",
            StatusCodes.Status415UnsupportedMediaType => "不支持请求正文的类型（JSON 接口须使用 Content-Type: application/json）。",
            StatusCodes.Status431RequestHeaderFieldsTooLarge => "请求头过大。",
            StatusCodes.Status500InternalServerError => "服务器内部错误，本次操作未生效。",
            _ => problem.Title,
        };
    }
}
