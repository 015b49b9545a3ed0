using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;
using Assessment.Scoring.Cycles;

namespace Assessment.Scoring.Scoring;

/// <summary>
/// Scores a checklist against a criteria version. A pure function: the same inputs always give the
/// same scorecard, and nothing outside the arguments is read.
/// </summary>
public static class Scorer
{
    /// <summary>Decimal places the total is kept to: far beyond display (2), far above decimal's division residue.</summary>
    public const int TotalDecimals = 20;

    public static Scorecard Score(CriteriaVersion criteria, Checklist checklist)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(checklist);

        var problems = new List<AnswerProblem>();
        if (!string.Equals(checklist.CriteriaId, criteria.Id, StringComparison.Ordinal))
        {
            problems.Add(new AnswerProblem("", $"考核表使用的考核标准为“{checklist.CriteriaId}”，与本次考核的标准“{criteria.Id}”不一致。"));
            return Unscorable(criteria, problems);
        }

        var items = criteria.Items;
        var answers = new ItemAnswer?[items.Count];
        foreach (var answer in checklist.Answers)
        {
            var index = criteria.IndexOf(answer.ItemId);
            if (index < 0)
            {
                problems.Add(new AnswerProblem(answer.ItemId, $"考核标准“{criteria.Id}”中没有考核项 {answer.ItemId}。"));
            }
            else if (answers[index] is not null)
            {
                problems.Add(new AnswerProblem(answer.ItemId, $"考核项 {answer.ItemId} 重复作答。"));
            }
            else
            {
                answers[index] = answer;
            }
        }

