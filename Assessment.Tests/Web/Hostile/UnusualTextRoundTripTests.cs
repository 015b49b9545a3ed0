using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Tests.Web.Hostile;

/// <summary>
/// The other half of the Unicode decision (see <c>SafeText</c>): text that is unusual but is text — emoji and their
/// joiners, combining marks, right-to-left and Tibetan script, direction marks, zero-width characters, supplementary
/// ideographs, line breaks, strings that look like SQL, HTML or spreadsheet formulas — is stored verbatim and comes
/// back exactly, through the API and in the database.
/// </summary>
[TestClass]
public sealed class UnusualTextRoundTripTests
{
    private static HostileApi api = null!;

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
    [DataRow("emoji with zero-width joiners", "整改完成 ✅ 👨‍👩‍👧‍👦 🏳️‍🌈")]
    [DataRow("combining marks", "cafe\u0301 Z\u0334\u0322\u031Ba\u0338l\u0337g\u0335o\u0336 n\u0303")]
    [DataRow("Arabic and Hebrew letters", "مرحبا بالعالم שלום עולם")]
    [DataRow("Tibetan", "བོད་ཡིག་ ཚོང་ལས་ལྟེ་གནས།")]
    [DataRow("left-to-right and right-to-left marks", "A\u200EB\u200FC")]
    [DataRow("zero-width space, joiners and a mid-text BOM", "零\u200B宽\u200C字\u200D符\uFEFF号\u2060")]
    [DataRow("line breaks and tabs", "第一行\r\n第二行\n\t缩进\r末行")]
    [DataRow("supplementary ideographs", "𠀀𪚥𰻞𰻞面")]
    [DataRow("SQL-like text", "'; DROP TABLE Answers; -- \" OR 1=1 /* */")]
    [DataRow("HTML-like text", "<script>alert('x')</script>&amp;&#0;")]
    [DataRow("formula-like text", "=cmd|' /C calc'!A0 +SUM(A1) -1+2 @HYPERLINK(\"http://x\")")]
    [DataRow("the private use area and a variation selector", "\uE000\uF8FF 葛\uDB40\uDD00")]
    public async Task A_note_with_unusual_text_is_stored_verbatim_and_read_back_exactly(string name, string note)
    {
        var item = api.DeductionItem;
        var body = JsonSerializer.Serialize(new { number = 0, note }, ApiHost.Json);

        using (var saved = await api.SendAsync("staffA", HttpMethod.Put, $"/api/assessments/{api.World.SelfA}/answers/{item}",
            new StringContent(body, Encoding.UTF8, "application/json"), api.World.SelfA))
        {
            var checklist = await saved.ExpectAsync(HttpStatusCode.OK);
            Assert.AreEqual(note, NoteOf(checklist, item), $"{name}: the saved checklist");
        }

        using var read = await api.Client("bureau").GetAsync(new Uri($"/api/assessments/{api.World.SelfA}/checklist", UriKind.Relative));
        Assert.AreEqual(note, NoteOf(await read.ExpectAsync(HttpStatusCode.OK), item), $"{name}: read again");
        var stored = await api.Host.WithDbAsync(db => db.Answers.Where(a => a.AssessmentId == api.World.SelfA && a.ItemId == item).Select(a => a.Note).SingleAsync());
        Assert.AreEqual(note, stored, $"{name}: in the database");
    }

    [TestMethod]
    public async Task A_note_of_exactly_the_maximum_length_in_emoji_is_kept_whole()
    {
        var note = string.Concat(Enumerable.Repeat("😀", 2000));
        Assert.AreEqual(4000, note.Length);
        var item = api.DeductionItem;

        using var saved = await api.SendAsync("staffA", HttpMethod.Put, $"/api/assessments/{api.World.SelfA}/answers/{item}",
            new StringContent(JsonSerializer.Serialize(new { number = 0, note }), Encoding.UTF8, "application/json"), api.World.SelfA);

        Assert.AreEqual(note, NoteOf(await saved.ExpectAsync(HttpStatusCode.OK), item));
    }

    [TestMethod]
    public async Task A_body_starting_with_a_UTF8_byte_order_mark_is_read()
    {
        var item = api.DeductionItem;
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("""{"number":0,"note":"带BOM的请求"}""")];

        using var saved = await api.SendAsync("staffA", HttpMethod.Put, $"/api/assessments/{api.World.SelfA}/answers/{item}", Body.Raw(bytes).Content(), api.World.SelfA);

        Assert.AreEqual("带BOM的请求", NoteOf(await saved.ExpectAsync(HttpStatusCode.OK), item));
    }

    [TestMethod]
    public async Task An_evidence_file_name_with_emoji_and_combining_marks_is_kept_and_offered_for_download_as_given()
    {
        const string FileName = "整改照片 📷 Ünïcöde\u0301 (终稿).png";

        using var uploaded = await api.SendAsync("staffA", HttpMethod.Post, $"/api/assessments/{api.World.SelfA}/evidence",
            HostileUploadTests.Form(FileName, "image/png", HostileUploadTests.Png), api.World.SelfA);
        var evidence = await uploaded.ExpectAsync(HttpStatusCode.Created);
        Assert.AreEqual(FileName, evidence.GetProperty("fileName").GetString());

        using var download = await api.Client("bureau").GetAsync(new Uri($"/api/assessments/{api.World.SelfA}/evidence/{evidence.GetProperty("id").GetInt32()}", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.OK, download.StatusCode);
        Assert.AreEqual(FileName, download.Content.Headers.ContentDisposition?.FileNameStar);
        CollectionAssert.AreEqual(HostileUploadTests.Png, await download.Content.ReadAsByteArrayAsync());
    }

    [TestMethod]
    public async Task An_api_key_name_with_emoji_and_right_to_left_text_comes_back_exactly()
    {
        const string KeyName = "Power BI 📊 تقرير";

        using var created = await api.Client("bureau").PostAsync(new Uri("/api/account/api-keys", UriKind.Relative),
            new StringContent(JsonSerializer.Serialize(new { name = KeyName }), Encoding.UTF8, "application/json"));
        Assert.AreEqual(KeyName, (await created.ExpectAsync(HttpStatusCode.Created)).GetProperty("name").GetString());

        using var list = await api.Client("bureau").GetAsync(new Uri("/api/account/api-keys", UriKind.Relative));
        var names = (await list.ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Select(k => k.GetProperty("name").GetString()).ToList();
        CollectionAssert.Contains(names, KeyName);
    }

    private static string? NoteOf(JsonElement checklist, string itemId) =>
        checklist.GetProperty("dimensions").EnumerateArray()
            .SelectMany(d => d.GetProperty("items").EnumerateArray())
            .Single(i => i.GetProperty("id").GetString() == itemId)
            .GetProperty("answer").GetProperty("note").GetString();
}
