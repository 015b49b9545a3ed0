using System.Globalization;
using Assessment.Web.Workflow;

namespace Assessment.Web.Api;

/// <summary>ETag / If-Match for optimistic concurrency: the ETag of an assessment is its version.</summary>
public static class Preconditions
{
    public static string ETagOf(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(this HttpResponse response, long version)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ETag = ETagOf(version);
    }

    /// <summary>
    /// The version the client's <c>If-Match</c> names, or null without the header: for writes where the check is the
    /// client's choice (a cycle's open and review). A header that is not a version is refused as by <see cref="RequiredVersion"/>.
    /// </summary>
    public static long? OptionalVersion(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.IfMatch.Count == 0 ? null : request.RequiredVersion();
    }

    /// <summary>The version the client's <c>If-Match</c> names; 428 when missing or not a version.</summary>
    public static long RequiredVersion(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.StartsWith("W/", StringComparison.Ordinal))
        {
            header = header[2..];
        }

        header = header.Trim('"');
        if (header.Length == 0 || !long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new WorkflowException(StatusCodes.Status428PreconditionRequired,
                "修改考核须带 If-Match 请求头（取自上次读取时的 ETag），以免覆盖他人的修改。",
                new Dictionary<string, string[]> { ["If-Match"] = ["缺少或格式不正确。"] });
        }

        return version;
    }
}
