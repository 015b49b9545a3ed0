using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web;

/// <summary>
/// Test data for the API, made through the application's own services: two centers (A and B), one user
/// per role (plus a second inspector not assigned to anything and a staff user for each center), an open
/// cycle pinned to a criteria version, and for each center a self-assessment and an inspection assigned to
/// <see cref="Inspector"/>. Names are unique, so many worlds share one database.
/// </summary>
public sealed record ApiWorld(
    CriteriaVersion Criteria,
    int CycleId,
    int CenterA,
    int CenterB,
    int SelfA,
    int SelfB,
    int InspectionA,
    int InspectionB,
    string Bureau,
    string Inspector,
    string OtherInspector,
    string StaffA,
    string StaffB,
    string Analyst)
{
    public static async Task<ApiWorld> CreateAsync(ApiHost host, string criteriaId = "qh-demo-2021", int year = 2021)
    {
        ArgumentNullException.ThrowIfNull(host);
        var tag = PersistenceBuilders.Unique("");
        await using var scope = host.Scope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AssessmentDbContext>();
        var region = new Region { Code = "R" + tag, Name = "海北藏族自治州", Level = RegionLevel.Prefecture };
        var a = new Center { Code = "A" + tag, Name = $"海北州公共资源交易中心{tag}", Level = CenterLevel.Prefecture, Region = region };
        var b = new Center { Code = "B" + tag, Name = $"格尔木市公共资源交易中心{tag}", Level = CenterLevel.County, Region = region };
        db.Centers.AddRange(a, b);
        await db.SaveChangesAsync();

        var users = services.GetRequiredService<UserManager<AppUser>>();
        async Task<AppUser> UserAsync(string name, string role, int? center = null)
        {
            var user = new AppUser { UserName = $"{name}-{tag}", DisplayName = name, CenterId = center };
            Check(await users.CreateAsync(user, ApiHost.Password));
            Check(await users.AddToRoleAsync(user, role));
            return user;
        }

        var bureau = await UserAsync("bureau", Roles.BureauAdmin);
        var inspector = await UserAsync("inspector", Roles.Inspector);
        var other = await UserAsync("other-inspector", Roles.Inspector);
        var staffA = await UserAsync("staff-a", Roles.CenterStaff, a.Id);
        var staffB = await UserAsync("staff-b", Roles.CenterStaff, b.Id);
        var analyst = await UserAsync("analyst", Roles.Analyst);

        var cycles = services.GetRequiredService<CycleService>();
        var cycle = await cycles.CreateAsync(new NewCycle(year, $"{year}年度考核 {tag}", criteriaId, new DateOnly(year, 10, 18), new DateOnly(year, 12, 17)));
        await cycles.OpenAsync(cycle.Id);
        var assessments = services.GetRequiredService<AssessmentService>();
        var selfA = await assessments.CreateAsync(cycle.Id, new NewAssessment(a.Id, AssessmentKind.SelfAssessment));
        var selfB = await assessments.CreateAsync(cycle.Id, new NewAssessment(b.Id, AssessmentKind.SelfAssessment));
        var inspectionA = await assessments.CreateAsync(cycle.Id, new NewAssessment(a.Id, AssessmentKind.Inspection, [inspector.Id]));
        var inspectionB = await assessments.CreateAsync(cycle.Id, new NewAssessment(b.Id, AssessmentKind.Inspection, [inspector.Id]));
        var criteria = services.GetRequiredService<CriteriaRegistry>().Find(criteriaId)!;
        return new ApiWorld(criteria, cycle.Id, a.Id, b.Id, selfA.Id, selfB.Id, inspectionA.Id, inspectionB.Id,
            bureau.UserName!, inspector.UserName!, other.UserName!, staffA.UserName!, staffB.UserName!, analyst.UserName!);
    }

    /// <summary>
    /// A valid answer for every item: <paramref name="defects"/> problems found on each deduction item (capped
    /// by its list), the level that many steps below the top, yes/no met when no defects, targets reached.
    /// </summary>
    public static IReadOnlyList<ItemAnswer> Answers(CriteriaVersion criteria, int defects)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return criteria.Items.Select(item => item.Rule switch
        {
            YesNoRule => new ItemAnswer { ItemId = item.Id, Met = defects == 0, Method = item.Methods.Count > 0 ? item.Methods[0] : null },
            LevelsRule levels => new ItemAnswer { ItemId = item.Id, Level = levels.Levels[Math.Min(defects, levels.Levels.Count - 1)].Code },
            DeductionRule deduction => new ItemAnswer
            {
                ItemId = item.Id,
                Number = deduction.DefectList.Count > 0 ? Math.Min(defects, deduction.DefectList.Count) : defects,
                Note = defects > 0 ? "抽查发现问题" : null,
            },
            TargetRule target => new ItemAnswer
            {
                ItemId = item.Id,
                Number = target.Bands.Count > 0 ? target.Bands.Max(b => b.Min) : target.FullAt ?? 0m,
            },
            _ => throw new InvalidOperationException(item.Rule.GetType().Name),
        }).ToArray();
    }

    /// <summary>The body of <c>PATCH /answers</c> for <paramref name="answers"/>.</summary>
    public static object Body(IEnumerable<ItemAnswer> answers) => new
    {
        answers = answers.Select(a => new { a.ItemId, a.NotApplicable, a.Met, a.Level, a.Number, a.Note, a.Method }).ToArray(),
    };

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
