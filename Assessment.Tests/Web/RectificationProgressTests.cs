using Assessment.Web.Persistence;
using Assessment.Web.Rectification;
using static Assessment.Tests.Web.RectificationWebApp;

namespace Assessment.Tests.Web;

[TestClass]
public sealed class RectificationProgressTests
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
    public void Twenty_of_twenty_one_is_95_24_percent_and_six_of_six_is_100_percent()
    {
        var split = new LedgerProgress(Aspects: 4, Problems: 10, SpecificProblems: 21, Completed: 20, InProgress: 1, NotStarted: 0, Closed: 20, Overdue: 0);
        var whole = new LedgerProgress(Aspects: 2, Problems: 6, SpecificProblems: 6, Completed: 6, InProgress: 0, NotStarted: 0, Closed: 6, Overdue: 0);

        Assert.AreEqual(95.24m, split.CompletionRate);
        Assert.AreEqual("完成率95.24%", split.CompletionRateText);
        Assert.AreEqual("4个方面10个问题（细化为21个具体问题），已完成整改20个，完成率95.24%", split.Summary);
        Assert.AreEqual(100m, whole.CompletionRate);
        Assert.AreEqual("2个方面6个问题，已完成整改6个，完成率100%", whole.Summary);
        Assert.AreEqual(100m, LedgerProgress.Rate(0, 0));
        Assert.AreEqual(66.67m, LedgerProgress.Rate(2, 3));
    }

    [TestMethod]
    public async Task Progress_of_a_center_and_of_the_province_is_counted_from_the_ledgers()
    {
        var split = await app.NewCenterAsync("海北州公共资源交易中心");
        var whole = await app.NewCenterAsync("海南州公共资源交易中心");
        var splitStaff = await app.SignedInAsync(Roles.CenterStaff, split);
        var wholeStaff = await app.SignedInAsync(Roles.CenterStaff, whole);

        // 4 aspects, 10 problems split into 21 specific problems (3+3+2+2+2+2+2+2+2+1), 20 completed.
        int[] splits = [3, 3, 2, 2, 2, 2, 2, 2, 2, 1];
        var findings = splits.Select((n, i) => new
        {
            aspect = $"第{i % 4 + 1}方面",
            source = "InspectionTour",
            description = $"问题{i + 1}",
            actions = Enumerable.Range(1, n).Select(k => new { specificProblem = n == 1 ? null : $"问题{i + 1}之{k}", measures = "整改" }).ToArray(),
        }).ToArray();
        var added = await ReadAsync<List<FindingDto>>(await PostJsonAsync(splitStaff, $"/api/rectification/centers/{split}/cycles/{app.Cycle2021}/findings", new { findings }));
        var actions = added.SelectMany(f => f.Actions).ToList();
        Assert.HasCount(21, actions);
        foreach (var action in actions.Skip(1))
        {
            await ReadAsync<ActionDto>(await PutJsonAsync(splitStaff, $"/api/rectification/actions/{action.Id}/status", new { status = "Completed", completedOn = "2022-05-31" }));
        }

        await ReadAsync<ActionDto>(await PutJsonAsync(splitStaff, $"/api/rectification/actions/{actions[0].Id}/status", new { status = "InProgress", progressNote = "部分完成" }));

        // 2 aspects, 6 problems, all completed.
        var six = Enumerable.Range(1, 6).Select(i => new { aspect = i <= 3 ? "现场管理方面" : "监督服务方面", source = "InspectionTour", description = $"巡察问题{i}" }).ToArray();
        var sixAdded = await ReadAsync<List<FindingDto>>(await PostJsonAsync(wholeStaff, $"/api/rectification/centers/{whole}/cycles/{app.Cycle2021}/findings", new { findings = six }));
        foreach (var action in sixAdded.SelectMany(f => f.Actions))
        {
            await ReadAsync<ActionDto>(await PutJsonAsync(wholeStaff, $"/api/rectification/actions/{action.Id}/status", new { status = "Completed", completedOn = "2022-05-31" }));
        }

        var splitProgress = await ReadAsync<ProgressDto>(await GetAsync(splitStaff, $"/api/rectification/centers/{split}/cycles/{app.Cycle2021}/progress"));
        var wholeProgress = await ReadAsync<ProgressDto>(await GetAsync(wholeStaff, $"/api/rectification/centers/{whole}/cycles/{app.Cycle2021}/progress"));
        Assert.AreEqual(95.24m, splitProgress.CompletionRate);
        Assert.AreEqual("4个方面10个问题（细化为21个具体问题），已完成整改20个，完成率95.24%", splitProgress.Summary);
        Assert.AreEqual(1, splitProgress.InProgress);
        Assert.AreEqual("2个方面6个问题，已完成整改6个，完成率100%", wholeProgress.Summary);

        var analyst = await app.SignedInAsync(Roles.Analyst);
        var province = await ReadAsync<ProvinceProgressDto>(await GetAsync(analyst, $"/api/rectification/cycles/{app.Cycle2021}/progress"));
        var mine = province.Centers.Where(c => c.CenterId == split || c.CenterId == whole).ToList();
        Assert.HasCount(2, mine);
        Assert.IsGreaterThanOrEqualTo(27, province.Total.SpecificProblems);
        Assert.AreEqual(
            LedgerProgress.Rate(province.Centers.Sum(c => c.Progress.Completed), province.Centers.Sum(c => c.Progress.SpecificProblems)),
            province.Total.CompletionRate);
        Assert.AreEqual(System.Net.HttpStatusCode.Forbidden, (await GetAsync(splitStaff, $"/api/rectification/cycles/{app.Cycle2021}/progress")).StatusCode);
    }
}
