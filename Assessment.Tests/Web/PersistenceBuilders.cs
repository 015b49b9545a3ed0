using Assessment.Web.Persistence;

namespace Assessment.Tests.Web;

/// <summary>Minimal rows for persistence tests; every code is unique, so tests sharing a database never collide.</summary>
internal static class PersistenceBuilders
{
    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    public static Center NewCenter(string name = "海北州公共资源交易中心") => new()
    {
        Code = Unique("C"),
        Name = name,
        Level = CenterLevel.Prefecture,
        Region = new Region { Code = Unique("R"), Name = "海北藏族自治州", Level = RegionLevel.Prefecture },
        ContactPerson = "李明",
        ContactPhone = "0970-8641234",
        Address = "海晏县西海镇",
    };

    public static CriteriaVersionRecord NewCriteriaVersion(string? id = null) => new()
    {
        Id = id ?? Unique("test-2021-"),
        Scheme = "test",
        Title = "测试考评标准",
        EffectiveDate = new DateOnly(2021, 1, 1),
        ContentHash = new string('a', 64),
        SourceYaml = "id: test-2021\n",
        ImportedAt = new DateTimeOffset(2021, 1, 5, 9, 0, 0, TimeSpan.FromHours(8)),
    };

    public static AssessmentCycle NewCycle(CriteriaVersionRecord criteria) => new()
    {
        Year = 2021,
        Title = "2021年度全省公共资源交易中心考核",
        CriteriaVersion = criteria,
        CriteriaVersionId = criteria.Id,
        ScheduleStart = new DateOnly(2021, 11, 1),
        ScheduleEnd = new DateOnly(2021, 12, 31),
        Status = CycleStatus.Open,
    };

    /// <summary>A draft inspection of a new center in a new cycle, with its criteria version, saved.</summary>
    public static async Task<AssessmentRecord> SaveNewAssessmentAsync(AssessmentDbContext db, string? criteriaId = null)
    {
        var criteria = NewCriteriaVersion(criteriaId);
        var assessment = new AssessmentRecord
        {
            Kind = AssessmentKind.Inspection,
            Center = NewCenter(),
            Cycle = NewCycle(criteria),
        };
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync();
        return assessment;
    }
}
