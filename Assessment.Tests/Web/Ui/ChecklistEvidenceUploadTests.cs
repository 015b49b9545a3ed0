using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Assessment.Scoring.Criteria;
using Microsoft.EntityFrameworkCore;
using static Assessment.Tests.Web.Ui.EvidenceUploadPages;

namespace Assessment.Tests.Web.Ui;

/// <summary>
/// A photo uploaded with the checklist form (no JavaScript) is placed in the evidence folder only when the save
/// commits: a refused save leaves neither a file nor a row, and nothing in the incoming folder.
/// </summary>
[TestClass]
public sealed partial class ChecklistEvidenceUploadTests
{
    private static ApiHost? host;
    private static ApiWorld? world;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        host = ApiHost.Sqlite();
        world = await ApiWorld.CreateAsync(host);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task A_save_with_a_photo_refused_as_stale_shows_412_and_leaves_no_file_and_no_evidence_row()
    {
        var (w, h) = (world!, host!);
        using var staff = await h.SignInAsync(w.StaffA);
        var page = $"/checklists/{w.SelfA}";
        var stale = await VersionAsync(staff, page);
        var yesNo = w.Criteria.Items.Where(i => i.Rule is YesNoRule).ToList();

        // Someone else saves first: the page's version is stale now.
        using (var other = await staff.PostFormAsync(page, [new("version", Text(stale)), new($"v_{yesNo[0].Id}", "yes")], $"{page}?handler=Save"))
        {
            Assert.AreEqual(HttpStatusCode.Redirect, other.StatusCode, await other.Content.ReadAsStringAsync());
        }

        var files = Files(h.EvidenceFolder);
        var rows = await RowCountAsync();
        using var refused = await staff.PostWithFileAsync(page, [new("version", Text(stale)), new($"v_{yesNo[1].Id}", "no")], $"f_{yesNo[1].Id}", Photo(), $"{page}?handler=Save");

        var html = await refused.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.PreconditionFailed, refused.StatusCode, html);
        StringAssert.Contains(html, "已被他人修改");
        CollectionAssert.AreEqual(files, Files(h.EvidenceFolder), "no file was placed or left behind");
        Assert.AreEqual(rows, await RowCountAsync(), "no evidence row");
    }

    [TestMethod]
    public async Task A_save_with_a_photo_and_an_answer_that_is_not_a_number_is_refused_and_the_received_photo_is_deleted()
    {
        var (w, h) = (world!, host!);
        using var staff = await h.SignInAsync(w.StaffA);
        var page = $"/checklists/{w.SelfA}";
        var version = await VersionAsync(staff, page);
        var yesNo = w.Criteria.Items.Where(i => i.Rule is YesNoRule).ToList()[2];
        var deduction = w.Criteria.Items.First(i => i.Rule is DeductionRule);
        var files = Files(h.EvidenceFolder);
        var rows = await RowCountAsync();

        // The photo is received and its row saved before the answers are read: the number refuses the whole save.
        using var refused = await staff.PostWithFileAsync(page,
            [new("version", Text(version)), new($"v_{yesNo.Id}", "yes"), new($"v_{deduction.Id}", "三处")], $"f_{yesNo.Id}", Photo(), $"{page}?handler=Save");

        var html = await refused.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.BadRequest, refused.StatusCode, html);
        StringAssert.Contains(html, "不是数字");
        CollectionAssert.AreEqual(files, Files(h.EvidenceFolder), "no file placed, nothing left in the incoming folder");
        Assert.IsEmpty(Incoming(h.EvidenceFolder), "the received photo was deleted");
        Assert.AreEqual(rows, await RowCountAsync(), "no evidence row");
        Assert.AreEqual(version, await h.WithDbAsync(db => db.Assessments.Where(a => a.Id == w.SelfA).Select(a => a.Version).SingleAsync()), "nothing saved");
    }

    [TestMethod]
    public async Task A_save_with_a_photo_places_exactly_one_file_whose_sha256_matches_its_row()
    {
        var (w, h) = (world!, host!);
        using var staff = await h.SignInAsync(w.StaffA);
        var page = $"/checklists/{w.SelfA}";
        var version = await VersionAsync(staff, page);
        var item = w.Criteria.Items.Where(i => i.Rule is YesNoRule).ToList()[3];
        var files = Files(h.EvidenceFolder);
        var before = await h.WithDbAsync(db => db.EvidenceFiles.Where(e => e.AssessmentId == w.SelfA).Select(e => e.Id).ToListAsync());
        var photo = Photo();

        using var saved = await staff.PostWithFileAsync(page, [new("version", Text(version)), new($"v_{item.Id}", "yes")], $"f_{item.Id}", photo, $"{page}?handler=Save");

        Assert.AreEqual(HttpStatusCode.Redirect, saved.StatusCode, await saved.Content.ReadAsStringAsync());
        var row = await h.WithDbAsync(db => db.EvidenceFiles.AsNoTracking().SingleAsync(e => e.AssessmentId == w.SelfA && !before.Contains(e.Id)));
        Assert.AreEqual(item.Id, row.ItemId);
        Assert.AreEqual(Sha256(photo), row.Sha256);
        var added = Files(h.EvidenceFolder).Except(files).ToList();
        CollectionAssert.AreEqual(new[] { row.StoragePath }, added, "exactly one new file, at the row's path");
        Assert.AreEqual(row.Sha256, Sha256(await File.ReadAllBytesAsync(Path.Combine(h.EvidenceFolder, row.StoragePath))));
        Assert.IsEmpty(Incoming(h.EvidenceFolder));
        var answer = await h.WithDbAsync(db => db.Answers.AsNoTracking().SingleAsync(a => a.AssessmentId == w.SelfA && a.ItemId == item.Id));
        CollectionAssert.Contains(answer.EvidenceIds.ToList(), row.Id, "the answer refers to the photo");
    }

    private static Task<int> RowCountAsync() => host!.WithDbAsync(db => db.EvidenceFiles.CountAsync(e => e.AssessmentId == world!.SelfA));

    private static async Task<long> VersionAsync(HttpClient client, string page) =>
        long.Parse(VersionPattern().Match(await client.GetPageAsync(page)).Groups[1].Value, CultureInfo.InvariantCulture);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();
}
