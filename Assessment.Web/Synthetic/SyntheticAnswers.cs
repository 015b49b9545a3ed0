using System.Globalization;
using Assessment.Scoring.Criteria;
using Assessment.Web.Persistence;

namespace Assessment.Web.Synthetic;

/// <summary>
/// Answers every item of a criteria version as an assessor with a given strictness would for a center of a
/// given quality (0–1): the better the center, the more items earn full points; an item that loses points
/// gets a realistic answer of its kind (defects from its list, a lower level, a rate below the top band) and a
/// note saying why, with a method the criteria list for it. Every answer is valid for the engine.
/// </summary>
internal sealed class SyntheticAnswers
{
    private readonly CriteriaVersion criteria;
    private readonly double[] difficulty;
    private readonly string? rateItem;

    /// <param name="rateItem">The item answered with the previous ledger's completion rate (E6), if any.</param>
    public SyntheticAnswers(CriteriaVersion criteria, Random random, string? rateItem)
    {
        this.criteria = criteria;
        this.rateItem = rateItem;

        // Some items are harder to meet than others, the same ones for every center (e.g. 专家公寓, 主备模式).
        difficulty = criteria.Items.Select(_ => (random.NextDouble() * 0.2) - 0.05).ToArray();
    }

    public CriteriaVersion Criteria => criteria;

    /// <summary>The item answered with the previous ledger's completion rate, if the scheme has one.</summary>
    public string? RateItem => rateItem;

    /// <summary>
    /// One answer per item. <paramref name="previousRate"/> answers the rate item (null: a plausible rate from other
    /// sources); <paramref name="allowNotApplicable"/> lets items that allow it be 不适用 now and then.
    /// </summary>
    public List<Answer> Answer(double quality, decimal? previousRate, Random random, bool allowNotApplicable, DateTimeOffset stamp, string stampedBy)
    {
        var answers = new List<Answer>(criteria.Items.Count);
        for (var i = 0; i < criteria.Items.Count; i++)
        {
            var item = criteria.Items[i];
            var answer = new Answer
            {
                ItemId = item.Id,
                Method = item.Methods[random.Next(item.Methods.Count)],
                CreatedAt = stamp,
                ModifiedAt = stamp,
                ModifiedBy = stampedBy,
            };
            if (item.Id == rateItem && item.Rule is TargetRule)
            {
                var rate = previousRate ?? Math.Round((decimal)Math.Clamp((quality * 100) + (random.NextDouble() * 20) - 5, 40, 100), 2);
                answer.Number = rate;
                answer.Note = string.Create(CultureInfo.InvariantCulture, $"按上年度整改台账计算，完成率{rate:0.00}%");
            }
            else if (allowNotApplicable && item.NotApplicableAllowed && random.NextDouble() < 0.03)
            {
                answer.NotApplicable = true;
                answer.Note = "本年度无此类项目，不适用。";
            }
            else
            {
                Fill(answer, item, random.NextDouble() < quality - difficulty[i], random);
            }

            answers.Add(answer);
        }

        return answers;
    }

    private static void Fill(Answer answer, CriteriaItem item, bool fullyMet, Random random)
    {
        switch (item.Rule)
        {
            case YesNoRule:
                answer.Met = fullyMet;
                answer.Note = fullyMet ? null : "现场核查未达到要求。";
                break;
            case LevelsRule levels:
                var top = levels.Levels.First(l => l.Points == item.MaxPoints);
                var lower = levels.Levels.Where(l => l.Points < item.MaxPoints).ToList();
                var level = fullyMet || lower.Count == 0 ? top : lower[Math.Min(lower.Count - 1, (int)(Math.Pow(random.NextDouble(), 1.5) * lower.Count))];
                answer.Level = level.Code;
                answer.Note = level == top ? null : $"评定为：{level.Label}。";
                break;
            case DeductionRule deduction:
                var most = deduction.DefectList.Count > 0
                    ? deduction.DefectList.Count
                    : (int)Math.Ceiling(item.MaxPoints / deduction.PerDefect) + 1;
                var defects = fullyMet ? 0 : 1 + (int)(Math.Pow(random.NextDouble(), 2) * most);
                defects = Math.Min(defects, most);
                answer.Number = defects;
                answer.Note = defects == 0 ? null
                    : deduction.DefectList.Count > 0
                        ? "缺少或不符合要求：" + string.Join("、", deduction.DefectList.OrderBy(_ => random.Next()).Take(defects)) + "。"
                        : $"抽查发现{defects}个项目不规范。";
                break;
            case TargetRule target:
                var value = TargetValue(target, fullyMet, random);
                answer.Number = value;
                answer.Note = fullyMet ? null : string.Create(CultureInfo.InvariantCulture, $"实测{value:0.##}{target.Unit}，未达到满分档。");
                break;
            default:
                throw new InvalidOperationException($"Item {item.Id} has an unknown rule.");
        }
    }

    private static decimal TargetValue(TargetRule target, bool fullyMet, Random random)
    {
        decimal low, high;
        if (target.IsLinear)
        {
            var zero = Math.Min(target.ZeroAt!.Value, target.FullAt!.Value);
            var full = Math.Max(target.ZeroAt.Value, target.FullAt.Value);
            (low, high) = fullyMet ? (full, full + ((full - zero) / 5)) : (zero, full);
            if (target.ZeroAt > target.FullAt)
            {
                // Fewer is better (e.g. complaints): mirror the range.
                (low, high) = fullyMet ? (Math.Max(0, zero - ((full - zero) / 5)), zero) : (zero, full);
            }
        }
        else
        {
            var topMin = target.Bands.MaxBy(b => b.Points)!.Min;
            (low, high) = fullyMet ? (topMin, target.Measure == TargetMeasure.Rate ? 100m : topMin * 1.5m) : (0m, topMin);
        }

        var value = low + ((high - low) * (decimal)random.NextDouble());
        if (!fullyMet && value >= high)
        {
            value = low;
        }

        value = target.Measure == TargetMeasure.Count ? Math.Floor(value) : Math.Round(value, 2);
        if (target.Measure == TargetMeasure.Rate)
        {
            value = Math.Clamp(value, 0m, 100m);
        }

        return fullyMet && !target.IsLinear ? Math.Max(value, target.Bands.MaxBy(b => b.Points)!.Min) : value;
    }
}
