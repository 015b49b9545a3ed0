using Assessment.Scoring.Checklists;
using Assessment.Scoring.Cycles;
using Assessment.Scoring.Scoring;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Assessment.Tests.Web.RectificationWebApp;

namespace Assessment.Tests.Web;

[TestClass]
public sealed class RectificationRatesTests
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
    public async Task Last_years_closed_items_give_the_rate_that_scores_E6_and_meets_the_demonstration_minimum()
    {
        var good = await app.NewCenterAsync("海北州公共资源交易中心");
        var weak = await app.NewCenterAsync("黄南州公共资源交易中心");
        await LedgerAsync(good, total: 21, closed: 20);   // 95.24 %
        await LedgerAsync(weak, total: 20, closed: 17);   // 85.00 %
        var staff = await app.SignedInAsync(Roles.CenterStaff, good);

        var shown = await ReadAsync<PreviousRateDto>(await GetAsync(staff, $"/api/rectification/centers/{good}/cycles/{app.Cycle2022}/previous-cycle-rate"));
        Assert.AreEqual(95.24m, shown.Rate);

        // (a) The 2022 inspection's E6 is pre-filled from the 2021 ledger and scored by the 2022 criteria's bands.
        var goodCard = await ScoreDraft2022Async(good);
        var weakCard = await ScoreDraft2022Async(weak);
        Assert.AreEqual(2m, goodCard.Item("E6").Points);   // ≥ 90 → 2 of 3
        Assert.AreEqual(1m, weakCard.Item("E6").Points);   // ≥ 80 → 1 of 3
        StringAssert.Contains(goodCard.Item("E6").Explanation, "95.24");

        // (b) The rate is the demonstration rule's previous rectification rate.
        var rates = await app.WithDbAsync((_, services) => services.GetRequiredService<RectificationRates>().PreviousCycleRatesAsync(app.Cycle2022));
        var criteria = await app.WithDbAsync((_, services) => Task.FromResult(services.GetRequiredService<CriteriaRegistry>().Find("qh-demo-2022")!));
        var selection = DemonstrationSelector.Select(criteria,
        [
            new CenterResult("good", "海北州", goodCard, PreviousRectificationRate: rates[good]),
            new CenterResult("weak", "黄南州", weakCard, PreviousRectificationRate: rates[weak]),
        ]);
        var goodReasons = string.Join("；", selection.Decisions.Single(d => d.CenterId == "good").Reasons);
        var weakReasons = string.Join("；", selection.Decisions.Single(d => d.CenterId == "weak").Reasons);
        Assert.DoesNotContain("整改完成率", goodReasons.Replace("上年度整改完成率95.24%", "", StringComparison.Ordinal));
        StringAssert.Contains(weakReasons, "上年度整改完成率85.00%，低于90%");
    }

    [TestMethod]
    public async Task A_center_without_a_previous_ledger_has_no_rate_and_nothing_is_prefilled()
    {
        var center = await app.NewCenterAsync("果洛州公共资源交易中心");
        var rate = await app.WithDbAsync((_, services) => services.GetRequiredService<RectificationRates>().PreviousCycleRateAsync(center, app.Cycle2022));
        Assert.IsNull(rate);

        var assessmentId = await DraftAsync(center);
        var filled = await app.WithDbAsync((_, services) => services.GetRequiredService<RectificationRates>().PrefillRateAnswersAsync(assessmentId));
        Assert.IsEmpty(filled);
        Assert.IsFalse(await app.WithDbAsync((db, _) => db.Answers.AnyAsync(a => a.AssessmentId == assessmentId && a.ItemId == "E6")));
    }

    [TestMethod]
    public async Task Only_items_the_bureau_closed_count_towards_the_rate_and_an_inspectors_own_answer_is_kept()
    {
        var center = await app.NewCenterAsync("海西州公共资源交易中心");
        await LedgerAsync(center, total: 4, closed: 2, completedOnly: 2);
        var rate = await app.WithDbAsync((_, services) => services.GetRequiredService<RectificationRates>().PreviousCycleRateAsync(center, app.Cycle2022));
        Assert.AreEqual(50m, rate);

        var assessmentId = await DraftAsync(center, e6: 100m);
        var filled = await app.WithDbAsync((_, services) => services.GetRequiredService<RectificationRates>().PrefillRateAnswersAsync(assessmentId));
        Assert.IsEmpty(filled);
        Assert.AreEqual(100m, await app.WithDbAsync((db, _) => db.Answers.Where(a => a.AssessmentId == assessmentId && a.ItemId == "E6").Select(a => a.Number).SingleAsync()));
    }

    /// <summary>A 2021 ledger with <paramref name="total"/> specific problems: <paramref name="closed"/> completed and closed, <paramref name="completedOnly"/> completed but not closed.</summary>
    private static async Task LedgerAsync(int centerId, int total, int closed, int completedOnly = 0)
    {
        var (_, evidenceId) = await app.FinalizedInspectionAsync(centerId);
        await app.WithDbAsync(async (db, services) =>
        {
            var ledgers = services.GetRequiredService<LedgerService>();
            var findings = await ledgers.AddFindingsAsync(centerId, app.Cycle2021, Enumerable.Range(1, total)
                .Select(i => new FindingRequest($"第{(i % 3) + 1}方面", FindingSource.Assessment, $"问题{i}")).ToList());
            var actions = findings.SelectMany(f => f.Actions).ToList();
            foreach (var action in actions.Take(closed + completedOnly))
            {
                await ledgers.SetStatusAsync(action, new StatusRequest(ActionStatus.Completed, new DateOnly(2022, 5, 1)), null);
                await ledgers.SetEvidenceAsync(action, centerId, [evidenceId], null);
            }

            foreach (var action in actions.Take(closed))
            {
                await ledgers.CloseAsync(action, "同意销号", "bureau");
            }

            return 0;
        });
    }

    private static async Task<int> DraftAsync(int centerId, decimal? e6 = null)
    {
        var sample = ChecklistJson.Parse(await File.ReadAllTextAsync(RepositoryPaths.Criteria("samples/qh-demo-2022.sample.json")), "sample").Checklist!;
        return await app.WithDbAsync(async (db, _) =>
        {
            var assessment = new AssessmentRecord { Kind = AssessmentKind.Inspection, CenterId = centerId, CycleId = app.Cycle2022 };
            foreach (var answer in sample.Answers.Where(a => a.ItemId != "E6"))
            {
                assessment.Answers.Add(new Answer
                {
                    ItemId = answer.ItemId, Met = answer.Met, Level = answer.Level, Number = answer.Number, NotApplicable = answer.NotApplicable,
                });
            }

            if (e6 is not null)
            {
                assessment.Answers.Add(new Answer { ItemId = "E6", Number = e6 });
            }

            db.Assessments.Add(assessment);
            await db.SaveChangesAsync();
            return assessment.Id;
        });
    }

    private static async Task<Scorecard> ScoreDraft2022Async(int centerId)
    {
        var assessmentId = await DraftAsync(centerId);
        var filled = await app.WithDbAsync((_, services) => services.GetRequiredService<RectificationRates>().PrefillRateAnswersAsync(assessmentId));
        Assert.AreEqual("E6", filled.Single().ItemId);
        return await app.WithDbAsync(async (db, services) =>
        {
            var assessment = await db.Assessments.Include(a => a.Answers).Include(a => a.VetoFindings).SingleAsync(a => a.Id == assessmentId);
            var criteria = services.GetRequiredService<CriteriaRegistry>().Find("qh-demo-2022")!;
            var card = Scorer.Score(criteria, assessment.ToChecklist(criteria.Id));
            Assert.AreEqual(ItemStatus.Scored, card.Item("E6").Status);
            return card;
        });
    }
}
