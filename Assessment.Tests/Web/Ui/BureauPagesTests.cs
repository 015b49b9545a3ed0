using System.Globalization;
using System.IO.Compression;
using System.Net;
using Assessment.Scoring.Cycles;
using Assessment.Web.Demo;
using Assessment.Web.Persistence;
using Assessment.Web.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Assessment.Tests.Web.DemoAccounts;

namespace Assessment.Tests.Web.Ui;

/// <summary>
/// The bureau's pages and the results pages on the seeded demo (2021 published through the workflow, 2022 open), through
/// the real pipeline on a SQLite file: what the bureau and an analyst read, and what the bureau does (finalize, amend,
/// publish, settings, the zip job) through the pages' forms.
/// </summary>
[TestClass]
public sealed class BureauPagesTests
{

    private static ApiHost? host;
    private static int cycle2021;
    private static int cycle2022;

    private static ApiHost Host => host!;

    [ClassInitialize]
    public static async Task SeedAsync(TestContext context)
    {
        host = ApiHost.Sqlite();
        await Host.SeedDemoAsync();
        cycle2021 = await Host.CycleIdAsync(2021);
        cycle2022 = await Host.CycleIdAsync(2022);
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
    public async Task The_2021_dashboard_shows_the_stored_ranking_with_Haibei_first_and_the_two_demonstration_centers()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var html = await bureau.GetPageAsync($"/bureau/cycles/{cycle2021}");
        var rows = PageHtml.TableRows(html, "ranking").Skip(1).ToList();
        var stored = await StoredAsync(cycle2021);
        Assert.HasCount(stored.Count, rows);
        for (var i = 0; i < stored.Count; i++)
        {
            var r = stored[i];
            var expected = new List<string> { r.Rank.ToString(CultureInfo.InvariantCulture), DemoCycleReader.Short(r.Center!.Name) };
            expected.AddRange(r.Dimensions.OrderBy(d => d.Id).Select(d => PublishedFigures.Format(d.Score!.Value)));
            expected.AddRange([PublishedFigures.Format(r.Total), r.Grade]);
            CollectionAssert.AreEqual(expected, rows[i][..^1], $"row {i + 1} equals the stored result of {r.Center.Name}");
            Assert.AreEqual(r.IsDemonstration, rows[i][^1].StartsWith("★ 示范中心", StringComparison.Ordinal), r.Center.Name);
        }

        CollectionAssert.AreEqual(new[] { "1", "海北州" }, rows[0][..2]);
        Assert.AreEqual("95.50", rows[0][^3]);
        CollectionAssert.AreEquivalent(new[] { "海北州", "格尔木市" }, rows.Where(r => r[^1].StartsWith('★')).Select(r => r[1]).ToArray());
        Assert.DoesNotContain("预览，未发布", html, "a published cycle shows its stored results, not a preview");

        // Each chart sits next to its numbers, with a summary for screen readers and the data the tables show.
        StringAssert.Contains(html, "data-chart=\"totals\" role=\"img\" aria-label=\"各中心总分柱状图：8个中心，最高海北州 95.50分");
        StringAssert.Contains(html, "data-chart=\"radar\"");
        StringAssert.Contains(html, "id=\"cycle-results-data\"");
        StringAssert.Contains(html, "/lib/echarts/echarts.min.js");
        Assert.DoesNotContain("data-chart=\"yoy\"", html, "2021 has no earlier published cycle");
    }

    [TestMethod]
    public async Task The_radar_table_compares_the_chosen_center_with_the_province_mean_of_the_stored_scores()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var stored = await StoredAsync(cycle2021);
        var yushu = stored.Single(r => r.Center!.Code == "QH-YS");
        var html = await bureau.GetPageAsync($"/bureau/cycles/{cycle2021}?center={yushu.CenterId}");
        var rows = PageHtml.TableRows(html, "profile").Skip(1).ToList();
        var dimensions = yushu.Dimensions.OrderBy(d => d.Id).ToList();
        Assert.HasCount(dimensions.Count, rows);
        for (var i = 0; i < dimensions.Count; i++)
        {
            var mean = SummaryStatistics.Of(stored.Select(r => PublishedFigures.Round(r.Dimensions.Single(d => d.Code == dimensions[i].Code).Score!.Value)).ToArray()).Mean;
            Assert.AreEqual(PublishedFigures.Format(dimensions[i].Score!.Value), rows[i][1], dimensions[i].Name);
            Assert.AreEqual(PublishedFigures.Format(mean), rows[i][2], dimensions[i].Name);
        }

