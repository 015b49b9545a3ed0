using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Assessment.Tests.Web.Ui;

/// <summary>What the page tests of evidence uploads share: a photo, a multipart form post, the evidence folder's files.</summary>
internal static class EvidenceUploadPages
{
    /// <summary>Random bytes behind a PNG signature (the store recognises a PNG by it), unique per call.</summary>
    public static byte[] Photo(int size = 4096)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes, 0);
        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Loads <paramref name="formPath"/> for its antiforgery token, then posts the fields and one PNG file as multipart/form-data.</summary>
    public static async Task<HttpResponseMessage> PostWithFileAsync(
        this HttpClient client, string formPath, IEnumerable<KeyValuePair<string, string>> fields, string fileField, byte[] photo, string? action = null)
    {
        var token = PageForms.AntiforgeryToken(await client.GetPageAsync(formPath));
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, fileField, "现场照片.png");
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync(action ?? formPath, form);
    }

    /// <summary>Every file under the evidence folder (the incoming folder included), relative, sorted.</summary>
    public static List<string> Files(string evidenceFolder) =>
        Directory.Exists(evidenceFolder)
            ? [.. Directory.EnumerateFiles(evidenceFolder, "*", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(evidenceFolder, p).Replace(Path.DirectorySeparatorChar, '/')).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The files of the store's incoming folder (uploads received and not placed).</summary>
    public static List<string> Incoming(string evidenceFolder) => [.. Files(evidenceFolder).Where(f => f.StartsWith(".incoming/", StringComparison.Ordinal))];
}
