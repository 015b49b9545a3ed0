using System.Globalization;
using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;

namespace Assessment.Web.Persistence;

/// <summary>
/// One item's answer in an assessment; at most one per (assessment, item). Exactly one of
/// <see cref="Met"/>, <see cref="Level"/> or <see cref="Number"/> is set, by the item's kind, or none when
/// <see cref="NotApplicable"/> (the API validates against the criteria; the engine reports what is wrong).
/// </summary>
public sealed class Answer : IAudited, IStamped, IAssessmentPart
{
    public const int ItemIdMaxLength = 32;
    public const int LevelMaxLength = 32;
    public const int NoteMaxLength = 4000;

    public int Id { get; set; }

    public int AssessmentId { get; set; }

    public required string ItemId { get; set; }

    public bool? Met { get; set; }

    public string? Level { get; set; }

    public decimal? Number { get; set; }

    public bool NotApplicable { get; set; }

    public string? Note { get; set; }

    public InspectionMethod? Method { get; set; }

    /// <summary>Ids of <see cref="EvidenceFile"/>s supporting the answer.</summary>
    public List<int> EvidenceIds { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }

    public string? ModifiedBy { get; set; }

    public ItemAnswer ToItemAnswer() => new()
    {
        ItemId = ItemId,
        NotApplicable = NotApplicable,
        Met = Met,
        Level = Level,
        Number = Number,
        Note = Note,
        Method = Method,
        Evidence = EvidenceIds.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToArray(),
    };

    internal Answer CopyForRevision() => new()
    {
        ItemId = ItemId,
        Met = Met,
        Level = Level,
        Number = Number,
        NotApplicable = NotApplicable,
        Note = Note,
        Method = Method,
        EvidenceIds = [.. EvidenceIds],
    };
}
