using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;
using Assessment.Scoring.Cycles;
using Assessment.Scoring.Scoring;

namespace Assessment.Tests.Scoring;

/// <summary>
/// Criteria and scorecards for cycle tests. Every dimension has one deduction item worth its whole weight
/// (0.5 per defect), so a test states a scorecard as the points each dimension loses, and totals are
/// 100 minus the losses.
/// </summary>
internal static class CycleFixture
{
    /// <summary>
    /// <c>cycle-2022</c>: 服务内容 A 25 (A1), 业务咨询 B 10 (B1), 硬件设施 C 25 (C1),
    /// 场所设置 D 20 (D1 deduction 18 + D2 yes/no 2, may be N/A),
    /// 服务质量 E 20 (E1 deduction 19 + E2 one point, linear from 0 at count 0 to full at count 1000,
    /// for scores in thousandths). Veto V1. Defaults of <see cref="CriteriaBuilder"/>: demonstration at
    /// 90 with 80 % per dimension, quota 2, re-check above 10.
    /// </summary>
    public static CriteriaBuilder Criteria2022() => new CriteriaBuilder()
        .WithId("cycle-2022")
        .Dimension("A", "服务内容", 25m)
        .Dimension("B", "业务咨询", 10m)
        .Dimension("C", "硬件设施", 25m)
        .Dimension("D", "场所设置", 20m)
        .Dimension("E", "服务质量", 20m)
        .Deduction("A1", "A", 25m, 0.5m)
        .Deduction("B1", "B", 10m, 0.5m)
        .Deduction("C1", "C", 25m, 0.5m)
        .Deduction("D1", "D", 18m, 0.5m)
        .YesNo("D2", "D", 2m, naAllowed: true)
        .Deduction("E1", "E", 19m, 0.5m)
        .Linear("E2", "E", 1m, 0m, 1000m)
        .Veto("V1");

    /// <summary>
    /// <c>cycle-2021</c>, the year before: 服务内容 A 30, 硬件设施 C 25, 场所设置 D 20, 服务质量 E 15
    /// (re-weighted to 20 in 2022), 信息化建设 F 10 (dropped in 2022); no 业务咨询. One deduction item
    /// per dimension (A1, C1, D1, E1, F1) worth the weight.
    /// </summary>
    public static CriteriaVersion Criteria2021() => new CriteriaBuilder()
        .WithId("cycle-2021")
        .Dimension("A", "服务内容", 30m)
        .Dimension("C", "硬件设施", 25m)
        .Dimension("D", "场所设置", 20m)
        .Dimension("E", "服务质量", 15m)
        .Dimension("F", "信息化建设", 10m)
        .Deduction("A1", "A", 30m, 0.5m)
        .Deduction("C1", "C", 25m, 0.5m)
        .Deduction("D1", "D", 20m, 0.5m)
        .Deduction("E1", "E", 15m, 0.5m)
        .Deduction("F1", "F", 10m, 0.5m)
        .Build();

    /// <summary>A scorecard losing the given points on deduction items; everything else at full marks.</summary>
    public static Scorecard Losing(CriteriaVersion criteria, params (string Item, decimal Points)[] losses)
    {
        var builder = new CycleScorecardBuilder(criteria);
        foreach (var (item, points) in losses)
        {
            builder.Lose(item, points);
        }

        return builder.Score();
    }

    /// <summary>A center named after its id: 甲 → 甲中心.</summary>
    public static CenterResult Center(string id, Scorecard inspection, Scorecard? self = null, decimal? rectificationRate = null) =>
        new(id, id + "中心", inspection, self, rectificationRate);
}

/// <summary>
/// Answers every item of a criteria version at full marks unless told otherwise, then scores it.
/// Deduction items lose points (turned into defects), linear items take a number (default: full),
/// yes/no items may be answered no.
/// </summary>
internal sealed class CycleScorecardBuilder(CriteriaVersion criteria)
{
    private readonly Dictionary<string, decimal> lost = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> numbers = new(StringComparer.Ordinal);
    private readonly HashSet<string> notMet = new(StringComparer.Ordinal);
    private readonly HashSet<string> notApplicable = new(StringComparer.Ordinal);
    private readonly HashSet<string> unanswered = new(StringComparer.Ordinal);
    private readonly List<string> vetoes = [];

    public CycleScorecardBuilder Lose(string item, decimal points)
    {
        lost[item] = points;
        return this;
    }

    public CycleScorecardBuilder Number(string item, decimal value)
    {
        numbers[item] = value;
        return this;
    }

    public CycleScorecardBuilder No(string item)
    {
        notMet.Add(item);
        return this;
    }

    public CycleScorecardBuilder NotApplicable(string item)
    {
        notApplicable.Add(item);
        return this;
    }

    public CycleScorecardBuilder Unanswered(string item)
    {
        unanswered.Add(item);
        return this;
    }

    public CycleScorecardBuilder Veto(string vetoId)
    {
        vetoes.Add(vetoId);
        return this;
    }

    public Checklist Checklist()
    {
        var checklist = new ChecklistBuilder(criteria.Id);
        foreach (var item in criteria.Items)
        {
            if (unanswered.Contains(item.Id))
            {
                continue;
            }

            if (notApplicable.Contains(item.Id))
            {
                checklist.NotApplicable(item.Id);
                continue;
            }

            switch (item.Rule)
            {
                case DeductionRule deduction:
                    checklist.Number(item.Id, lost.GetValueOrDefault(item.Id) / deduction.PerDefect);
                    break;
                case TargetRule target:
                    checklist.Number(item.Id, numbers.TryGetValue(item.Id, out var number) ? number : target.FullAt!.Value);
                    break;
                case YesNoRule:
                    _ = notMet.Contains(item.Id) ? checklist.No(item.Id) : checklist.Yes(item.Id);
                    break;
                default:
                    throw new NotSupportedException($"{item.Rule.GetType().Name} is not used in cycle tests.");
            }
        }

        foreach (var veto in vetoes)
        {
            checklist.Veto(veto);
        }

        return checklist.Build();
    }

    public Scorecard Score() => Scorer.Score(criteria, Checklist());
}

/// <summary>Writes a sequence on one line, so a test asserts it as one readable string.</summary>
internal static class Listed
{
    public static string Of<T>(IEnumerable<T> items) =>
        string.Join(", ", items.Select(i => Convert.ToString(i, System.Globalization.CultureInfo.InvariantCulture)));
}
