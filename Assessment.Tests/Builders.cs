using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;

namespace Assessment.Tests;

/// <summary>
/// Builds small criteria versions in code, so engine tests state every number they depend on.
/// Defaults: grades 90/80/60/0, demonstration at 90 with 80 % per dimension, quota 2, re-check at 10.
/// </summary>
internal sealed class CriteriaBuilder
{
    private readonly List<Dimension> dimensions = [];
    private readonly List<CriteriaItem> items = [];
    private readonly List<VetoItem> vetoes = [];
    private string id = "test-2021";
    private DemonstrationRule demonstration = new()
    {
        MinTotal = 90m,
        MinDimensionShare = 0.8m,
        MinPreviousRectificationRate = null,
        Quota = 2,
        TieBreak = [],
    };

    public CriteriaBuilder WithId(string versionId)
    {
        id = versionId;
        return this;
    }

    public CriteriaBuilder Dimension(string code, string name, decimal weight)
    {
        dimensions.Add(new Dimension(code, name, weight));
        return this;
    }

    public CriteriaBuilder YesNo(string itemId, string dimension, decimal points, bool naAllowed = false) =>
        Item(itemId, dimension, points, new YesNoRule(), naAllowed);

    public CriteriaBuilder Levels(string itemId, string dimension, decimal points, params (string Code, decimal Points)[] levels) =>
        Item(itemId, dimension, points, new LevelsRule(levels.Select(l => new Level(l.Code, "等级" + l.Code, l.Points)).ToArray()));

    public CriteriaBuilder Deduction(string itemId, string dimension, decimal points, decimal perDefect, int listed = 0) =>
        Item(itemId, dimension, points, new DeductionRule(perDefect, Enumerable.Range(1, listed).Select(i => $"要素{i}").ToArray()));

    public CriteriaBuilder Bands(string itemId, string dimension, decimal points, params (decimal Min, decimal Points)[] bands) =>
        Item(itemId, dimension, points, new TargetRule(TargetMeasure.Rate, "%", bands.Select(b => new Band(b.Min, b.Points)).ToArray(), null, null));

    public CriteriaBuilder Linear(string itemId, string dimension, decimal points, decimal zeroAt, decimal fullAt, TargetMeasure measure = TargetMeasure.Count) =>
        Item(itemId, dimension, points, new TargetRule(measure, measure == TargetMeasure.Rate ? "%" : "次", [], zeroAt, fullAt));

    public CriteriaBuilder Item(string itemId, string dimension, decimal points, ItemRule rule, bool naAllowed = false)
    {
        items.Add(new CriteriaItem
        {
            Id = itemId,
            Title = "考核项" + itemId,
            DimensionCode = dimension,
            MaxPoints = points,
            Rule = rule,
            Methods = [InspectionMethod.SeeSite],
            Evidence = ["现场照片"],
            NotApplicableAllowed = naAllowed,
        });
        return this;
    }

    public CriteriaBuilder Veto(string vetoId, string? linkedItem = null)
    {
        vetoes.Add(new VetoItem(vetoId, "否决项" + vetoId, linkedItem));
        return this;
    }

    public CriteriaBuilder Demonstration(Func<DemonstrationRule, DemonstrationRule> change)
    {
        demonstration = change(demonstration);
        return this;
    }

    public CriteriaVersion Build() => new()
    {
        Id = id,
        Scheme = "test",
        Title = "测试考评标准",
        EffectiveDate = new DateOnly(2021, 1, 1),
        Basis = "单元测试",
        Dimensions = dimensions.ToArray(),
        Items = items.ToArray(),
        Vetoes = vetoes.ToArray(),
        Grades =
        [
            new GradeBand(90m, "优秀", null),
            new GradeBand(80m, "良好", null),
            new GradeBand(60m, "合格", null),
            new GradeBand(0m, "不合格", 30),
        ],
        Demonstration = demonstration,
        RecheckThreshold = 10m,
        ContentHash = "hash-" + id,
    };
}

/// <summary>Builds checklists answer by answer.</summary>
internal sealed class ChecklistBuilder(string criteriaId)
{
    private readonly List<ItemAnswer> answers = [];
    private readonly List<VetoFinding> vetoes = [];

    public ChecklistBuilder Yes(string item) => Add(ItemAnswer.Yes(item));

    public ChecklistBuilder No(string item) => Add(ItemAnswer.No(item));

    public ChecklistBuilder Level(string item, string level) => Add(ItemAnswer.AtLevel(item, level));

    public ChecklistBuilder Number(string item, decimal value) => Add(ItemAnswer.WithNumber(item, value));

    public ChecklistBuilder NotApplicable(string item) => Add(ItemAnswer.NotApplicableFor(item));

    public ChecklistBuilder Add(ItemAnswer answer)
    {
        answers.Add(answer);
        return this;
    }

    public ChecklistBuilder Veto(string vetoId, string? note = null)
    {
        vetoes.Add(new VetoFinding(vetoId, note));
        return this;
    }

    public Checklist Build() => new() { CriteriaId = criteriaId, Answers = answers.ToArray(), Vetoes = vetoes.ToArray() };
}
