using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Microsoft.Net.Http.Headers;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace Assessment.Web.OData;

/// <summary>
/// Writes feed payloads with <see cref="ODataMessageWriter"/> into a buffer (Kestrel forbids synchronous
/// I/O, and the headers must be known before the first byte), then sends them — gzip-compressed when the
/// client accepts it — with the writer's Content-Type and exactly one <c>OData-Version: 4.0</c>.
/// </summary>
internal static class FeedResponses
{
    public const string JsonContentType = "application/json;odata.metadata=minimal";
    private const string ODataVersion = "OData-Version";

    /// <summary>The Content-Type the library's writer gives a JSON payload under <see cref="Settings"/>; <see cref="FeedJsonWriter"/> payloads carry the same.</summary>
    public const string PayloadContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    public static ODataMessageWriterSettings Settings(Uri serviceRoot, ODataUri? uri = null)
    {
        var settings = new ODataMessageWriterSettings
        {
            BaseUri = serviceRoot,
            Version = Microsoft.OData.ODataVersion.V4,
            EnableMessageStreamDisposal = false,
            ODataUri = uri ?? new ODataUri { ServiceRoot = serviceRoot },
        };
        settings.SetContentType(JsonContentType, "utf-8");
        return settings;
    }

    public static async Task WriteAsync(HttpContext context, IEdmModel model, ODataMessageWriterSettings settings, int status, Action<ODataMessageWriter> write)
    {
        using var scope = ODataServices.CreateScope();
        var message = new BufferedMessage(scope.ServiceProvider) { StatusCode = status };
        using (var writer = new ODataMessageWriter(message, settings, model))
        {
            write(writer);
        }

        await SendAsync(context, status, message.Headers.GetValueOrDefault("Content-Type", JsonContentType), message.Body.ToArray(), context.RequestAborted);
    }

    /// <summary>Sends a payload written by <paramref name="write"/> (e.g. <see cref="FeedJsonWriter"/>) as the feed's JSON.</summary>
    public static Task WriteJsonAsync(HttpContext context, int sizeHint, Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(sizeHint, 1024));
        write(buffer);
        return SendAsync(context, StatusCodes.Status200OK, PayloadContentType, buffer.WrittenMemory, context.RequestAborted);
    }

    public static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        var root = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/odata/");
        return WriteAsync(context, EdmCoreModel.Instance, Settings(root), status, writer =>
            writer.WriteError(new ODataError { ErrorCode = code, Message = message }, includeDebugInformation: false));
    }

    public static Task MetadataAsync(HttpContext context, IEdmModel model)
    {
        using var buffer = new MemoryStream();
        var xmlSettings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using (var xml = XmlWriter.Create(buffer, xmlSettings))
        {
            if (!CsdlWriter.TryWriteCsdl(model, xml, CsdlTarget.OData, out var errors))
            {
                throw new InvalidOperationException("The feed's model is invalid: " + string.Join("; ", errors.Select(e => e.ErrorMessage)));
            }
        }

        return SendAsync(context, StatusCodes.Status200OK, "application/xml;charset=utf-8", buffer.ToArray(), context.RequestAborted);
    }

    public static Task TextAsync(HttpContext context, string text) =>
        SendAsync(context, StatusCodes.Status200OK, "text/plain;charset=utf-8", Encoding.UTF8.GetBytes(text), context.RequestAborted);

    private static async Task SendAsync(HttpContext context, int status, string contentType, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.Headers[ODataVersion] = "4.0";
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (body.Length > 512 && AcceptsGzip(context.Request))
        {
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                await gzip.WriteAsync(body, cancellationToken);
            }

            body = compressed.GetBuffer().AsMemory(0, (int)compressed.Length);
            response.Headers.ContentEncoding = "gzip";
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(v => v is not null && v.Split(',').Any(e =>
            e.Trim().StartsWith("gzip", StringComparison.OrdinalIgnoreCase) && !e.Replace(" ", "", StringComparison.Ordinal).EndsWith(";q=0", StringComparison.Ordinal)));

    /// <summary>A response message whose body is a memory buffer.</summary>
    private sealed class BufferedMessage(IServiceProvider container) : IODataResponseMessage, IContainerProvider
    {
        public IServiceProvider Container { get; } = container;

        public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

        public MemoryStream Body { get; } = new();

        IEnumerable<KeyValuePair<string, string>> IODataResponseMessage.Headers => Headers;

        public int StatusCode { get; set; }

        public string? GetHeader(string headerName) => Headers.GetValueOrDefault(headerName);

        public void SetHeader(string headerName, string headerValue) => Headers[headerName] = headerValue;

        public Stream GetStream() => Body;
    }
}
