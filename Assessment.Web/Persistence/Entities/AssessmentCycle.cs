namespace Assessment.Web.Persistence;

/// <summary>One year's assessment round: the criteria version it is scored against and its schedule.</summary>
public sealed class AssessmentCycle : IAudited, IVersioned, IStamped
{
    public const int TitleMaxLength = 200;

    public int Id { get; set; }

    public int Year { get; set; }

    /// <summary>e.g. 2021年度全省公共资源交易中心服务质量考核.</summary>
    public required string Title { get; set; }

    /// <summary>The criteria version pinned to the cycle: every assessment in it is scored against this.</summary>
    public required string CriteriaVersionId { get; set; }

    public CriteriaVersionRecord? CriteriaVersion { get; set; }

    public DateOnly ScheduleStart { get; set; }

    public DateOnly ScheduleEnd { get; set; }

    public CycleStatus Status { get; set; } = CycleStatus.Draft;

    public DateTimeOffset? PublishedAt { get; set; }

    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }

    public string? ModifiedBy { get; set; }
}

public enum CycleStatus
{
    Draft,
    Open,
    UnderReview,
    Published,
}
