using Assessment.Scoring.Checklists;
using Assessment.Scoring.Criteria;

namespace Assessment.Benchmarks;

/// <summary>Deterministic, complete checklists with a realistic spread: most items met, some points lost, a few N/A.</summary>
internal static class ChecklistGenerator
{
    public static Checklist[] Generate(CriteriaVersion criteria, int count, int seed)
    {
        var random = new Random(seed);
        var result = new Checklist[count];
        for (var c = 0; c < count; c++)
        {
            var answers = new ItemAnswer[criteria.Items.Count];
            for (var i = 0; i < answers.Length; i++)
            {
                answers[i] = Answer(criteria.Items[i], random);
            }

            result[c] = new Checklist { CriteriaId = criteria.Id, Answers = answers };
        }

        return result;
    }

    private static ItemAnswer Answer(CriteriaItem item, Random random)
    {
        if (item.NotApplicableAllowed && random.NextDouble() < 0.1)
        {
            return ItemAnswer.NotApplicableFor(item.Id);
        }

        var good = random.NextDouble() < 0.75;
        return item.Rule switch
        {
            YesNoRule => good ? ItemAnswer.Yes(item.Id) : ItemAnswer.No(item.Id),
            LevelsRule levels => ItemAnswer.AtLevel(item.Id, good ? levels.Levels[0].Code : levels.Levels[random.Next(levels.Levels.Count)].Code),
            DeductionRule deduction => ItemAnswer.WithNumber(item.Id, good ? 0 : random.Next(1, Math.Max(2, deduction.DefectList.Count))),
            TargetRule { Measure: TargetMeasure.Rate } => ItemAnswer.WithNumber(item.Id, good ? 100 : random.Next(60, 100)),
            TargetRule target => ItemAnswer.WithNumber(item.Id, good ? (target.FullAt ?? target.Bands[0].Min) : random.Next(0, 4)),
            _ => throw new InvalidOperationException($"Unknown rule for {item.Id}"),
        };
    }
}
