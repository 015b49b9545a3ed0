using System.Net;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Assessment.Tests.Web.RectificationWebApp;

namespace Assessment.Tests.Web;

[TestClass]
public sealed class RectificationLedgerTests
{
    private static RectificationWebApp app = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        app = new RectificationWebApp();
        await app.InitializeAsync();
    }

    [ClassCleanup]
    public static void Stop() => app.Dispose();

    [TestMethod]
    public async Task A_finding_proposed_from_an_inspection_is_rectified_with_evidence_and_closed_by_the_bureau()
    {
        var center = await app.NewCenterAsync("海北州公共资源交易中心");
        string inspectorId = "";
        var inspector = await app.SignedInAsync(Roles.Inspector, withUser: id => { inspectorId = id; return Task.CompletedTask; });
        var (assessmentId, evidenceId) = await app.FinalizedInspectionAsync(center, inspectorId);
        var staff = await app.SignedInAsync(Roles.CenterStaff, center);
        var bureau = await app.SignedInAsync(Roles.BureauAdmin);

        // Every item that lost points is proposed with the engine's explanation.
        var proposals = await ReadAsync<List<FindingProposal>>(await GetAsync(inspector, $"/api/rectification/assessments/{assessmentId}/proposals"));
        Assert.IsGreaterThanOrEqualTo(2, proposals.Count);
        Assert.IsTrue(proposals.All(p => p.Points < p.MaxPoints && p.Explanation.Length > 0));

        // The inspector keeps the first as proposed, edits the second, drops the rest.
        var kept = proposals[0];
        var edited = proposals[1];
        var added = await ReadAsync<List<FindingDto>>(await PostJsonAsync(inspector, $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/findings", new
        {
            findings = new object[]
            {
                new { aspect = kept.SuggestedAspect, source = "Assessment", description = kept.SuggestedDescription, assessmentId, itemId = kept.ItemId },
                new { aspect = edited.SuggestedAspect, source = "Assessment", description = "评标区与办公区未物理隔离", severity = "Serious", assessmentId, itemId = edited.ItemId },
            },
        }));
        Assert.HasCount(2, added);
        Assert.AreEqual(kept.Explanation, added[0].Explanation);
        Assert.AreEqual(kept.DimensionCode, added[0].DimensionCode);
        Assert.AreEqual("评标区与办公区未物理隔离", added[1].Description);
        var actionId = added[0].Actions.Single().Id;

        // The center plans, works and completes the action, then attaches the evidence.
        await ReadAsync<ActionDto>(await PutJsonAsync(staff, $"/api/rectification/actions/{actionId}", new
        {
            target = "服务指南要素齐全",
            measures = "修订服务指南，补齐办理时限和收费标准",
            responsibleLeader = "王副主任",
            responsibleDepartment = "交易服务科",
            responsiblePerson = "李明",
            deadline = "2022-06-30",
            lastingRules = "《服务指南动态更新制度》",
        }));
        var progressing = await ReadAsync<ActionDto>(await PutJsonAsync(staff, $"/api/rectification/actions/{actionId}/status", new { status = "InProgress", progressNote = "已完成初稿" }));
        Assert.AreEqual("正在整改", progressing.StatusText);
        Assert.AreEqual("已完成初稿", progressing.ProgressNote);
        await ReadAsync<ActionDto>(await PutJsonAsync(staff, $"/api/rectification/actions/{actionId}/status", new { status = "Completed", completedOn = "2022-06-18" }));
        await ReadAsync<ActionDto>(await PutJsonAsync(staff, $"/api/rectification/actions/{actionId}/evidence", new { evidenceIds = new[] { evidenceId } }));

        // The bureau closes it with a conclusion.
        var closed = await ReadAsync<ActionDto>(await PostJsonAsync(bureau, $"/api/rectification/actions/{actionId}/close", new { conclusion = "经核查佐证材料，已整改到位，同意销号。" }));
        Assert.IsTrue(closed.Closed);
        Assert.AreEqual("经核查佐证材料，已整改到位，同意销号。", closed.ClosingConclusion);
        Assert.AreEqual(VerificationDecision.Closed, closed.Verifications.Single().Decision);

        var ledger = await ReadAsync<LedgerDto>(await GetAsync(staff, $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/ledger"));
        var action = ledger.Aspects.SelectMany(a => a.Findings).SelectMany(f => f.Actions).Single(a => a.Id == actionId);
        Assert.IsTrue(action.Closed);
        Assert.AreEqual(new DateOnly(2022, 6, 18), action.CompletedOn);
        CollectionAssert.AreEqual(new[] { evidenceId }, action.EvidenceIds.ToArray());
        Assert.AreEqual(1, ledger.Progress.Completed);
        Assert.AreEqual(1, ledger.Progress.Closed);

        // A closed item is immutable.
        var change = await PutJsonAsync(staff, $"/api/rectification/actions/{actionId}/status", new { status = "InProgress" });
        Assert.AreEqual(HttpStatusCode.Conflict, change.StatusCode);

        // Every step is in the audit log, under the user who took it.
        var audit = await app.WithDbAsync((db, _) => db.AuditLog
            .Where(e => e.EntityType == nameof(RectificationAction) && e.EntityId == actionId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToListAsync());
        Assert.IsTrue(audit.Any(e => e.Action == AuditAction.Update && e.After!.Contains("ClosedAt", StringComparison.Ordinal)));
        Assert.IsGreaterThanOrEqualTo(5, audit.Count);
    }

    [TestMethod]
    public async Task Closing_without_evidence_or_before_completion_returns_422_naming_the_action_and_changes_nothing()
    {
        var center = await app.NewCenterAsync("玉树州公共资源交易中心");
        var staff = await app.SignedInAsync(Roles.CenterStaff, center);
        var bureau = await app.SignedInAsync(Roles.BureauAdmin);
        var finding = (await ReadAsync<List<FindingDto>>(await PostJsonAsync(staff, $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/findings", new
        {
            findings = new[] { new { aspect = "硬件设施方面", source = "Audit", sourceDetail = "州审计局", description = "应急照明设备缺失" } },
        }))).Single();
        var actionId = finding.Actions.Single().Id;

        var unknownDimension = await PostJsonAsync(staff, $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/findings", new
        {
            findings = new object[]
            {
                new { aspect = "硬件设施方面", source = "Audit", description = "消防器材过期", dimensionCode = "C" },
                new { aspect = "硬件设施方面", source = "Audit", description = "监控缺失", dimensionCode = "Z" },
            },
        });
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, unknownDimension.StatusCode);
        StringAssert.Contains(await unknownDimension.Content.ReadAsStringAsync(), "findings[1].dimensionCode");
        Assert.IsFalse(await app.WithDbAsync((db, _) => db.Findings.AnyAsync(f => f.Description == "消防器材过期")), "a request is saved whole or not at all");

        var early = await PostJsonAsync(bureau, $"/api/rectification/actions/{actionId}/close", new { conclusion = "同意销号" });
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        StringAssert.Contains(await early.Content.ReadAsStringAsync(), "\"status\"");

        await ReadAsync<ActionDto>(await PutJsonAsync(staff, $"/api/rectification/actions/{actionId}/status", new { status = "Completed", completedOn = "2022-06-01" }));
        var response = await PostJsonAsync(bureau, $"/api/rectification/actions/{actionId}/close", new { conclusion = "同意销号" });

        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        StringAssert.Contains(body, "evidenceIds");
        StringAssert.Contains(body, $"整改事项{actionId}没有佐证材料");
        var stored = await app.WithDbAsync((db, _) => db.RectificationActions.AsNoTracking().SingleAsync(a => a.Id == actionId));
        Assert.IsFalse(stored.IsClosed);
        Assert.IsEmpty(await app.WithDbAsync((db, _) => db.RectificationVerifications.Where(v => v.ActionId == actionId).ToListAsync()));
    }

    [TestMethod]
    public async Task The_bureau_sends_an_item_back_with_a_reason_and_the_center_must_rework_it()
    {
        var center = await app.NewCenterAsync("果洛州公共资源交易中心");
        var (_, evidenceId) = await app.FinalizedInspectionAsync(center);
        var staff = await app.SignedInAsync(Roles.CenterStaff, center);
        var bureau = await app.SignedInAsync(Roles.BureauAdmin);
        var finding = (await ReadAsync<List<FindingDto>>(await PostJsonAsync(staff, $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/findings", new
        {
            findings = new[] { new { aspect = "场所设置方面", source = "InspectionTour", description = "专家通道标识不清" } },
        }))).Single();
        var actionId = finding.Actions.Single().Id;
        await ReadAsync<ActionDto>(await PutJsonAsync(staff, $"/api/rectification/actions/{actionId}/status", new { status = "Completed", completedOn = "2022-06-01" }));
        await ReadAsync<ActionDto>(await PutJsonAsync(staff, $"/api/rectification/actions/{actionId}/evidence", new { evidenceIds = new[] { evidenceId } }));

        var missingReason = await PostJsonAsync(bureau, $"/api/rectification/actions/{actionId}/send-back", new { reason = " " });
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, missingReason.StatusCode);

        var sentBack = await ReadAsync<ActionDto>(await PostJsonAsync(bureau, $"/api/rectification/actions/{actionId}/send-back", new { reason = "照片未体现二楼通道标识" }));
        Assert.AreEqual(ActionStatus.InProgress, sentBack.Status);
        Assert.AreEqual("照片未体现二楼通道标识", sentBack.SentBackReason);
        Assert.IsNull(sentBack.CompletedOn);
        Assert.IsFalse(sentBack.Closed);
    }

    [TestMethod]
    public async Task A_center_cannot_read_or_change_another_centers_ledger()
    {
        var own = await app.NewCenterAsync("海东市公共资源交易中心");
        var other = await app.NewCenterAsync("黄南州公共资源交易中心");
        var ownStaff = await app.SignedInAsync(Roles.CenterStaff, own);
        var otherStaff = await app.SignedInAsync(Roles.CenterStaff, other);
        var finding = (await ReadAsync<List<FindingDto>>(await PostJsonAsync(ownStaff, $"/api/rectification/centers/{own}/cycles/{app.Cycle2021}/findings", new
        {
            findings = new[] { new { aspect = "服务质量方面", source = "Other", description = "好差评回访不及时" } },
        }))).Single();
        var actionId = finding.Actions.Single().Id;
        var ledgerUrl = $"/api/rectification/centers/{own}/cycles/{app.Cycle2021}/ledger";

        Assert.AreEqual(HttpStatusCode.Forbidden, (await GetAsync(otherStaff, ledgerUrl)).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await GetAsync(otherStaff, $"/api/rectification/centers/{own}/cycles/{app.Cycle2021}/progress")).StatusCode);
        var write = await PutJsonAsync(otherStaff, $"/api/rectification/actions/{actionId}/status", new { status = "Completed", completedOn = "2022-06-01" });
        Assert.AreEqual(HttpStatusCode.Forbidden, write.StatusCode);
        var add = await PostJsonAsync(otherStaff, $"/api/rectification/centers/{own}/cycles/{app.Cycle2021}/findings", new
        {
            findings = new[] { new { aspect = "服务质量方面", source = "Other", description = "伪造" } },
        });
        Assert.AreEqual(HttpStatusCode.Forbidden, add.StatusCode);
        var stored = await app.WithDbAsync((db, _) => db.RectificationActions.AsNoTracking().SingleAsync(a => a.Id == actionId));
        Assert.AreEqual(ActionStatus.NotStarted, stored.Status);
        Assert.AreEqual(1, await app.WithDbAsync((db, _) => db.Findings.CountAsync(f => f.Description == "好差评回访不及时" || f.Description == "伪造")));

        // Center staff cannot close their own items; an unassigned inspector cannot read; analysts read; anonymous is 401.
        Assert.AreEqual(HttpStatusCode.Forbidden, (await PostJsonAsync(ownStaff, $"/api/rectification/actions/{actionId}/close", new { conclusion = "自行销号" })).StatusCode);
        var inspector = await app.SignedInAsync(Roles.Inspector);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await GetAsync(inspector, ledgerUrl)).StatusCode);
        var analyst = await app.SignedInAsync(Roles.Analyst);
        Assert.AreEqual(HttpStatusCode.OK, (await GetAsync(analyst, ledgerUrl)).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await PutJsonAsync(analyst, $"/api/rectification/actions/{actionId}/status", new { status = "Completed", completedOn = "2022-06-01" })).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await GetAsync(app.CreateClient(), ledgerUrl)).StatusCode);
    }

    [TestMethod]
    public async Task An_inspector_raises_only_items_that_lost_points_once_each_and_reads_the_ledger_of_the_center_they_inspect()
    {
        var center = await app.NewCenterAsync("海西州公共资源交易中心");
        string inspectorId = "";
        var inspector = await app.SignedInAsync(Roles.Inspector, withUser: id => { inspectorId = id; return Task.CompletedTask; });
        var (assessmentId, _) = await app.FinalizedInspectionAsync(center, inspectorId);
        var fullMarks = await app.WithDbAsync((db, _) => db.Scorecards.Where(s => s.AssessmentId == assessmentId)
            .SelectMany(s => s.Items).Where(i => i.Status == Assessment.Scoring.Scoring.ItemStatus.Scored && i.Points == i.MaxPoints)
            .Select(i => i.ItemId).FirstAsync());

        var response = await PostJsonAsync(inspector, $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/findings", new
        {
            findings = new[] { new { aspect = "服务内容方面", source = "Assessment", description = "无", assessmentId, itemId = fullMarks } },
        });
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "findings[0].itemId");
        Assert.AreEqual(HttpStatusCode.NotFound, (await GetAsync(inspector, $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/ledger")).StatusCode);

        var lost = (await ReadAsync<List<FindingProposal>>(await GetAsync(inspector, $"/api/rectification/assessments/{assessmentId}/proposals")))[0];
        await ReadAsync<List<FindingDto>>(await PostJsonAsync(inspector, $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/findings", new
        {
            findings = new[] { new { aspect = lost.SuggestedAspect, source = "Assessment", description = lost.SuggestedDescription, assessmentId, itemId = lost.ItemId } },
        }));
        var ledger = await ReadAsync<LedgerDto>(await GetAsync(inspector, $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/ledger"));
        Assert.AreEqual(lost.ItemId, ledger.Aspects.Single().Findings.Single().ItemId);
        var proposalsAgain = await ReadAsync<List<FindingProposal>>(await GetAsync(inspector, $"/api/rectification/assessments/{assessmentId}/proposals"));
        Assert.IsTrue(proposalsAgain.Single(p => p.ItemId == lost.ItemId).AlreadyInLedger);
        var duplicate = await PostJsonAsync(inspector, $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/findings", new
        {
            findings = new[] { new { aspect = lost.SuggestedAspect, source = "Assessment", description = "重复", assessmentId, itemId = lost.ItemId } },
        });
        Assert.AreEqual(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [TestMethod]
    public async Task Overdue_and_due_soon_items_are_listed_against_the_clock()
    {
        var center = await app.NewCenterAsync("西宁市公共资源交易中心");
        var staff = await app.SignedInAsync(Roles.CenterStaff, center);
        await ReadAsync<List<FindingDto>>(await PostJsonAsync(staff, $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/findings", new
        {
            findings = new[]
            {
                new
                {
                    aspect = "服务质量方面", source = "Assessment", description = "首问负责制落实不到位",
                    actions = new object[]
                    {
                        new { specificProblem = "未设首问登记", deadline = "2022-06-10" },   // overdue on 2022-06-20
                        new { specificProblem = "无AB岗表", deadline = "2022-06-25" },       // due within 7 days
                        new { specificProblem = "服务承诺未公开", deadline = "2022-08-01" }, // later
                    },
                },
            },
        }));

        var reminders = await ReadAsync<RemindersDto>(await GetAsync(staff, $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/reminders"));

        Assert.AreEqual(new DateOnly(2022, 6, 20), reminders.Today);
        Assert.AreEqual("未设首问登记", reminders.Overdue.Single().SpecificProblem);
        Assert.AreEqual("无AB岗表", reminders.DueSoon.Single().SpecificProblem);
    }

    [TestMethod]
    public async Task A_ledger_is_created_from_a_finalized_inspection_with_one_finding_per_item_that_lost_points_once()
    {
        var center = await app.NewCenterAsync("格尔木市公共资源交易中心");
        var (assessmentId, _) = await app.FinalizedInspectionAsync(center);
        var lost = await app.WithDbAsync((db, _) => db.Scorecards.Where(s => s.AssessmentId == assessmentId).SelectMany(s => s.Items)
            .Where(i => i.Status == Assessment.Scoring.Scoring.ItemStatus.Scored && i.Points < i.MaxPoints)
            .Select(i => new { i.ItemId, i.Explanation }).ToListAsync());

        var first = await app.WithDbAsync((_, services) => services.GetRequiredService<LedgerService>().CreateLedgerFromInspectionAsync(assessmentId));
        var again = await app.WithDbAsync((_, services) => services.GetRequiredService<LedgerService>().CreateLedgerFromInspectionAsync(assessmentId));

        Assert.AreEqual(first.Id, again.Id);
        Assert.HasCount(lost.Count, again.Findings);
        CollectionAssert.AreEquivalent(lost.Select(l => l.ItemId).ToList(), again.Findings.Select(f => f.ItemId).ToList());
        Assert.IsTrue(again.Findings.All(f => f.Explanation == lost.Single(l => l.ItemId == f.ItemId).Explanation));
        Assert.IsTrue(again.Findings.All(f => f.Actions.Single().Status == ActionStatus.NotStarted));
        Assert.IsTrue(again.Aspects.All(a => a.Title.EndsWith("方面", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Saving_an_action_with_a_stale_version_returns_412_and_changes_nothing()
    {
        var center = await app.NewCenterAsync("德令哈市公共资源交易中心");
        var staff = await app.SignedInAsync(Roles.CenterStaff, center);
        var action = (await ReadAsync<List<FindingDto>>(await PostJsonAsync(staff, $"/api/rectification/centers/{center}/cycles/{app.Cycle2021}/findings", new
        {
            findings = new[] { new { aspect = "服务内容方面", source = "Other", description = "办事指南未更新" } },
        }))).Single().Actions.Single();
        var updated = await ReadAsync<ActionDto>(await PutJsonAsync(staff, $"/api/rectification/actions/{action.Id}", new { measures = "更新指南" }));
        Assert.AreEqual(action.Version + 1, updated.Version);

        using var stale = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/rectification/actions/{action.Id}", UriKind.Relative))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { measures = "覆盖他人修改" }),
        };
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{action.Version}\"");
        var response = await staff.SendAsync(stale);

        Assert.AreEqual(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.AreEqual("更新指南", await app.WithDbAsync((db, _) => db.RectificationActions.Where(a => a.Id == action.Id).Select(a => a.Measures).SingleAsync()));
    }

    [TestMethod]
    public async Task A_center_cannot_drop_or_reword_a_finding_raised_by_the_inspection()
    {
        var center = await app.NewCenterAsync("共和县公共资源交易中心");
        var (assessmentId, _) = await app.FinalizedInspectionAsync(center);
        var ledger = await app.WithDbAsync((_, services) => services.GetRequiredService<LedgerService>().CreateLedgerFromInspectionAsync(assessmentId));
        var findingId = ledger.Findings[0].Id;
        var staff = await app.SignedInAsync(Roles.CenterStaff, center);
        var bureau = await app.SignedInAsync(Roles.BureauAdmin);

        Assert.AreEqual(HttpStatusCode.Forbidden, (await staff.DeleteAsync(new Uri($"/api/rectification/findings/{findingId}", UriKind.Relative))).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await PutJsonAsync(staff, $"/api/rectification/findings/{findingId}", new { description = "轻描淡写" })).StatusCode);
        Assert.IsTrue(await app.WithDbAsync((db, _) => db.Findings.AnyAsync(f => f.Id == findingId && f.Description != "轻描淡写")));

        Assert.AreEqual(HttpStatusCode.OK, (await bureau.DeleteAsync(new Uri($"/api/rectification/findings/{findingId}", UriKind.Relative))).StatusCode);
        Assert.IsFalse(await app.WithDbAsync((db, _) => db.Findings.AnyAsync(f => f.Id == findingId)));
    }
}
