using System.Globalization;
using System.Net;
using Assessment.Tests.Browser;
using Assessment.Web.Persistence;
using Assessment.Web.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Assessment.Tests.Web.Ui.EvidenceUploadPages;

namespace Assessment.Tests.Web.Ui;

/// <summary>
/// A file uploaded on the center's action form (filed with its draft self-assessment) is placed in the evidence
/// folder only when the form's save commits: a refused form leaves neither a file nor a row, and nothing in the
/// incoming folder. On the seeded demo, as <see cref="LedgerPagesTests"/>, in an app of its own.
/// </summary>
[TestClass]
public sealed class LedgerEvidenceUploadTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DemoPages.Now.DateTime);

    private static BrowserApp? app;

    private static BrowserApp App => app!;

    private static string EvidenceFolder => App.Services.GetRequiredService<EvidenceStore>().Folder;

    [ClassInitialize]
    public static void Start(TestContext context) => app = DemoPages.Start();

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task An_upload_with_a_completion_date_after_today_is_refused_and_leaves_no_file_no_row_and_nothing_incoming()
    {
        using var client = await App.SignInAsync(DemoAccounts.Xining, DemoAccounts.XiningPassword);
        var (center, cycle, action) = await ActionAsync();
        var (files, rows) = (Files(EvidenceFolder), await RowCountAsync(center));

        using var refused = await client.PostWithFileAsync(Path(center, cycle, action),
            [.. Fields(action, "加装门禁，待验收"), new("Form.Status", "Completed"), new("Form.CompletedOn", Date(Today.AddDays(3)))], "Upload", Photo());

        var html = await refused.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, refused.StatusCode, html);
        StringAssert.Contains(html, "完成时间不能晚于今天");
        CollectionAssert.AreEqual(files, Files(EvidenceFolder), "no file placed, nothing left in the incoming folder");
        Assert.IsEmpty(Incoming(EvidenceFolder), "the received file was deleted");
        Assert.AreEqual(rows, await RowCountAsync(center), "no evidence row");
        Assert.AreEqual(action.Measures, (await ReadAsync(center, cycle, action.Id)).Measures, "nothing of the form saved");
    }

    [TestMethod]
    public async Task An_upload_on_a_stale_form_is_refused_and_leaves_no_file_no_row_and_nothing_incoming()
    {
        using var client = await App.SignInAsync(DemoAccounts.Xining, DemoAccounts.XiningPassword);
        var (center, cycle, action) = await ActionAsync();
        using (var first = await client.PostFormAsync(Path(center, cycle, action), [.. Fields(action, $"先保存的措施 {Guid.NewGuid():N}"), new("Form.Status", action.Status.ToString())]))
        {
            Assert.AreEqual(HttpStatusCode.Redirect, first.StatusCode, await first.Content.ReadAsStringAsync());
        }

        var (files, rows) = (Files(EvidenceFolder), await RowCountAsync(center));
        using var refused = await client.PostWithFileAsync(Path(center, cycle, action),
            [.. Fields(action, "旧表单上的措施"), new("Form.Status", action.Status.ToString())], "Upload", Photo());

        var html = await refused.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, refused.StatusCode, html);
        StringAssert.Contains(html, "已被他人修改");
        CollectionAssert.AreEqual(files, Files(EvidenceFolder), "no file placed, nothing left in the incoming folder");
        Assert.IsEmpty(Incoming(EvidenceFolder));
        Assert.AreEqual(rows, await RowCountAsync(center), "no evidence row");
        Assert.AreNotEqual("旧表单上的措施", (await ReadAsync(center, cycle, action.Id)).Measures);
    }

    [TestMethod]
    public async Task An_accepted_upload_places_exactly_one_file_whose_sha256_matches_its_row_and_the_action_refers_to_it()
    {
        using var client = await App.SignInAsync(DemoAccounts.Xining, DemoAccounts.XiningPassword);
        var (center, cycle, action) = await ActionAsync();
        var files = Files(EvidenceFolder);
        var self = await SelfAssessmentAsync(center);
        var before = await App.WithDbAsync(db => db.EvidenceFiles.Where(e => e.AssessmentId == self).Select(e => e.Id).ToListAsync());
        var photo = Photo();

        using var saved = await client.PostWithFileAsync(Path(center, cycle, action),
            [.. Fields(action, "门禁已安装"), new("Form.Status", action.Status.ToString())], "Upload", photo);

        Assert.AreEqual(HttpStatusCode.Redirect, saved.StatusCode, await saved.Content.ReadAsStringAsync());
        var row = await App.WithDbAsync(db => db.EvidenceFiles.AsNoTracking().SingleAsync(e => e.AssessmentId == self && !before.Contains(e.Id)));
        Assert.AreEqual(Sha256(photo), row.Sha256);
        CollectionAssert.AreEqual(new[] { row.StoragePath }, Files(EvidenceFolder).Except(files).ToList(), "exactly one new file, at the row's path");
        Assert.AreEqual(row.Sha256, Sha256(await File.ReadAllBytesAsync(System.IO.Path.Combine(EvidenceFolder, row.StoragePath))));
        Assert.IsEmpty(Incoming(EvidenceFolder));
        CollectionAssert.Contains((await ReadAsync(center, cycle, action.Id)).EvidenceIds.ToList(), row.Id, "the action refers to the upload");
    }

    /// <summary>An action of 西宁 in progress, read fresh.</summary>
    private static async Task<(int Center, int Cycle, RectificationAction Action)> ActionAsync()
    {
        var (center, cycle) = (await App.CenterIdAsync("QH-XN"), await App.CycleIdAsync(2021));
        var action = (await App.LedgerAsync(center, cycle)).Findings.OrderBy(f => f.Order).SelectMany(f => f.Actions.OrderBy(a => a.Order))
            .First(a => a.Status == ActionStatus.InProgress);
        return (center, cycle, action);
    }

    private static async Task<RectificationAction> ReadAsync(int center, int cycle, int actionId) =>
        (await App.LedgerAsync(center, cycle)).Findings.SelectMany(f => f.Actions).Single(a => a.Id == actionId);

    /// <summary>The form as the page shows it for <paramref name="action"/>, with new measures (the status is the caller's).</summary>
    private static List<KeyValuePair<string, string>> Fields(RectificationAction action, string measures) =>
    [
        new("Form.Version", action.Version.ToString(CultureInfo.InvariantCulture)),
        new("Form.Measures", measures),
        new("Form.LastingRules", action.LastingRules ?? ""),
        new("Form.ProgressNote", action.ProgressNote ?? ""),
        .. action.EvidenceIds.Select(id => new KeyValuePair<string, string>("Form.EvidenceIds", id.ToString(CultureInfo.InvariantCulture))),
    ];

    private static string Path(int center, int cycle, RectificationAction action) => $"/ledger/{center}/{cycle}/actions/{action.Id}";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Where the page files a new upload: the center's draft self-assessment.</summary>
    private static Task<int> SelfAssessmentAsync(int center) =>
        App.WithDbAsync(db => db.Assessments.Where(a => a.CenterId == center && a.Kind == AssessmentKind.SelfAssessment && a.Status == AssessmentStatus.Draft)
            .Select(a => a.Id).SingleAsync());

    private static Task<int> RowCountAsync(int center) =>
        App.WithDbAsync(db => db.EvidenceFiles.CountAsync(e => db.Assessments.Any(a => a.Id == e.AssessmentId && a.CenterId == center)));
}
