using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Assessment.Tests.Web.Hostile;

/// <summary>
/// Evidence uploads (<c>POST /api/assessments/{id}/evidence</c>) with hostile file names, content that lies about
/// its type, empty and oversized files: each is a 4xx ProblemDetails naming the file (or the field), no file lands
/// in the evidence folder, no row in the database, and the server keeps serving.
/// </summary>
[TestClass]
public sealed class HostileUploadTests
{
    public static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 1, 2, 3, 4];
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    private static HostileApi api = null!;

    /// <summary>One upload: file name, declared type, bytes, item id, what it must get and the field named.</summary>
    private sealed record Upload(string Name, string FileName, string ContentType, byte[] Bytes, HttpStatusCode Status, string Field, string? ItemId = null, bool IfMatch = true);

    private static readonly Upload[] Uploads =
    [
        new("name climbing up with ../", "../../etc/passwd.png", "image/png", Png, HttpStatusCode.BadRequest, "file"),
        new("name climbing up with ..\\", @"..\..\Windows\win.ini.png", "image/png", Png, HttpStatusCode.BadRequest, "file"),
        new("absolute Unix path", "/etc/passwd.png", "image/png", Png, HttpStatusCode.BadRequest, "file"),
        new("absolute Windows path", @"C:\Windows\System32\drivers\etc\hosts.png", "image/png", Png, HttpStatusCode.BadRequest, "file"),
        new("UNC path", @"\\server\share\photo.png", "image/png", Png, HttpStatusCode.BadRequest, "file"),
        new("name \"..\"", "..", "image/png", Png, HttpStatusCode.BadRequest, "file"),
        new("name with NUL", "photo.png\0.exe", "image/png", Png, HttpStatusCode.BadRequest, "file"),
        new("name with a line feed", "photo\nContent-Type: text/html.png", "image/png", Png, HttpStatusCode.BadRequest, "file"),
        new("name with a right-to-left override", "invoice\u202Egnp.exe.png", "image/png", Png, HttpStatusCode.BadRequest, "file"),
        new("Windows device name CON", "CON.png", "image/png", Png, HttpStatusCode.BadRequest, "file"),
        new("Windows device name nul in lower case", "nul.pdf", "application/pdf", Pdf, HttpStatusCode.BadRequest, "file"),
        new("Windows device name COM1", "COM1.png", "image/png", Png, HttpStatusCode.BadRequest, "file"),
        new("Windows device name LPT9 with a double extension", "LPT9.tar.pdf", "application/pdf", Pdf, HttpStatusCode.BadRequest, "file"),
        new("characters Windows refuses", "整改<报告>.png", "image/png", Png, HttpStatusCode.BadRequest, "file"),
        new("a question mark and a colon", "what?:.png", "image/png", Png, HttpStatusCode.BadRequest, "file"),
        new("name of 300 characters", new string('照', 296) + ".png", "image/png", Png, HttpStatusCode.BadRequest, "file"),
        new("name of 10,000 characters", new string('a', 9996) + ".pdf", "application/pdf", Pdf, HttpStatusCode.BadRequest, "file"),
        new("a PNG declared as PDF", "report.pdf", "application/pdf", Png, HttpStatusCode.UnsupportedMediaType, "file"),
        new("a PDF declared as JPEG", "photo.jpg", "image/jpeg", Pdf, HttpStatusCode.UnsupportedMediaType, "file"),
        new("a Windows executable declared as PNG", "photo.png", "image/png", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0], HttpStatusCode.UnsupportedMediaType, "file"),
        new("a Linux executable declared as JPEG", "photo.jpg", "image/jpeg", [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0], HttpStatusCode.UnsupportedMediaType, "file"),
        new("HTML declared as PNG", "photo.png", "image/png", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), HttpStatusCode.UnsupportedMediaType, "file"),
        new("an executable declared as such", "setup.exe", "application/x-msdownload", [(byte)'M', (byte)'Z', 0x90, 0], HttpStatusCode.UnsupportedMediaType, "file"),
        new("SVG with a script", "logo.svg", "image/svg+xml", Encoding.UTF8.GetBytes("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"), HttpStatusCode.UnsupportedMediaType, "file"),
        new("a zip that is neither Word nor Excel declared as xlsx", "ledger.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZipWith("word/document.xml"), HttpStatusCode.UnsupportedMediaType, "file"),
        new("an empty PDF", "empty.pdf", "application/pdf", [], HttpStatusCode.BadRequest, "file"),
        new("an empty PNG", "empty.png", "image/png", [], HttpStatusCode.BadRequest, "file"),
        new("a PDF one byte over the limit", "big.pdf", "application/pdf", [.. Pdf, .. new byte[ApiHost.MaxEvidenceBytes + 1 - Pdf.Length]], HttpStatusCode.RequestEntityTooLarge, "file"),
        new("a PDF ten times the limit", "huge.pdf", "application/pdf", [.. Pdf, .. new byte[(ApiHost.MaxEvidenceBytes * 10) - Pdf.Length]], HttpStatusCode.RequestEntityTooLarge, "file"),
        new("an item that does not exist", "photo.png", "image/png", Png, HttpStatusCode.BadRequest, "itemId", ItemId: "NO-SUCH-ITEM"),
        new("an item id of 1,000 characters", "photo.png", "image/png", Png, HttpStatusCode.BadRequest, "itemId", ItemId: new string('I', 1000)),
        new("an item id with a control character", "photo.png", "image/png", Png, HttpStatusCode.BadRequest, "itemId", ItemId: "A1\u0001"),
        new("no If-Match", "photo.png", "image/png", Png, HttpStatusCode.PreconditionRequired, "If-Match", IfMatch: false),
    ];

    public static IEnumerable<TestDataRow<string>> Cases => Uploads.Select(u => new TestDataRow<string>(u.Name) { DisplayName = u.Name });

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => api = await HostileApi.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public async Task A_hostile_upload_is_refused_and_stores_nothing(string name)
    {
        var upload = Uploads.Single(u => u.Name == name);
        var database = await HostileChecks.DatabaseAsync(api.Host.Services);
        var files = HostileChecks.Files(api.Host.EvidenceFolder);

        using (var response = await api.SendAsync("staffA", HttpMethod.Post, $"/api/assessments/{api.World.SelfA}/evidence",
            Form(upload.FileName, upload.ContentType, upload.Bytes, upload.ItemId), upload.IfMatch ? api.World.SelfA : null))
        {
            await HostileChecks.ExpectProblemAsync(response, upload.Status, upload.Field, name);
        }

        Assert.AreEqual(database, await HostileChecks.DatabaseAsync(api.Host.Services), $"{name}: the database changed");
        Assert.AreEqual(files, HostileChecks.Files(api.Host.EvidenceFolder), $"{name}: the evidence folder changed");
        await api.AssertStillServingAsync(name);
    }

    [TestMethod]
    public async Task A_form_without_a_file_is_400_and_stores_nothing()
    {
        var database = await HostileChecks.DatabaseAsync(api.Host.Services);
        using var form = new MultipartFormDataContent { { new StringContent("A1"), "itemId" } };

        using (var response = await api.SendAsync("staffA", HttpMethod.Post, $"/api/assessments/{api.World.SelfA}/evidence", form, api.World.SelfA))
        {
            await HostileChecks.ExpectProblemAsync(response, HttpStatusCode.BadRequest, null, "no file");
        }

        Assert.AreEqual(database, await HostileChecks.DatabaseAsync(api.Host.Services));
        await api.AssertStillServingAsync("no file");
    }

    [TestMethod]
    [DataRow("multipart without a boundary", "multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc\r\n--x--\r\n")]
    [DataRow("multipart cut off in the middle of the file", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\u0089PNG")]
    [DataRow("multipart with a boundary of 1,000 characters", "multipart/form-data; boundary=BOUNDARY1000", "--BOUNDARY1000\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc\r\n--BOUNDARY1000--\r\n")]
    [DataRow("multipart whose part headers never end", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nX-Pad: PAD20000")]
    public async Task A_broken_multipart_body_is_400_and_stores_nothing(string name, string contentType, string body)
    {
        var boundary = new string('b', 1000);
        var raw = body.Replace("BOUNDARY1000", boundary, StringComparison.Ordinal).Replace("PAD20000", new string('p', 20_000), StringComparison.Ordinal);
        var database = await HostileChecks.DatabaseAsync(api.Host.Services);
        var files = HostileChecks.Files(api.Host.EvidenceFolder);

        using (var response = await api.SendAsync("staffA", HttpMethod.Post, $"/api/assessments/{api.World.SelfA}/evidence",
            Body.Raw(Encoding.Latin1.GetBytes(raw), contentType.Replace("BOUNDARY1000", boundary, StringComparison.Ordinal)).Content(), api.World.SelfA))
        {
            await HostileChecks.ExpectProblemAsync(response, HttpStatusCode.BadRequest, null, name);
        }

        Assert.AreEqual(database, await HostileChecks.DatabaseAsync(api.Host.Services), $"{name}: the database changed");
        Assert.AreEqual(files, HostileChecks.Files(api.Host.EvidenceFolder), $"{name}: the evidence folder changed");
        await api.AssertStillServingAsync(name);
    }

    /// <summary>A multipart form with the file under RFC 5987 <c>filename*</c>, so any name (NUL, line feeds, Chinese) arrives as written.</summary>
    public static MultipartFormDataContent Form(string fileName, string contentType, byte[] bytes, string? itemId = null)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.TryAddWithoutValidation("Content-Type", contentType);
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = fileName };
        var form = new MultipartFormDataContent { file };
        if (itemId is not null)
        {
            form.Add(new StringContent(itemId), "itemId");
        }

        return form;
    }

    private static byte[] ZipWith(string entry)
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
            writer.Write("<document/>");
        }

        return stream.ToArray();
    }
}