        var scores = new ItemScore[items.Count];
        var unanswered = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var score = ScoreItem(item, answers[i]);
            scores[i] = score;
            switch (score.Status)
            {
                case ItemStatus.Unanswered:
                    unanswered.Add(item.Id);
                    break;
                case ItemStatus.Invalid:
                    problems.Add(new AnswerProblem(item.Id, $"考核项 {item.Id}：{score.Reason.Text}"));
                    break;
            }
        }

        var dimensions = ScoreDimensions(criteria, scores);
        foreach (var dimension in dimensions)
        {
            // Every item answered, none applicable: weight × 0/0 has no value, so there is no total either.
            if (dimension.Unanswered == 0 && dimension.Score is null)
            {
                problems.Add(new AnswerProblem("", $"维度 {dimension.Code}（{dimension.Name}）没有适用的考核项（均为“不适用”），无法计算该维度得分。"));
            }
        }

        var vetoes = FindVetoes(criteria, checklist, scores, problems);
        var completeness = new Completeness(items.Count - unanswered.Count, items.Count, unanswered);

        decimal? total = null;
        string? grade = null;
        if (unanswered.Count == 0 && problems.Count == 0)
        {
            var sum = 0m;
            foreach (var dimension in dimensions)
            {
                sum += dimension.Score!.Value;
            }

            // Rescaled dimension scores are repeating decimals cut at decimal's 28–29 digits, so a total that is
            // exactly a grade boundary can add up to a hair below it (20⅚ + 3⅓ + 20⅚ + 15 + 0 = 60 sums to
            // 59.999…9) and lose its grade. Rounding at TotalDecimals drops that residue (< 1e-25); real totals
            // are fractions over the applicable maxima, so distinct ones differ by far more than 1e-20.
            total = Math.Round(sum, TotalDecimals, MidpointRounding.AwayFromZero);
            // The grade follows the published two-decimal figure, as rankings do: a center printed as 90.00 is 优秀.
            grade = criteria.GradeFor(PublishedFigures.Round(total.Value)).Name;
        }

        return new Scorecard
        {
            CriteriaId = criteria.Id,
            CriteriaHash = criteria.ContentHash,
            Items = scores,
            Dimensions = dimensions,
            Total = total,
            Grade = grade,
            Vetoes = vetoes,
            Completeness = completeness,
            Problems = problems,
        };
    }

    /// <summary>Scores one item's answer (null when unanswered) under the item's rule.</summary>
    public static ItemScore ScoreItem(CriteriaItem item, ItemAnswer? answer)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (answer is null)
        {
            return new ItemScore(item, ItemStatus.Unanswered, null, new ScoreReason(ReasonKind.Unanswered, 0m));
        }

        if (answer.NotApplicable)
        {
            if (!item.NotApplicableAllowed)
            {
                return Invalid(item, "该项不允许选择“不适用”。");
            }

            if (answer.Met is not null || answer.Level is not null || answer.Number is not null)
            {
                return Invalid(item, "已选择“不适用”，不应再填写答案。");
            }

            return new ItemScore(item, ItemStatus.NotApplicable, null, new ScoreReason(ReasonKind.NotApplicable, 0m));
        }

        return item.Rule switch
        {
            YesNoRule => ScoreYesNo(item, answer),
            LevelsRule levels => ScoreLevels(item, levels, answer),
            DeductionRule deduction => ScoreDeduction(item, deduction, answer),
            TargetRule target => ScoreTarget(item, target, answer),
            _ => throw new InvalidOperationException($"Item {item.Id} has an unknown rule {item.Rule.GetType().Name}."),
        };
    }

    private static ItemScore ScoreYesNo(CriteriaItem item, ItemAnswer answer)
    {
        if (answer.Met is not { } met || answer.Level is not null || answer.Number is not null)
        {
            return Invalid(item, "该项为“是/否”项，答案应为是或否。");
        }

        return met
            ? Scored(item, item.MaxPoints, new ScoreReason(ReasonKind.Met, item.MaxPoints))
            : Scored(item, 0m, new ScoreReason(ReasonKind.NotMet, 0m));
    }

    private static ItemScore ScoreLevels(CriteriaItem item, LevelsRule rule, ItemAnswer answer)
    {
        if (answer.Level is not { } code || answer.Met is not null || answer.Number is not null)
        {
            return Invalid(item, $"该项为等级项，答案应为等级之一（{LevelCodes(rule)}）。");
        }

        var level = rule.Find(code);
        if (level is null)
        {
            return Invalid(item, $"等级“{code}”不存在，应为{LevelCodes(rule)}之一。");
        }

        return Scored(item, level.Points, new ScoreReason(ReasonKind.Level, level.Points, Text: $"{level.Label}（{level.Code}）"));
    }

    private static ItemScore ScoreDeduction(CriteriaItem item, DeductionRule rule, ItemAnswer answer)
    {
        if (answer.Number is not { } defects || answer.Met is not null || answer.Level is not null)
        {
            return Invalid(item, "该项为扣分项，答案应为发现的问题数。");
        }

        if (defects < 0 || decimal.Truncate(defects) != defects)
        {
            return Invalid(item, $"问题数应为不小于0的整数，收到 {ScoreReason.Format(defects)}。");
        }

        if (rule.DefectList.Count > 0 && defects > rule.DefectList.Count)
        {
            return Invalid(item, $"问题数 {ScoreReason.Format(defects)} 超过了检查清单的 {rule.DefectList.Count} 项。");
        }

        var points = Math.Max(0m, item.MaxPoints - (defects * rule.PerDefect));
        return Scored(item, points, new ScoreReason(ReasonKind.Deducted, points, defects, rule.PerDefect));
    }

    private static ItemScore ScoreTarget(CriteriaItem item, TargetRule rule, ItemAnswer answer)
    {
        if (answer.Number is not { } value || answer.Met is not null || answer.Level is not null)
        {
            return Invalid(item, rule.Measure == TargetMeasure.Rate
                ? "该项为比率项，答案应为0到100之间的百分数。"
                : "该项为计数项，答案应为不小于0的整数。");
        }

        if (rule.Measure == TargetMeasure.Rate && value is < 0 or > 100)
        {
            return Invalid(item, $"比率应在0到100之间，收到 {ScoreReason.Format(value)}。");
        }

        if (rule.Measure == TargetMeasure.Count && (value < 0 || decimal.Truncate(value) != value))
        {
            return Invalid(item, $"计数应为不小于0的整数，收到 {ScoreReason.Format(value)}。");
        }

        if (!rule.IsLinear)
        {
            // Bands are stored highest minimum first: the first one reached counts.
            foreach (var band in rule.Bands)
            {
                if (value >= band.Min)
                {
                    return Scored(item, band.Points, new ScoreReason(ReasonKind.BandReached, band.Points, value, band.Min));
                }
            }

            return Scored(item, 0m, new ScoreReason(ReasonKind.BelowBands, 0m, value, rule.Bands[^1].Min));
        }

        var zeroAt = rule.ZeroAt!.Value;
        var fullAt = rule.FullAt!.Value;
        var fraction = (value - zeroAt) / (fullAt - zeroAt);
        var points = item.MaxPoints * Math.Clamp(fraction, 0m, 1m);
        return Scored(item, points, new ScoreReason(ReasonKind.Linear, points, value, fullAt));
    }

    private static DimensionScore[] ScoreDimensions(CriteriaVersion criteria, ItemScore[] scores)
    {
        var dimensions = criteria.Dimensions;
        var result = new DimensionScore[dimensions.Count];
        for (var d = 0; d < dimensions.Count; d++)
        {
            var dimension = dimensions[d];
            decimal earned = 0m, applicableMax = 0m;
            var unanswered = 0;
            foreach (var score in scores)
            {
                if (!string.Equals(score.Item.DimensionCode, dimension.Code, StringComparison.Ordinal))
                {
                    continue;
                }

                switch (score.Status)
                {
                    case ItemStatus.Scored:
                        earned += score.Points!.Value;
                        applicableMax += score.Item.MaxPoints;
                        break;
                    case ItemStatus.NotApplicable:
                        break;
                    default:
                        unanswered++;
                        break;
                }
            }

            decimal? value = null;
            if (unanswered == 0 && applicableMax > 0)
            {
                // N/A items leave the dimension: what remains is rescaled to the full weight.
                value = applicableMax == dimension.Weight ? earned : dimension.Weight * earned / applicableMax;
            }

            result[d] = new DimensionScore(dimension.Code, dimension.Name, dimension.Weight, earned, applicableMax, unanswered, value);
        }

        return result;
    }

    private static List<TriggeredVeto> FindVetoes(CriteriaVersion criteria, Checklist checklist, ItemScore[] scores, List<AnswerProblem> problems)
    {
        var triggered = new List<TriggeredVeto>();
        foreach (var finding in checklist.Vetoes)
        {
            var veto = criteria.Vetoes.FirstOrDefault(v => v.Id == finding.VetoId);
            if (veto is null)
            {
                problems.Add(new AnswerProblem(finding.VetoId, $"考核标准“{criteria.Id}”中没有否决项 {finding.VetoId}。"));
            }
            else if (triggered.All(t => t.VetoId != veto.Id))
            {
                triggered.Add(new TriggeredVeto(veto.Id, veto.Title, string.IsNullOrWhiteSpace(finding.Note) ? "考核组认定。" : finding.Note));
            }
        }

        foreach (var veto in criteria.Vetoes)
        {
            if (veto.LinkedItemId is null || triggered.Any(t => t.VetoId == veto.Id))
            {
                continue;
            }

            var index = criteria.IndexOf(veto.LinkedItemId);
            if (index >= 0 && scores[index] is { Status: ItemStatus.Scored, Points: 0m })
            {
                triggered.Add(new TriggeredVeto(veto.Id, veto.Title, $"考核项 {veto.LinkedItemId} 得0分。"));
            }
        }

        return triggered;
    }

    private static Scorecard Unscorable(CriteriaVersion criteria, List<AnswerProblem> problems) => new()
    {
        CriteriaId = criteria.Id,
        CriteriaHash = criteria.ContentHash,
        Items = criteria.Items.Select(i => ScoreItem(i, null)).ToArray(),
        Dimensions = criteria.Dimensions.Select(d => new DimensionScore(d.Code, d.Name, d.Weight, 0m, 0m, criteria.Items.Count(i => i.DimensionCode == d.Code), null)).ToArray(),
        Vetoes = [],
        Completeness = new Completeness(0, criteria.Items.Count, criteria.Items.Select(i => i.Id).ToArray()),
        Problems = problems,
    };

    private static ItemScore Scored(CriteriaItem item, decimal points, ScoreReason reason) =>
        new(item, ItemStatus.Scored, points, reason);

    private static ItemScore Invalid(CriteriaItem item, string problem) =>
        new(item, ItemStatus.Invalid, null, new ScoreReason(ReasonKind.Invalid, 0m, Text: problem));

    private static string LevelCodes(LevelsRule rule) => string.Join("、", rule.Levels.Select(l => l.Code));
}
