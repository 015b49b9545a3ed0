namespace Assessment.Web.OData;

/// <summary>
/// A request the feed refuses, with the HTTP status and the message (Chinese, for the user) written as
/// an OData error body: 400 for a bad request, 501 for a query option or construct not supported.
/// </summary>
public sealed class FeedQueryException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static FeedQueryException NotSupported(string what) =>
        new(StatusCodes.Status501NotImplemented, "NotImplemented", $"本数据源不支持{what}。");

    public static FeedQueryException Bad(string message) =>
        new(StatusCodes.Status400BadRequest, "BadRequest", message);
}
