using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Assessment.Scoring.Checklists;
using Assessment.Scoring.Cycles;
using Assessment.Scoring.Scoring;
using Assessment.Web.Persistence;
using Assessment.Web.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using static Assessment.Tests.Web.ApiRequests;

namespace Assessment.Tests.Web;

/// <summary>
/// The JSON API's workflow through the real HTTP pipeline, proved on each provider by
/// <see cref="ApiOnSqliteTests"/> and <see cref="ApiOnPostgresTests"/>. Each test builds its own
/// <see cref="ApiWorld"/> in the class's shared database.
/// </summary>
public abstract class ApiWorkflowContract
{
    protected abstract ApiHost Host { get; }

    [TestMethod]
    public async Task Self_assessment_inspection_submit_finalize_and_publish_give_the_engines_rankings()
    {
        var world = await ApiWorld.CreateAsync(Host);
        using var staffA = await Host.SignInAsync(world.StaffA);
        using var staffB = await Host.SignInAsync(world.StaffB);
        using var inspector = await Host.SignInAsync(world.Inspector);
        using var bureau = await Host.SignInAsync(world.Bureau);
        var answers = new Dictionary<int, IReadOnlyList<ItemAnswer>>
        {
            [world.SelfA] = ApiWorld.Answers(world.Criteria, 0),
            [world.SelfB] = ApiWorld.Answers(world.Criteria, 0),
            [world.InspectionA] = ApiWorld.Answers(world.Criteria, 1),
            [world.InspectionB] = ApiWorld.Answers(world.Criteria, 2),
        };

        await AnswerAndSubmitAsync(staffA, world.SelfA, answers[world.SelfA]);
        await AnswerAndSubmitAsync(staffB, world.SelfB, answers[world.SelfB]);
        await AnswerAndSubmitAsync(inspector, world.InspectionA, answers[world.InspectionA]);
        await AnswerAndSubmitAsync(inspector, world.InspectionB, answers[world.InspectionB]);
        foreach (var id in new[] { world.InspectionA, world.InspectionB, world.SelfA, world.SelfB })
        {
            var version = (await bureau.GetAsync($"/api/assessments/{id}/checklist")).ETag();
            using var finalized = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/assessments/{id}/finalize", null, version));
            var state = await finalized.ExpectAsync(HttpStatusCode.OK);
            Assert.AreEqual("Finalized", state.GetProperty("status").GetString());
            var engine = Scorer.Score(world.Criteria, new Checklist { CriteriaId = world.Criteria.Id, Answers = answers[id] });
            Assert.AreEqual((double)engine.Total!.Value, state.GetProperty("total").GetDouble(), 1e-9, $"frozen total of {id}");
        }

        // Every frozen item carries its cycle's year, which the feed's ItemScores filter on.
        var itemYears = await Host.WithDbAsync(db => db.Set<ItemScoreRecord>()
            .Where(i => db.Scorecards.Any(s => s.Id == i.ScorecardId && db.Assessments.Any(a => a.Id == s.AssessmentId && a.CycleId == world.CycleId)))
            .Select(i => i.CycleYear).Distinct().ToListAsync());
        var cycleYear = await Host.WithDbAsync(db => db.Cycles.Where(c => c.Id == world.CycleId).Select(c => c.Year).SingleAsync());
        CollectionAssert.AreEqual(new[] { cycleYear }, itemYears);

        using var published = await bureau.PostAsync($"/api/cycles/{world.CycleId}/publish", null);
        await published.ExpectAsync(HttpStatusCode.OK);
        using var resultsResponse = await staffA.GetAsync($"/api/cycles/{world.CycleId}/results");
        var results = (await resultsResponse.ExpectAsync(HttpStatusCode.OK)).GetProperty("results");

        var expected = CycleAnalyzer.Analyze(world.Criteria,
        [
            Center(world, world.CenterA, answers[world.InspectionA], answers[world.SelfA]),
            Center(world, world.CenterB, answers[world.InspectionB], answers[world.SelfB]),
        ]);
        Assert.AreEqual(expected.Rankings.Count, results.GetArrayLength());
        for (var i = 0; i < expected.Rankings.Count; i++)
        {
            var ranking = expected.Rankings[i];
            var row = results[i];
            Assert.AreEqual(ranking.CenterId, row.GetProperty("centerId").GetInt32().ToString(CultureInfo.InvariantCulture));
            Assert.AreEqual(ranking.Rank, row.GetProperty("rank").GetInt32());
            Assert.AreEqual(ranking.PublishedTotal, row.GetProperty("publishedTotal").GetDecimal());
            Assert.AreEqual(ranking.Grade, row.GetProperty("grade").GetString());
            Assert.AreEqual(ranking.Demonstration.IsSelected, row.GetProperty("isDemonstration").GetBoolean());
            Assert.AreEqual((double)ranking.Total, row.GetProperty("total").GetDouble(), 1e-9);
        }

        Assert.AreEqual(world.CenterA, results[0].GetProperty("centerId").GetInt32(), "fewer defects ranks first");
        using var analyst = await Host.SignInAsync(world.Analyst);
        using var analystResults = await analyst.GetAsync($"/api/cycles/{world.CycleId}/results");
        Assert.AreEqual(results.ToString(), (await analystResults.ExpectAsync(HttpStatusCode.OK)).GetProperty("results").ToString(), "analysts read published results");
        using var ownInspection = await staffA.GetAsync($"/api/assessments/{world.InspectionA}/checklist");
        await ownInspection.ExpectAsync(HttpStatusCode.OK);
        using var otherInspection = await staffA.GetAsync($"/api/assessments/{world.InspectionB}/checklist");
        await otherInspection.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [TestMethod]
    public async Task Saving_with_a_stale_etag_returns_412_and_changes_nothing()
    {
        var world = await ApiWorld.CreateAsync(Host);
        using var inspector = await Host.SignInAsync(world.Inspector);
        var item = world.Criteria.Items[0].Id;
        var version = (await inspector.GetAsync($"/api/assessments/{world.InspectionA}/checklist")).ETag();
        using var first = await inspector.SendAsync(Json(HttpMethod.Patch, $"/api/assessments/{world.InspectionA}/answers",
            ApiWorld.Body([ApiWorld.Answers(world.Criteria, 0)[0]]), version));
        await first.ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(version + 1, first.ETag());

        using var stale = await inspector.SendAsync(Json(HttpMethod.Patch, $"/api/assessments/{world.InspectionA}/answers",
            ApiWorld.Body([ApiWorld.Answers(world.Criteria, 1)[0]]), version));
        var problem = await stale.ExpectAsync(HttpStatusCode.PreconditionFailed);
        StringAssert.Contains(problem.GetProperty("title").GetString(), "已被他人修改");

        var answer = await Host.WithDbAsync(db => db.Answers.SingleAsync(a => a.AssessmentId == world.InspectionA && a.ItemId == item));
        Assert.AreEqual(ApiWorld.Answers(world.Criteria, 0)[0].Number, answer.Number, "the first save stands");
        Assert.AreEqual(version + 1, await VersionAsync(world.InspectionA));
    }

    [TestMethod]
    public async Task Saving_without_if_match_returns_428_and_changes_nothing()
    {
        var world = await ApiWorld.CreateAsync(Host);
        using var inspector = await Host.SignInAsync(world.Inspector);
        var before = await VersionAsync(world.InspectionA);
        using var response = await inspector.SendAsync(Json(HttpMethod.Patch, $"/api/assessments/{world.InspectionA}/answers",
            ApiWorld.Body(ApiWorld.Answers(world.Criteria, 0))));
        var problem = await response.ExpectAsync((HttpStatusCode)428);
        Assert.IsTrue(problem.GetProperty("errors").TryGetProperty("If-Match", out _));
        Assert.AreEqual(0, await AnswerCountAsync(world.InspectionA));
        Assert.AreEqual(before, await VersionAsync(world.InspectionA));
    }

    [TestMethod]
    public async Task Retrying_a_save_with_the_same_idempotency_key_applies_it_once_and_returns_the_same_response()
    {
        var world = await ApiWorld.CreateAsync(Host);
        using var inspector = await Host.SignInAsync(world.Inspector);
        var version = (await inspector.GetAsync($"/api/assessments/{world.InspectionA}/checklist")).ETag();
        var body = ApiWorld.Body(ApiWorld.Answers(world.Criteria, 1).Take(3));
        using var first = await inspector.SendAsync(Json(HttpMethod.Patch, $"/api/assessments/{world.InspectionA}/answers", body, version, "phone-retry-1"));
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, first.StatusCode, firstBody);
        var audits = await AuditCountAsync(nameof(Answer));

        using var retry = await inspector.SendAsync(Json(HttpMethod.Patch, $"/api/assessments/{world.InspectionA}/answers", body, version, "phone-retry-1"));
        Assert.AreEqual(HttpStatusCode.OK, retry.StatusCode);
        Assert.AreEqual(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.AreEqual("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.AreEqual(first.ETag(), retry.ETag());
        Assert.AreEqual(version + 1, await VersionAsync(world.InspectionA), "applied once");
        Assert.AreEqual(audits, await AuditCountAsync(nameof(Answer)), "no second write audited");

        using var other = await inspector.SendAsync(Json(HttpMethod.Patch, $"/api/assessments/{world.InspectionA}/answers",
            ApiWorld.Body(ApiWorld.Answers(world.Criteria, 0).Take(3)), version + 1, "phone-retry-1"));
        var problem = await other.ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.IsTrue(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.AreEqual(version + 1, await VersionAsync(world.InspectionA));
    }

    [TestMethod]
    [DataRow("unknown-item", "Z99", "{\"itemId\":\"Z99\",\"met\":true}")]
    [DataRow("out-of-range", "A1", "{\"itemId\":\"A1\",\"number\":7}")]
    [DataRow("wrong-kind", "A3", "{\"itemId\":\"A3\",\"number\":1}")]
    [DataRow("na-not-allowed", "A1", "{\"itemId\":\"A1\",\"notApplicable\":true}")]
    public async Task A_bad_answer_is_a_400_naming_the_item_and_nothing_in_the_request_is_saved(string kind, string itemId, string badAnswer)
    {
        var world = await ApiWorld.CreateAsync(Host);
        Assert.IsFalse(world.Criteria.FindItem("A1")!.NotApplicableAllowed, "A1 must not allow N/A for this test");
        using var inspector = await Host.SignInAsync(world.Inspector);
        var version = await VersionAsync(world.InspectionA);
        var good = JsonSerializer.Serialize(new { itemId = "A2", number = 1 });
        using var content = new StringContent($"{{\"answers\":[{good},{badAnswer}]}}", System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/assessments/{world.InspectionA}/answers") { Content = content };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        using var response = await inspector.SendAsync(request);

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.IsTrue(errors.TryGetProperty(itemId, out var messages), $"{kind}: {problem}");
        StringAssert.Contains(messages[0].GetString(), itemId);
        Assert.IsFalse(errors.TryGetProperty("A2", out _), "the good answer is not blamed");
        Assert.AreEqual(0, await AnswerCountAsync(world.InspectionA), "the good answer is not saved either");
        Assert.AreEqual(version, await VersionAsync(world.InspectionA));
    }

    [TestMethod]
    public async Task Saving_against_the_wrong_cycle_or_criteria_version_is_a_400_naming_the_field()
    {
        var world = await ApiWorld.CreateAsync(Host);
        using var inspector = await Host.SignInAsync(world.Inspector);
        var version = await VersionAsync(world.InspectionA);
        var answer = ApiWorld.Body(ApiWorld.Answers(world.Criteria, 0).Take(1));
        using var wrongCycle = await inspector.SendAsync(Json(HttpMethod.Put, $"/api/assessments/{world.InspectionA}/answers/A2",
            new { number = 0, cycleId = world.CycleId + 1000 }, version));
        Assert.IsTrue((await wrongCycle.ExpectAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("cycleId", out _));
        using var wrongVersion = await inspector.SendAsync(Json(HttpMethod.Put, $"/api/assessments/{world.InspectionA}/answers/A2",
            new { number = 0, criteriaVersionId = "qh-demo-2022" }, version));
        Assert.IsTrue((await wrongVersion.ExpectAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("criteriaVersionId", out _));
        Assert.AreEqual(0, await AnswerCountAsync(world.InspectionA));
        Assert.IsNotNull(answer);
    }

    [TestMethod]
    public async Task An_inspector_records_a_veto_and_the_live_scorecard_shows_it_while_an_unknown_veto_saves_nothing()
    {
        var world = await ApiWorld.CreateAsync(Host);
        var veto = world.Criteria.Vetoes[0];
        using var inspector = await Host.SignInAsync(world.Inspector);
        using var unknown = await inspector.SendAsync(Json(HttpMethod.Patch, $"/api/assessments/{world.InspectionA}/answers",
            new { answers = new[] { new { itemId = "A2", number = 0 } }, vetoes = new[] { new { vetoId = "V99" } } }, await VersionAsync(world.InspectionA)));
        Assert.IsTrue((await unknown.ExpectAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("veto:V99", out _));
        Assert.AreEqual(0, await AnswerCountAsync(world.InspectionA));

        using var saved = await inspector.SendAsync(Json(HttpMethod.Patch, $"/api/assessments/{world.InspectionA}/answers",
            new { vetoes = new[] { new { vetoId = veto.Id, note = "发现围标串标未制止" } } }, await VersionAsync(world.InspectionA)));
        var view = await saved.ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(veto.Id, view.GetProperty("score").GetProperty("vetoes")[0].GetProperty("vetoId").GetString());
        Assert.IsTrue(view.GetProperty("vetoes").EnumerateArray().Single(v => v.GetProperty("id").GetString() == veto.Id).GetProperty("recorded").GetBoolean());

        using var withdrawn = await inspector.SendAsync(Json(HttpMethod.Patch, $"/api/assessments/{world.InspectionA}/answers",
            new { vetoes = new[] { new { vetoId = veto.Id, triggered = false } } }, saved.ETag()));
        Assert.AreEqual(0, (await withdrawn.ExpectAsync(HttpStatusCode.OK)).GetProperty("score").GetProperty("vetoes").GetArrayLength());
    }

    [TestMethod]
    public async Task Reassigning_the_inspection_team_moves_access_to_the_new_inspector()
    {
        var world = await ApiWorld.CreateAsync(Host);
        using var bureau = await Host.SignInAsync(world.Bureau);
        using var before = await Host.SignInAsync(world.Inspector);
        using var after = await Host.SignInAsync(world.OtherInspector);
        var otherId = (await (await after.GetAsync("/api/account/me")).ExpectAsync(HttpStatusCode.OK)).GetProperty("id").GetString();

        using var assigned = await bureau.SendAsync(Json(HttpMethod.Put, $"/api/assessments/{world.InspectionA}/inspectors",
            new { inspectorIds = new[] { otherId } }, await VersionAsync(world.InspectionA)));
        await assigned.ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(HttpStatusCode.OK, (await after.GetAsync($"/api/assessments/{world.InspectionA}/checklist")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await before.GetAsync($"/api/assessments/{world.InspectionA}/checklist")).StatusCode);

        using var notInspector = await bureau.SendAsync(Json(HttpMethod.Put, $"/api/assessments/{world.InspectionA}/inspectors",
            new { inspectorIds = new[] { "no-such-user" } }, assigned.ETag()));
        Assert.IsTrue((await notInspector.ExpectAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("inspectorIds", out _));
    }

    [TestMethod]
    public async Task A_retried_upload_with_the_same_idempotency_key_stores_one_evidence_file()
    {
        var world = await ApiWorld.CreateAsync(Host);
        using var staff = await Host.SignInAsync(world.StaffA);
        var version = await VersionAsync(world.SelfA);
        var png = Png(3000);
        using var first = Upload(world.SelfA, png, "image/png", "窗口.png", version);
        first.Headers.Add("Idempotency-Key", "upload-1");
        using var firstResponse = await staff.SendAsync(first);
        var stored = await firstResponse.ExpectAsync(HttpStatusCode.Created);

        // The phone rebuilds the same upload (a new multipart boundary) and sends it again.
        using var retry = Upload(world.SelfA, png, "image/png", "窗口.png", version);
        retry.Headers.Add("Idempotency-Key", "upload-1");
        using var retryResponse = await staff.SendAsync(retry);
        var replayed = await retryResponse.ExpectAsync(HttpStatusCode.Created);
        Assert.AreEqual(stored.GetProperty("id").GetInt32(), replayed.GetProperty("id").GetInt32());
        Assert.AreEqual(1, await Host.WithDbAsync(db => db.EvidenceFiles.CountAsync(e => e.AssessmentId == world.SelfA)));
        Assert.AreEqual(version + 1, await VersionAsync(world.SelfA));
    }

    [TestMethod]
    public async Task Submitting_an_incomplete_checklist_is_a_422_listing_the_unanswered_items()
    {
        var world = await ApiWorld.CreateAsync(Host);
        using var staff = await Host.SignInAsync(world.StaffA);
        var all = ApiWorld.Answers(world.Criteria, 0);
        using var saved = await staff.SendAsync(Json(HttpMethod.Patch, $"/api/assessments/{world.SelfA}/answers",
            ApiWorld.Body(all.Skip(2)), await VersionAsync(world.SelfA)));
        await saved.ExpectAsync(HttpStatusCode.OK);
        using var submit = await staff.SendAsync(Json(HttpMethod.Post, $"/api/assessments/{world.SelfA}/submit", null, saved.ETag()));
        var errors = (await submit.ExpectAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors");
        CollectionAssert.AreEquivalent(all.Take(2).Select(a => a.ItemId).ToList(), errors.EnumerateObject().Select(p => p.Name).ToList());
        Assert.AreEqual("Draft", (await Host.WithDbAsync(db => db.Assessments.SingleAsync(a => a.Id == world.SelfA))).Status.ToString());
    }

    [TestMethod]
    public async Task Writing_a_finalized_assessment_is_a_409_and_an_amendment_keeps_the_finalized_revision()
    {
        var world = await ApiWorld.CreateAsync(Host);
        using var inspector = await Host.SignInAsync(world.Inspector);
        using var bureau = await Host.SignInAsync(world.Bureau);
        var answers = ApiWorld.Answers(world.Criteria, 1);
        var version = await AnswerAndSubmitAsync(inspector, world.InspectionA, answers);
        using var finalized = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/assessments/{world.InspectionA}/finalize", null, version));
        var frozen = await finalized.ExpectAsync(HttpStatusCode.OK);

        using var write = await inspector.SendAsync(Json(HttpMethod.Put, $"/api/assessments/{world.InspectionA}/answers/A2", new { number = 0 }, finalized.ETag()));
        StringAssert.Contains((await write.ExpectAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString(), "已定稿");

        using var noReason = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/assessments/{world.InspectionA}/amend", new { reason = " " }, finalized.ETag()));
        Assert.IsTrue((await noReason.ExpectAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _));
        using var amend = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/assessments/{world.InspectionA}/amend", new { reason = "复核发现A2抽查记录有误" }, finalized.ETag()));
        var amended = await amend.ExpectAsync(HttpStatusCode.Created);
        var revisionId = amended.GetProperty("assessmentId").GetInt32();
        Assert.AreEqual(2, amended.GetProperty("revision").GetInt32());

        using var fix = await inspector.SendAsync(Json(HttpMethod.Put, $"/api/assessments/{revisionId}/answers/A2", new { number = 0 }, amend.ETag()));
        await fix.ExpectAsync(HttpStatusCode.OK);

        using var history = await bureau.GetAsync($"/api/assessments/{revisionId}/revisions");
        var revisions = await history.ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(2, revisions.GetArrayLength());
        Assert.AreEqual("Finalized", revisions[0].GetProperty("status").GetString());
        Assert.AreEqual(frozen.GetProperty("total").GetDouble(), revisions[0].GetProperty("total").GetDouble(), 1e-9);
        Assert.AreEqual("复核发现A2抽查记录有误", revisions[1].GetProperty("amendmentReason").GetString());
        var original = await Host.WithDbAsync(db => db.Answers.SingleAsync(a => a.AssessmentId == world.InspectionA && a.ItemId == "A2"));
        Assert.AreEqual(answers.Single(a => a.ItemId == "A2").Number, original.Number, "the finalized revision's answer is unchanged");
    }

    [TestMethod]
    public async Task Publishing_with_an_unfinalized_center_is_422_and_publishing_twice_is_409()
    {
        var world = await ApiWorld.CreateAsync(Host);
        using var inspector = await Host.SignInAsync(world.Inspector);
        using var bureau = await Host.SignInAsync(world.Bureau);
        var version = await AnswerAndSubmitAsync(inspector, world.InspectionA, ApiWorld.Answers(world.Criteria, 0));
        using var finalize = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/assessments/{world.InspectionA}/finalize", null, version));
        await finalize.ExpectAsync(HttpStatusCode.OK);

        using var early = await bureau.PostAsync($"/api/cycles/{world.CycleId}/publish", null);
        var errors = (await early.ExpectAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors");
        Assert.IsTrue(errors.TryGetProperty($"center:{world.CenterB}", out _), errors.ToString());
        Assert.IsFalse(errors.TryGetProperty($"center:{world.CenterA}", out _));
        Assert.AreEqual(0, await Host.WithDbAsync(db => db.CycleResults.CountAsync(r => r.CycleId == world.CycleId)));

        var versionB = await AnswerAndSubmitAsync(inspector, world.InspectionB, ApiWorld.Answers(world.Criteria, 1));
        using var finalizeB = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/assessments/{world.InspectionB}/finalize", null, versionB));
        await finalizeB.ExpectAsync(HttpStatusCode.OK);
        using var first = await bureau.PostAsync($"/api/cycles/{world.CycleId}/publish", null);
        await first.ExpectAsync(HttpStatusCode.OK);
        using var second = await bureau.PostAsync($"/api/cycles/{world.CycleId}/publish", null);
        StringAssert.Contains((await second.ExpectAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString(), "不能重复发布");
        Assert.AreEqual(2, await Host.WithDbAsync(db => db.CycleResults.CountAsync(r => r.CycleId == world.CycleId)));

        using var afterPublish = await bureau.SendAsync(Json(HttpMethod.Put, $"/api/assessments/{world.SelfA}/answers/A2", new { number = 0 }, await VersionAsync(world.SelfA)));
        StringAssert.Contains((await afterPublish.ExpectAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString(), "已发布");
    }

    [TestMethod]
    public async Task An_uploaded_photo_is_stored_by_its_hash_and_served_back_to_readers_only()
    {
        var world = await ApiWorld.CreateAsync(Host);
        using var staff = await Host.SignInAsync(world.StaffA);
        var png = Png(2000);
        using var upload = await staff.SendAsync(Upload(world.SelfA, png, "image/png", "大厅.png", await VersionAsync(world.SelfA)));
        var evidence = await upload.ExpectAsync(HttpStatusCode.Created);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png));
        Assert.AreEqual(sha, evidence.GetProperty("sha256").GetString());
        Assert.IsTrue(File.Exists(Path.Combine(Host.EvidenceFolder, sha[..2], sha + ".png")));

        var id = evidence.GetProperty("id").GetInt32();
        using var download = await staff.GetAsync($"/api/assessments/{world.SelfA}/evidence/{id}");
        Assert.AreEqual(HttpStatusCode.OK, download.StatusCode);
        CollectionAssert.AreEqual(png, await download.Content.ReadAsByteArrayAsync());
        using var other = await Host.SignInAsync(world.StaffB);
        using var denied = await other.GetAsync($"/api/assessments/{world.SelfA}/evidence/{id}");
        Assert.AreEqual(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [TestMethod]
    public async Task An_oversized_upload_is_413_and_leaves_no_file_and_no_row()
    {
        var world = await ApiWorld.CreateAsync(Host);
        using var staff = await Host.SignInAsync(world.StaffA);
        var before = EvidenceFiles();
        using var response = await staff.SendAsync(Upload(world.SelfA, Png((int)ApiHost.MaxEvidenceBytes + 1), "image/png", "big.png", await VersionAsync(world.SelfA)));
        await response.ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        CollectionAssert.AreEquivalent(before, EvidenceFiles());
        Assert.AreEqual(0, await Host.WithDbAsync(db => db.EvidenceFiles.CountAsync(e => e.AssessmentId == world.SelfA)));
    }

    [TestMethod]
    [DataRow("application/pdf", "report.pdf", "png bytes declared as a PDF")]
    [DataRow("image/jpeg", "photo.jpg", "png bytes declared as a JPEG")]
    [DataRow("application/x-msdownload", "tool.exe", "a type not accepted at all")]
    public async Task A_mislabelled_upload_is_415_whatever_its_file_name_and_leaves_nothing(string contentType, string fileName, string why)
    {
        var world = await ApiWorld.CreateAsync(Host);
        using var staff = await Host.SignInAsync(world.StaffA);
        var before = EvidenceFiles();
        using var response = await staff.SendAsync(Upload(world.SelfA, Png(500), contentType, fileName, await VersionAsync(world.SelfA)));
        var problem = await response.ExpectAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.IsTrue(problem.GetProperty("errors").TryGetProperty("file", out _), why);
        CollectionAssert.AreEquivalent(before, EvidenceFiles());
        Assert.AreEqual(0, await Host.WithDbAsync(db => db.EvidenceFiles.CountAsync(e => e.AssessmentId == world.SelfA)));
    }

    [TestMethod]
    public async Task Every_saved_answer_is_audited_with_the_user_who_saved_it()
    {
        var world = await ApiWorld.CreateAsync(Host);
        using var inspector = await Host.SignInAsync(world.Inspector);
        using var response = await inspector.SendAsync(Json(HttpMethod.Put, $"/api/assessments/{world.InspectionA}/answers/A2",
            new { number = 2, note = "抽查12个项目，2个受理超时" }, await VersionAsync(world.InspectionA)));
        await response.ExpectAsync(HttpStatusCode.OK);
        var answerId = await Host.WithDbAsync(db => db.Answers.Where(a => a.AssessmentId == world.InspectionA && a.ItemId == "A2").Select(a => a.Id).SingleAsync());
        var entry = await Host.WithDbAsync(db => db.AuditLog.SingleAsync(e => e.EntityType == nameof(Answer) && e.EntityId == answerId.ToString(CultureInfo.InvariantCulture)));
        Assert.AreEqual(AuditAction.Insert, entry.Action);
        Assert.AreEqual(world.Inspector, entry.ActorName);
        StringAssert.Contains(entry.After, "受理超时");
    }

    [TestMethod]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var world = await ApiWorld.CreateAsync(Host);
        using var client = Host.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/account/login", new { userName = world.Analyst, password = "wrong-password" });
            await wrong.ExpectAsync(HttpStatusCode.Unauthorized);
        }

        using var locked = await client.PostAsJsonAsync("/api/account/login", new { userName = world.Analyst, password = ApiHost.Password });
        StringAssert.Contains((await locked.ExpectAsync(HttpStatusCode.Unauthorized)).GetProperty("title").GetString(), "锁定");
        using var me = await client.GetAsync("/api/account/me");
        Assert.AreEqual(HttpStatusCode.Unauthorized, me.StatusCode, "not signed in, and not redirected");
    }

    [TestMethod]
    public async Task A_new_cycle_pins_the_imported_criteria_version_and_refuses_one_whose_content_changed()
    {
        var world = await ApiWorld.CreateAsync(Host);
        using var bureau = await Host.SignInAsync(world.Bureau);
        var body = new { year = 2022, title = "2022年度考核", criteriaVersionId = "qh-demo-2022", scheduleStart = "2022-10-01", scheduleEnd = "2022-12-31" };
        using var created = await bureau.PostAsJsonAsync("/api/cycles/", body);
        var cycle = await created.ExpectAsync(HttpStatusCode.Created);
        Assert.AreEqual("Draft", cycle.GetProperty("status").GetString());
        Assert.AreEqual("qh-demo-2022", cycle.GetProperty("criteriaVersionId").GetString());
        var record = await Host.WithDbAsync(db => db.CriteriaVersions.AsNoTracking().SingleAsync(v => v.Id == "qh-demo-2022"));
        StringAssert.StartsWith(record.ContentHash, "sha256:");
        StringAssert.Contains(record.SourceYaml, "id: qh-demo-2022");

        var changed = "sha256:" + new string('0', 64);
        await SetHashAsync(changed);
        try
        {
            var cycles = await Host.WithDbAsync(db => db.Cycles.CountAsync());
            using var refused = await bureau.PostAsJsonAsync("/api/cycles/", body);
            var problem = await refused.ExpectAsync(HttpStatusCode.Conflict);
            Assert.IsTrue(problem.GetProperty("errors").TryGetProperty("criteriaVersionId", out _));
            Assert.AreEqual(cycles, await Host.WithDbAsync(db => db.Cycles.CountAsync()), "no cycle created");
        }
        finally
        {
            await SetHashAsync(record.ContentHash);
        }

        async Task SetHashAsync(string hash) => await Host.WithDbAsync(async db =>
        {
            (await db.CriteriaVersions.SingleAsync(v => v.Id == "qh-demo-2022")).ContentHash = hash;
            return await db.SaveChangesAsync();
        });
    }

    [TestMethod]
    public async Task Publishing_from_the_services_as_the_seed_does_uses_the_rectification_rates_the_2022_rule_requires()
    {
        var world = await ApiWorld.CreateAsync(Host, "qh-demo-2022", 2022);
        await using (var scope = Host.Scope())
        {
            var assessments = scope.ServiceProvider.GetRequiredService<AssessmentService>();
            foreach (var id in new[] { world.InspectionA, world.InspectionB })
            {
                var answers = ApiWorld.Answers(world.Criteria, 0).Select(a => new AnswerInput { ItemId = a.ItemId, Met = a.Met, Level = a.Level, Number = a.Number }).ToArray();
                await assessments.SaveAnswersAsync(id, null, new SaveAnswersRequest(answers));
                await assessments.SubmitAsync(id, null);
                await assessments.FinalizeAsync(id, null);
            }

            var analysis = await scope.ServiceProvider.GetRequiredService<CyclePublisher>()
                .PublishAsync(world.CycleId, new Dictionary<int, decimal> { [world.CenterA] = 95m, [world.CenterB] = 50m });
            Assert.AreEqual(2, analysis.Rankings.Count);
        }

        var results = await Host.WithDbAsync(db => db.CycleResults.AsNoTracking().Where(r => r.CycleId == world.CycleId).ToDictionaryAsync(r => r.CenterId));
        Assert.AreEqual(results[world.CenterA].Total, results[world.CenterB].Total, "same answers, same total");
        Assert.IsTrue(results[world.CenterA].IsDemonstration, string.Join("；", results[world.CenterA].DemonstrationReasons));
        Assert.IsFalse(results[world.CenterB].IsDemonstration, "rectification rate 50% is below the 90% the 2022 rule requires");
        Assert.AreEqual(CycleStatus.Published, (await Host.WithDbAsync(db => db.Cycles.AsNoTracking().SingleAsync(c => c.Id == world.CycleId))).Status);
    }

    [TestMethod]
    public async Task A_new_cycles_inspections_start_with_the_previous_ledgers_rate_and_publishing_applies_the_rectification_minimum()
    {
        // Years no other test uses: the previous cycle is the latest earlier year in the shared database.
        var world = await ApiWorld.CreateAsync(Host, "qh-demo-2021", 2041);
        using var staffA = await Host.SignInAsync(world.StaffA);
        using var staffB = await Host.SignInAsync(world.StaffB);
        using var bureau = await Host.SignInAsync(world.Bureau);

        // 2041 ledgers: center A rectifies and the bureau closes both items (100%); center B gets one of two closed (50%).
        await LedgerAsync(staffA, bureau, world.CenterA, world.CycleId, world.SelfA, closed: 2);
        await LedgerAsync(staffB, bureau, world.CenterB, world.CycleId, world.SelfB, closed: 1);

        using var created = await bureau.SendAsync(Json(HttpMethod.Post, "/api/cycles/", new
        {
            year = 2042, title = "2042年度考核", criteriaVersionId = "qh-demo-2022", scheduleStart = "2042-10-01", scheduleEnd = "2042-12-31",
        }));
        var createdCycle = await created.ExpectAsync(HttpStatusCode.Created);
        var cycleId = createdCycle.GetProperty("id").GetInt32();
        var cycleVersion = createdCycle.GetProperty("version").GetInt64();

        // If-Match is optional on open and review; a stale one is refused and changes nothing.
        using var stale = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/cycles/{cycleId}/open", null, cycleVersion + 1));
        await stale.ExpectAsync(HttpStatusCode.PreconditionFailed);
        Assert.AreEqual(CycleStatus.Draft, await Host.WithDbAsync(db => db.Cycles.Where(c => c.Id == cycleId).Select(c => c.Status).SingleAsync()));
        using var opened = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/cycles/{cycleId}/open", null, cycleVersion));
        await opened.ExpectAsync(HttpStatusCode.OK);
        var inspections = new Dictionary<int, int>();
        foreach (var center in new[] { world.CenterA, world.CenterB })
        {
            using var added = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/cycles/{cycleId}/assessments", new { centerId = center, kind = "Inspection" }));
            inspections[center] = (await added.ExpectAsync(HttpStatusCode.Created)).GetProperty("assessmentId").GetInt32();
        }

        // The rate item E6 is answered from the ledger when the inspection is created, with a note saying so.
        var criteria = Host.Services.GetRequiredService<Assessment.Web.Criteria.CriteriaRegistry>().Find("qh-demo-2022")!;
        foreach (var (center, rate) in new[] { (world.CenterA, 100m), (world.CenterB, 50m) })
        {
            using var checklist = await bureau.GetAsync($"/api/assessments/{inspections[center]}/checklist");
            var e6 = (await checklist.ExpectAsync(HttpStatusCode.OK)).GetProperty("dimensions").EnumerateArray()
                .SelectMany(d => d.GetProperty("items").EnumerateArray()).Single(i => i.GetProperty("id").GetString() == "E6");
            var answer = e6.GetProperty("answer");
            Assert.AreEqual(rate, answer.GetProperty("number").GetDecimal(), $"E6 of center {center}");
            StringAssert.StartsWith(answer.GetProperty("note").GetString(), "由上一轮整改台账自动计算");

            // Every other item fully met; E6 keeps the ledger's rate.
            var answers = ApiWorld.Answers(criteria, 0).Where(a => a.ItemId != "E6").ToList();
            using var saved = await bureau.SendAsync(Json(HttpMethod.Patch, $"/api/assessments/{inspections[center]}/answers", ApiWorld.Body(answers), checklist.ETag()));
            await saved.ExpectAsync(HttpStatusCode.OK);
            using var submitted = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/assessments/{inspections[center]}/submit", null, saved.ETag()));
            await submitted.ExpectAsync(HttpStatusCode.OK);
            using var finalized = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/assessments/{inspections[center]}/finalize", null, submitted.ETag()));
            await finalized.ExpectAsync(HttpStatusCode.OK);
        }

        // Publishing takes the same rates from the ledgers: B (50%) misses the 2022 rule's 90% minimum.
        using var published = await bureau.PostAsync($"/api/cycles/{cycleId}/publish", null);
        var results = (await published.ExpectAsync(HttpStatusCode.OK)).GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("centerId").GetInt32());
        Assert.IsGreaterThan(results[world.CenterB].GetProperty("total").GetDecimal(), results[world.CenterA].GetProperty("total").GetDecimal(), "E6 earns A more points");
        Assert.IsTrue(results[world.CenterA].GetProperty("isDemonstration").GetBoolean(), results[world.CenterA].GetProperty("demonstrationReasons").ToString());
        Assert.IsFalse(results[world.CenterB].GetProperty("isDemonstration").GetBoolean());
        StringAssert.Contains(results[world.CenterB].GetProperty("demonstrationReasons").ToString(), "上年度整改完成率50.00%，低于90%");
    }

    /// <summary>
    /// Through the ledger API: the center raises a problem split into two specific problems, completes
    /// <paramref name="closed"/> of them with evidence uploaded to <paramref name="selfAssessmentId"/>, and the bureau closes those.
    /// </summary>
    private async Task LedgerAsync(HttpClient staff, HttpClient bureau, int centerId, int cycleId, int selfAssessmentId, int closed)
    {
        using var upload = await staff.SendAsync(Upload(selfAssessmentId, Png(500 + centerId), "image/png", "整改佐证.png", await VersionAsync(selfAssessmentId)));
        var evidenceId = (await upload.ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        using var added = await staff.SendAsync(Json(HttpMethod.Post, $"/api/rectification/centers/{centerId}/cycles/{cycleId}/findings", new
        {
            findings = new[]
            {
                new
                {
                    aspect = "服务规范方面",
                    source = "Assessment",
                    description = "服务指南和档案管理不规范",
                    actions = new[] { new { specificProblem = "服务指南未及时更新" }, new { specificProblem = "交易档案归档不及时" } },
                },
            },
        }));
        var actions = (await added.ExpectAsync(HttpStatusCode.OK))[0].GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("id").GetInt32()).ToList();
        foreach (var actionId in actions.Take(closed))
        {
            using var done = await staff.SendAsync(Json(HttpMethod.Put, $"/api/rectification/actions/{actionId}/status", new { status = "Completed", completedOn = "2025-12-20" }));
            await done.ExpectAsync(HttpStatusCode.OK);
            using var proven = await staff.SendAsync(Json(HttpMethod.Put, $"/api/rectification/actions/{actionId}/evidence", new { evidenceIds = new[] { evidenceId } }));
            await proven.ExpectAsync(HttpStatusCode.OK);
            using var close = await bureau.SendAsync(Json(HttpMethod.Post, $"/api/rectification/actions/{actionId}/close", new { conclusion = "佐证材料齐全，同意销号。" }));
            await close.ExpectAsync(HttpStatusCode.OK);
        }
    }

    /// <summary>Saves all <paramref name="answers"/> in one request and submits; returns the new version.</summary>
    protected static async Task<long> AnswerAndSubmitAsync(HttpClient client, int assessmentId, IReadOnlyList<ItemAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var checklist = await client.GetAsync($"/api/assessments/{assessmentId}/checklist");
        var view = await checklist.ExpectAsync(HttpStatusCode.OK);
        Assert.AreEqual(answers.Count, view.GetProperty("progress").GetProperty("total").GetInt32());
        using var saved = await client.SendAsync(Json(HttpMethod.Patch, $"/api/assessments/{assessmentId}/answers", ApiWorld.Body(answers), checklist.ETag()));
        var savedView = await saved.ExpectAsync(HttpStatusCode.OK);
        Assert.IsTrue(savedView.GetProperty("score").GetProperty("isComplete").GetBoolean());
        using var submitted = await client.SendAsync(Json(HttpMethod.Post, $"/api/assessments/{assessmentId}/submit", null, saved.ETag()));
        await submitted.ExpectAsync(HttpStatusCode.OK);
        return submitted.ETag();
    }

    protected Task<long> VersionAsync(int assessmentId) =>
        Host.WithDbAsync(db => db.Assessments.Where(a => a.Id == assessmentId).Select(a => a.Version).SingleAsync());

    private Task<int> AnswerCountAsync(int assessmentId) => Host.WithDbAsync(db => db.Answers.CountAsync(a => a.AssessmentId == assessmentId));

    private Task<int> AuditCountAsync(string entityType) => Host.WithDbAsync(db => db.AuditLog.CountAsync(e => e.EntityType == entityType));

    private List<string> EvidenceFiles() =>
        Directory.Exists(Host.EvidenceFolder) ? [.. Directory.EnumerateFiles(Host.EvidenceFolder, "*", SearchOption.AllDirectories)] : [];

    private static CenterResult Center(ApiWorld world, int centerId, IReadOnlyList<ItemAnswer> inspection, IReadOnlyList<ItemAnswer> self) => new(
        centerId.ToString(CultureInfo.InvariantCulture),
        "",
        Scorer.Score(world.Criteria, new Checklist { CriteriaId = world.Criteria.Id, Answers = inspection }),
        Scorer.Score(world.Criteria, new Checklist { CriteriaId = world.Criteria.Id, Answers = self }));

    /// <summary>A PNG signature followed by filler: enough for content sniffing.</summary>
    internal static byte[] Png(int size)
    {
        var bytes = new byte[size];
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        for (var i = 8; i < size; i++)
        {
            bytes[i] = (byte)(i * 31);
        }

        return bytes;
    }

    internal static HttpRequestMessage Upload(int assessmentId, byte[] content, string contentType, string fileName, long? ifMatch)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        form.Add(new StringContent("A1"), "itemId");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assessments/{assessmentId}/evidence") { Content = form };
        if (ifMatch is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        }

        return request;
    }
}

/// <summary>The API workflow on a SQLite file in a temporary data folder.</summary>
[TestClass]
public sealed class ApiOnSqliteTests : ApiWorkflowContract
{
    private static ApiHost? host;

    protected override ApiHost Host => host!;

    [ClassInitialize]
    public static void Start(TestContext context) => host = ApiHost.Sqlite();

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

/// <summary>The API workflow on a fresh PostgreSQL database (see <see cref="PostgresServer"/> for unreachable servers).</summary>
[TestClass]
public sealed class ApiOnPostgresTests : ApiWorkflowContract
{
    private static PostgresServer? server;
    private static ApiHost? host;

    protected override ApiHost Host => host!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        server = await PostgresServer.ConnectAsync();
        host = await ApiHost.PostgresAsync(server);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [TestInitialize]
    public void RequirePostgres() => server!.Require();
}