        StringAssert.Contains(html, $"<option value=\"{yushu.CenterId}\" selected=\"selected\">玉树州公共资源交易中心</option>");
    }

    [TestMethod]
    public async Task An_analyst_reads_the_published_results_with_feed_links_but_never_an_unpublished_cycle()
    {
        using var analyst = await PageHtml.SignInAsync(Host, "analyst", DemoAccounts.AnalystPassword);
        var list = await analyst.GetPageAsync("/results");
        StringAssert.Contains(list, $"href=\"/results/{cycle2021}\"");
        Assert.DoesNotContain($"href=\"/results/{cycle2022}\"", list);

        var html = await analyst.GetPageAsync($"/results/{cycle2021}");
        var rows = PageHtml.TableRows(html, "ranking").Skip(1).ToList();
        var stored = await StoredAsync(cycle2021);
        CollectionAssert.AreEqual(stored.Select(r => PublishedFigures.Format(r.Total)).ToArray(), rows.Select(r => r[^3]).ToArray());
        CollectionAssert.AreEqual(stored.Select(r => r.Rank.ToString(CultureInfo.InvariantCulture)).ToArray(), rows.Select(r => r[0]).ToArray());
        Assert.DoesNotContain("/bureau/cycles/", html, "an analyst gets no links into the bureau's pages");
        StringAssert.Contains(html, $"/odata/Rankings?$filter=CycleId%20eq%20{cycle2021}&amp;$orderby=Rank%2CCenterCode");
        StringAssert.Contains(html, "/odata/DimensionScores?$filter=AssessmentId%20in%20%28");
        StringAssert.Contains(html, "数据 → 自 OData 数据馈送");
        StringAssert.Contains(html, "href=\"/feed\"");

        using var unpublished = await analyst.GetAsync($"/results/{cycle2022}");
        Assert.AreEqual(HttpStatusCode.NotFound, unpublished.StatusCode);
    }

    [TestMethod]
    public async Task The_feed_link_of_the_ranking_returns_the_rows_the_page_shows()
    {
        using var analyst = await PageHtml.SignInAsync(Host, "analyst", DemoAccounts.AnalystPassword);
        var html = await analyst.GetPageAsync($"/results/{cycle2021}");
        var href = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/odata/Rankings[^\"]+)\"").Groups[1].Value;
        using var feed = Host.Anonymous();
        // The feed takes credentials over HTTPS only (or from this machine): Excel on the bureau's network uses https://.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("https://localhost" + WebUtility.HtmlDecode(href)));
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("analyst:Qinghai-Analyst-2021")));
        using var response = await feed.SendAsync(request);
        var body = await response.ExpectAsync(HttpStatusCode.OK);
        var totals = body.GetProperty("value").EnumerateArray().Select(r => PublishedFigures.Format(r.GetProperty("Total").GetDecimal())).ToArray();
        CollectionAssert.AreEqual(PageHtml.TableRows(html, "ranking").Skip(1).Select(r => r[^3]).ToArray(), totals);
    }

    [TestMethod]
    public async Task The_2022_dashboard_shows_who_has_self_assessed_and_been_inspected_and_labels_its_ranking_a_preview()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var html = await bureau.GetPageAsync($"/bureau/cycles/{cycle2022}");
        var matrix = PageHtml.TableRows(html, "matrix").Skip(1).ToList();
        var current = await Host.WithDbAsync(db => db.Assessments.Where(a => a.CycleId == cycle2022)
            .Where(a => !db.Assessments.Any(b => b.CycleId == a.CycleId && b.CenterId == a.CenterId && b.Kind == a.Kind && b.Revision > a.Revision))
            .Include(a => a.Center).ToListAsync());
        Assert.HasCount(8, matrix);
        foreach (var row in matrix)
        {
            var self = current.Single(a => a.Center!.Name == row[0] && a.Kind == AssessmentKind.SelfAssessment);
            var inspection = current.Single(a => a.Center!.Name == row[0] && a.Kind == AssessmentKind.Inspection);
            StringAssert.StartsWith(row[1], StatusNames.Of(self.Status), row[0]);
            StringAssert.StartsWith(row[2], StatusNames.Of(inspection.Status), row[0]);
        }

        Assert.AreEqual(4, matrix.Count(r => r[1].StartsWith("已提交", StringComparison.Ordinal)), "the demo has four self-assessments submitted");
        StringAssert.Contains(html, "8 个中心：自评已提交 4 个");
        StringAssert.Contains(html, "预览，未发布");
        StringAssert.Contains(html, "发布2022年度考核结果");
    }

    [TestMethod]
    public async Task Publishing_an_open_cycle_is_refused_with_every_center_whose_inspection_is_not_finalized()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var path = $"/bureau/cycles/{cycle2022}";
        using var unconfirmed = await bureau.PostFormAsync(path, [], action: $"{path}?handler=Publish");
        Assert.AreEqual(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        StringAssert.Contains(await unconfirmed.Content.ReadAsStringAsync(), "请勾选确认后再发布");

        using var refused = await bureau.PostFormAsync(path, [new("ConfirmPublish", "true")], action: $"{path}?handler=Publish");
        var html = await refused.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        StringAssert.Contains(html, "发布未成功：");
        var open = await Host.WithDbAsync(db => db.Assessments.Where(a => a.CycleId == cycle2022 && a.Kind == AssessmentKind.Inspection && a.Status != AssessmentStatus.Finalized)
            .Select(a => a.Center!.Name).Distinct().ToListAsync());
        StringAssert.Contains(html, $"有 {open.Count} 个中心的考核尚未定稿，不能发布");
        var blockers = System.Text.RegularExpressions.Regex.Match(html, "<ul class=\"blockers\">(.*?)</ul>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        foreach (var name in open)
        {
            StringAssert.Contains(blockers, $"<strong>{name}</strong>：考核（第 ", name);
        }

        Assert.AreEqual(CycleStatus.Open, await Host.WithDbAsync(db => db.Cycles.Where(c => c.Id == cycle2022).Select(c => c.Status).SingleAsync()));
        Assert.AreEqual(0, await Host.WithDbAsync(db => db.CycleResults.CountAsync(r => r.CycleId == cycle2022)));
    }

    [TestMethod]
    public async Task The_bureau_finalizes_an_inspection_on_its_page_and_the_preview_ranks_it_as_the_publisher_would()
    {
        var inspectionId = await SubmittedInspectionAsync("QH-HB");
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var path = $"/bureau/assessments/{inspectionId}";
        var page = await bureau.GetPageAsync(path);
        StringAssert.Contains(page, "定稿（冻结评分）");
        var version = await VersionAsync(inspectionId);

        using var unconfirmed = await bureau.PostFormAsync(path, [new("Version", version.ToString(CultureInfo.InvariantCulture))], action: $"{path}?handler=Finalize");
        Assert.AreEqual(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        using var stale = await bureau.PostFormAsync(path, [new("Version", (version - 1).ToString(CultureInfo.InvariantCulture)), new("ConfirmFinalize", "true")], action: $"{path}?handler=Finalize");
        Assert.AreEqual(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        StringAssert.Contains(await stale.Content.ReadAsStringAsync(), "已被他人修改");
        Assert.AreEqual(AssessmentStatus.Submitted, await StatusAsync(inspectionId), "neither refusal changed anything");

        using var finalized = await bureau.PostFormAsync(path, [new("Version", version.ToString(CultureInfo.InvariantCulture)), new("ConfirmFinalize", "true")], action: $"{path}?handler=Finalize");
        Assert.AreEqual(HttpStatusCode.Redirect, finalized.StatusCode, await finalized.Content.ReadAsStringAsync());
        Assert.AreEqual(AssessmentStatus.Finalized, await StatusAsync(inspectionId));
        var after = await bureau.GetPageAsync(path);
        StringAssert.Contains(after, "已定稿：总分");
        StringAssert.Contains(after, "状态：已提交 → 已定稿", "the audit trail shows the finalization");
        var audited = await Host.WithDbAsync(db => db.AuditLog.CountAsync(e => e.EntityType == nameof(AssessmentRecord) && e.EntityId == inspectionId.ToString(CultureInfo.InvariantCulture) && e.ActorName == Admin));
        Assert.IsGreaterThan(0, audited, "the finalization is audited under the bureau user");

        // The dashboard's preview is the publisher's analysis over the finalized inspections.
        var dashboard = await bureau.GetPageAsync($"/bureau/cycles/{cycle2022}");
        StringAssert.Contains(dashboard, "预览，未发布");
        var preview = await PreviewAsync(cycle2022);
        var rows = PageHtml.TableRows(dashboard, "ranking").Skip(1).ToList();
        Assert.HasCount(preview.Rankings.Count, rows);
        var haibei = preview.Rankings.Single(r => r.Name == "海北州公共资源交易中心");
        var row = rows.Single(r => r[1] == DemoCycleReader.Short(haibei.Name));
        Assert.AreEqual(haibei.Rank.ToString(CultureInfo.InvariantCulture), row[0]);
        Assert.AreEqual(PublishedFigures.Format(haibei.Total), row[^3]);
        Assert.AreEqual(haibei.Grade, row[^2]);
        StringAssert.Contains(dashboard, "data-chart=\"yoy\"", "2021 is an earlier published cycle: year over year appears");
        var yoy = PageHtml.TableRows(dashboard, "yoy").Skip(1).Single(r => r[0] == "海北州");
        CollectionAssert.AreEqual(new[] { "海北州", "95.50", PublishedFigures.Format(haibei.Total) }, yoy[..3]);
    }

    [TestMethod]
    public async Task Amending_a_finalized_inspection_needs_a_reason_keeps_the_finalized_revision_and_shows_the_history()
    {
        var inspectionId = await SubmittedInspectionAsync("QH-GEM");
        await using (var scope = Host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<AssessmentService>().FinalizeAsync(inspectionId, null);
        }

        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var path = $"/bureau/assessments/{inspectionId}";
        StringAssert.Contains(await bureau.GetPageAsync(path), "修订原因（必填）");
        var version = (await VersionAsync(inspectionId)).ToString(CultureInfo.InvariantCulture);

        using var noReason = await bureau.PostFormAsync(path, [new("Version", version), new("Reason", "  ")], action: $"{path}?handler=Amend");
        Assert.AreEqual(HttpStatusCode.BadRequest, noReason.StatusCode);
        StringAssert.Contains(await noReason.Content.ReadAsStringAsync(), "请填写修订原因");
        Assert.AreEqual(1, await RevisionCountAsync("QH-GEM"), "no revision without a reason");

        using var amended = await bureau.PostFormAsync(path, [new("Version", version), new("Reason", "复核发现硬件设施项漏记")], action: $"{path}?handler=Amend");
        Assert.AreEqual(HttpStatusCode.Redirect, amended.StatusCode, await amended.Content.ReadAsStringAsync());
        var newPath = amended.Headers.Location!.OriginalString;
        Assert.AreNotEqual(path, newPath);
        Assert.AreEqual(2, await RevisionCountAsync("QH-GEM"));
        Assert.AreEqual(AssessmentStatus.Finalized, await StatusAsync(inspectionId), "the finalized revision is kept as it was");

        var history = await bureau.GetPageAsync(newPath);
        StringAssert.Contains(history, "已建立第 2 版修订");
        StringAssert.Contains(history, "修订原因：复核发现硬件设施项漏记");
        var revisions = PageHtml.TableRows(history, "revisions").Skip(1).ToList();
        CollectionAssert.AreEqual(new[] { "第1版", "已定稿" }, revisions[0][..2]);
        CollectionAssert.AreEqual(new[] { "第2版", "填报中" }, revisions[1][..2]);
        Assert.AreEqual("复核发现硬件设施项漏记", revisions[1][^1]);
    }

    [TestMethod]
    public async Task The_review_page_shows_the_engines_points_and_explanations_and_the_inspectors_notes()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var (id, card) = await Host.WithDbAsync(async db =>
        {
            var (_, assessments) = await DemoCycleReader.LoadAsync(db, 2021);
            var inspection = assessments.Single(a => a.Center!.Code == "QH-HD" && a.Kind == AssessmentKind.Inspection);
            return (inspection.Id, DemoCycleReader.Rescore(DemoHost.Criteria.Find("qh-demo-2021")!, inspection));
        });
        var html = await bureau.GetPageAsync($"/bureau/assessments/{id}");
        var rows = PageHtml.TableRows(html, "checklist");
        foreach (var item in card.Items.Where(i => i.PointsLost > 0))
        {
            var row = rows.Single(r => r[0].StartsWith(item.ItemId + " ", StringComparison.Ordinal));
            StringAssert.StartsWith(row[2], $"{item.Points!.Value.ToString("0.##", CultureInfo.InvariantCulture)} / {item.Item.MaxPoints.ToString("0.##", CultureInfo.InvariantCulture)}", item.ItemId);
            StringAssert.Contains(row[2], "▼失分", item.ItemId);
            Assert.AreEqual(item.Explanation, row[3], item.ItemId);
        }

        Assert.DoesNotContain("handler=Finalize", html, "a published cycle's inspection cannot be finalized again");
        Assert.DoesNotContain("handler=Amend", html, "nor amended");
    }

    [TestMethod]
    public async Task The_center_page_flags_Hainan_for_recheck_as_the_engine_does()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var (centerId, comparison) = await Host.WithDbAsync(async db =>
        {
            var (_, assessments) = await DemoCycleReader.LoadAsync(db, 2021);
            var analysis = DemoCycleReader.Analyze(DemoHost.Criteria.Find("qh-demo-2021")!, assessments);
            return (assessments.First(a => a.Center!.Code == "QH-HAN").CenterId, analysis.SelfAssessments.Single(s => s.CenterId == "QH-HAN"));
        });
        Assert.IsTrue(comparison.NeedsRecheck, "the demo flags 海南州");
        var html = await bureau.GetPageAsync($"/bureau/cycles/{cycle2021}/centers/{centerId}");
        StringAssert.Contains(html, $"⚑ 需复核</strong>：{comparison.RecheckReason}");
        var items = PageHtml.TableRows(html, "items").Skip(1).ToList();
        Assert.HasCount(comparison.Items.Count, items);
        foreach (var gap in comparison.Items.Where(i => i.Gap != 0))
        {
            var row = items.Single(r => r[0].StartsWith(gap.ItemId + " ", StringComparison.Ordinal));
            Assert.AreEqual(PublishedFigures.Format(gap.SelfPoints), row[2], gap.ItemId);
            Assert.AreEqual(PublishedFigures.Format(gap.InspectionPoints), row[3], gap.ItemId);
            Assert.AreEqual(gap.Gap > 0 ? "▲ 自评偏高" : "▽ 自评偏低", row[5], gap.ItemId);
        }
    }

    [TestMethod]
    public async Task The_settings_form_names_each_wrong_field_saves_nothing_then_saves_the_whole_form()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var path = $"/bureau/cycles/{cycle2022}/publication";
        var page = await bureau.GetPageAsync(path);
        StringAssert.Contains(page, "尚未保存过");
        var fields = PageHtml.FormFields(page, "<form method=\"post\" class=\"settings\"");
        Assert.AreEqual("0", fields.Value("Form.Version"));

        var wrong = fields.With("Form.IssuerName", "").With("Form.Number", "三").With("Form.Addressees", "").With("Form.PrintDate", "2022-01-01").With("Form.SignatureDate", "2023-01-27");
        using var refused = await bureau.PostFieldsAsync(path, wrong);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.BadRequest, refused.StatusCode);
        StringAssert.Contains(html, "<span class=\"error\" id=\"issuerName-error\">必填。</span>");
        StringAssert.Contains(html, "<span class=\"error\" id=\"number-error\">须为整数。</span>");
        StringAssert.Contains(html, "<span class=\"error\" id=\"addressees-error\">至少填写一项。</span>");
        StringAssert.Contains(html, "<span class=\"error\" id=\"printDate-error\">印发日期不能早于成文日期。</span>");
        StringAssert.Contains(html, "整份设置均未保存");
        Assert.AreEqual(0, await Host.WithDbAsync(db => db.PublicationSettings.CountAsync(s => s.CycleId == cycle2022)), "nothing saved");

        var valid = fields.With("Form.Number", "7").With("Form.Addressees", "各市州公共资源交易中心\n格尔木市公共资源交易中心").With("Form.CopyTo", "省发展改革委").With("Form.RectifyWithinDays", "45");
        using var saved = await bureau.PostFieldsAsync(path, valid);
        Assert.AreEqual(HttpStatusCode.Redirect, saved.StatusCode, await saved.Content.ReadAsStringAsync());
        var settings = await Host.WithDbAsync(db => db.PublicationSettings.SingleAsync(s => s.CycleId == cycle2022));
        Assert.AreEqual(7, settings.Number);
        Assert.AreEqual(45, settings.RectifyWithinDays);
        CollectionAssert.AreEqual(new[] { "各市州公共资源交易中心", "格尔木市公共资源交易中心" }, settings.Addressees);
        CollectionAssert.AreEqual(new[] { "省发展改革委" }, settings.CopyTo);
        Assert.AreEqual(fields.Value("Form.Basis"), settings.Basis, "the fields not changed are saved as shown");
        Assert.IsTrue(await Host.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.EntityType == nameof(PublicationSettings) && e.ActorName == Admin)), "audited");

        var reloaded = PageHtml.FormFields(await bureau.GetPageAsync(path), "<form method=\"post\" class=\"settings\"");
        Assert.AreEqual("7", reloaded.Value("Form.Number"));
        Assert.AreEqual(settings.Version.ToString(CultureInfo.InvariantCulture), reloaded.Value("Form.Version"));

        // The first page's version is now stale: a second save from it is refused, never overwriting.
        using var stale = await bureau.PostFieldsAsync(path, valid.With("Form.Number", "8"));
        Assert.AreEqual(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.AreEqual(7, await Host.WithDbAsync(db => db.PublicationSettings.Where(s => s.CycleId == cycle2022).Select(s => s.Number).SingleAsync()));
    }

    [TestMethod]
    public async Task The_zip_of_all_feedback_letters_shows_its_progress_and_then_the_download()
    {
        using var bureau = await PageHtml.SignInAsync(Host, Admin, AdminPassword);
        var dashboard = $"/bureau/cycles/{cycle2021}";
        var html = await bureau.GetPageAsync(dashboard);
        StringAssert.Contains(html, $"href=\"/api/cycles/{cycle2021}/reports/circular\"");
        var stored = await StoredAsync(cycle2021);
        foreach (var r in stored)
        {
            StringAssert.Contains(html, $"href=\"/api/cycles/{cycle2021}/reports/feedback/{r.CenterId}\"", r.Center!.Name);
            StringAssert.Contains(html, $"href=\"/api/cycles/{cycle2021}/reports/rectification/{r.CenterId}\"", r.Center.Name);
        }

        using var started = await bureau.PostFormAsync(dashboard, [], action: $"{dashboard}?handler=Zip");
        Assert.AreEqual(HttpStatusCode.Redirect, started.StatusCode, await started.Content.ReadAsStringAsync());
        var jobPage = started.Headers.Location!.OriginalString;
        StringAssert.StartsWith(jobPage, "/bureau/report-jobs/");
        var first = await bureau.GetPageAsync(jobPage);
        StringAssert.Contains(first, "生成进度");
        StringAssert.Contains(first, "/js/report-jobs.js");

        string page;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            page = await bureau.GetPageAsync(jobPage);
            if (!page.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal))
            {
                break;
            }

            StringAssert.Contains(page, "<noscript><meta http-equiv=\"refresh\"", "without script the page refreshes itself while the job runs");
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        StringAssert.Contains(page, $"<span data-job-count>{stored.Count} / {stored.Count}</span>");
        var file = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/api/report-jobs/[^\"]+/file)\"").Groups[1].Value;
        using var zip = await bureau.GetAsync(file);
        Assert.AreEqual(HttpStatusCode.OK, zip.StatusCode);
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        Assert.HasCount(stored.Count, archive.Entries);
    }

    [TestMethod]
    public async Task Center_staff_inspectors_and_analysts_are_refused_the_bureaus_pages()
    {
        var refused = new[] { ("haibei", DemoAccounts.HaibeiPassword), ("inspector.wang", DemoAccounts.InspectorWangPassword), ("analyst", DemoAccounts.AnalystPassword) };
        foreach (var (user, password) in refused)
        {
            using var client = await PageHtml.SignInAsync(Host, user, password);
            foreach (var path in new[] { "/bureau/cycles", $"/bureau/cycles/{cycle2021}", $"/bureau/cycles/{cycle2022}/publication" })
            {
                using var response = await client.GetAsync(path);
                Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, $"{user} {path}");
                StringAssert.StartsWith(response.Headers.Location!.AbsolutePath, "/account/denied", $"{user} {path}");
            }

            using var results = await client.GetAsync($"/results/{cycle2021}");
            Assert.AreEqual(user == "analyst" ? HttpStatusCode.OK : HttpStatusCode.Redirect, results.StatusCode, $"{user} /results");
        }
    }

    private static Task<List<CycleResult>> StoredAsync(int cycleId) =>
        Host.WithDbAsync(db => db.CycleResults.Include(r => r.Center).Include(r => r.Dimensions)
            .Where(r => r.CycleId == cycleId).OrderBy(r => r.Rank).ThenBy(r => r.Id).ToListAsync());

    private static async Task<CycleAnalysis> PreviewAsync(int cycleId)
    {
        await using var scope = Host.Scope();
        return (await scope.ServiceProvider.GetRequiredService<CyclePublisher>().PreviewAsync(cycleId)).Analysis;
    }

    private static Task<long> VersionAsync(int id) => Host.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());

    private static Task<AssessmentStatus> StatusAsync(int id) => Host.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());

    private static Task<int> RevisionCountAsync(string centerCode) =>
        Host.WithDbAsync(db => db.Assessments.CountAsync(a => a.CycleId == cycle2022 && a.Center!.Code == centerCode && a.Kind == AssessmentKind.Inspection));

    /// <summary>The 2022 inspection of a center, answered in full and submitted by its inspectors (through the workflow).</summary>
    private static async Task<int> SubmittedInspectionAsync(string centerCode)
    {
        await using var scope = Host.Scope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AssessmentDbContext>();
        var id = await db.Assessments.Where(a => a.CycleId == cycle2022 && a.Center!.Code == centerCode && a.Kind == AssessmentKind.Inspection)
            .OrderByDescending(a => a.Revision).Select(a => a.Id).FirstAsync();
        var workflow = services.GetRequiredService<AssessmentService>();
        var criteria = DemoHost.Criteria.Find("qh-demo-2022")!;
        var answers = ApiWorld.Answers(criteria, 0)
            .Select(a => new AnswerInput { ItemId = a.ItemId, Met = a.Met, Level = a.Level, Number = a.Number, Method = a.Method })
            .ToArray();
        await workflow.SaveAnswersAsync(id, null, new SaveAnswersRequest(answers));
        await workflow.SubmitAsync(id, null);
        return id;
    }
}
