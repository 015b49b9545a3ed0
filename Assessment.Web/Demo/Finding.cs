using Assessment.Scoring.Criteria;
using Assessment.Web.Persistence;

namespace Assessment.Web.Demo;

/// <summary>
/// What an assessor recorded for one item of a demo checklist: the answer, the note that says why, and
/// how it was established. Profiles list findings only for the items worth a word (points lost, or a
/// highlight from the circular); every other item is answered as fully met (see <see cref="ChecklistComposer"/>).
/// </summary>
internal sealed record Finding(string ItemId, FindingKind Kind, string? Level, decimal? Number, string Note, InspectionMethod Method)
{
    /// <summary>A deduction item with <paramref name="count"/> defects (0 for a highlight worth noting).</summary>
    public static Finding Defects(string itemId, int count, string note, InspectionMethod method) =>
        new(itemId, FindingKind.Defects, null, count, note, method);

    /// <summary>A levels item answered with level <paramref name="code"/>.</summary>
    public static Finding AtLevel(string itemId, string code, string note, InspectionMethod method) =>
        new(itemId, FindingKind.Level, code, null, note, method);

    /// <summary>A yes/no item not met.</summary>
    public static Finding NotMet(string itemId, string note, InspectionMethod method) =>
        new(itemId, FindingKind.NotMet, null, null, note, method);

    /// <summary>A yes/no item met, with a note.</summary>
    public static Finding Met(string itemId, string note, InspectionMethod method) =>
        new(itemId, FindingKind.Met, null, null, note, method);

    /// <summary>A target item's measured rate (percent) or count.</summary>
    public static Finding Measured(string itemId, decimal value, string note, InspectionMethod method) =>
        new(itemId, FindingKind.Measured, null, value, note, method);

    /// <summary>不适用, for items that allow it.</summary>
    public static Finding NotApplicable(string itemId, string note, InspectionMethod method) =>
        new(itemId, FindingKind.NotApplicable, null, null, note, method);
}

internal enum FindingKind
{
    Defects,
    Level,
    NotMet,
    Met,
    Measured,
    NotApplicable,
}

/// <summary>
/// Turns a profile's findings into an answer for every item of a criteria version. A finding that does
/// not fit its item (unknown item, wrong kind, a method the item does not list, a level that does not
/// exist, more defects than listed) is a mistake in the profile and throws: the demo must never rely on
/// the engine quietly ignoring a bad answer.
/// </summary>
internal static class ChecklistComposer
{
    /// <param name="answered">Which items are answered (a draft answers some); null for all.</param>
    public static List<Answer> Compose(CriteriaVersion criteria, IReadOnlyList<Finding> findings, Func<CriteriaItem, bool>? answered = null)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(findings);
        var byItem = new Dictionary<string, Finding>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            if (criteria.FindItem(finding.ItemId) is null)
            {
                throw Mistake(criteria, finding, "no such item");
            }

            if (!byItem.TryAdd(finding.ItemId, finding))
            {
                throw Mistake(criteria, finding, "the item has two findings");
            }
        }

        var answers = new List<Answer>();
        foreach (var item in criteria.Items)
        {
            if (answered is not null && !answered(item))
            {
                continue;
            }

            answers.Add(byItem.TryGetValue(item.Id, out var finding) ? FromFinding(criteria, item, finding) : FullyMet(item));
        }

        return answers;
    }

    /// <summary>The answer that earns the item's full points; methods default to the first the criteria list.</summary>
    public static Answer FullyMet(CriteriaItem item)
    {
        var answer = new Answer { ItemId = item.Id, Method = item.Methods[0] };
        switch (item.Rule)
        {
            case YesNoRule:
                answer.Met = true;
                break;
            case LevelsRule levels:
                answer.Level = levels.Levels.First(l => l.Points == item.MaxPoints).Code;
                break;
            case DeductionRule:
                answer.Number = 0;
                break;
            case TargetRule target:
                answer.Number = FullTarget(target);
                break;
            default:
                throw new InvalidOperationException($"Item {item.Id} has an unknown rule.");
        }

        return answer;
    }

    /// <summary>A plausible value that reaches full points: not every rate is a perfect 100.</summary>
    private static decimal FullTarget(TargetRule target)
    {
        if (target.IsLinear)
        {
            var full = Math.Max(target.ZeroAt!.Value, target.FullAt!.Value);
            return target.Measure == TargetMeasure.Count ? full + 1 : full;
        }

        var top = target.Bands.MaxBy(b => b.Points)!.Min;
        return target.Measure == TargetMeasure.Rate && top < 100 ? top + ((100 - top) / 2) : top;
    }

    private static Answer FromFinding(CriteriaVersion criteria, CriteriaItem item, Finding finding)
    {
        if (!item.Methods.Contains(finding.Method))
        {
            throw Mistake(criteria, finding, $"the item does not list the method {InspectionMethodNames.ToChinese(finding.Method)}");
        }

        var answer = new Answer { ItemId = item.Id, Note = finding.Note, Method = finding.Method };
        switch (finding.Kind, item.Rule)
        {
            case (FindingKind.NotApplicable, _) when item.NotApplicableAllowed:
                answer.NotApplicable = true;
                break;
            case (FindingKind.Met or FindingKind.NotMet, YesNoRule):
                answer.Met = finding.Kind == FindingKind.Met;
                break;
            case (FindingKind.Level, LevelsRule levels) when levels.Find(finding.Level!) is not null:
                answer.Level = finding.Level;
                break;
            case (FindingKind.Defects, DeductionRule deduction)
                when finding.Number >= 0 && (deduction.DefectList.Count == 0 || finding.Number <= deduction.DefectList.Count):
                answer.Number = finding.Number;
                break;
            case (FindingKind.Measured, TargetRule):
                answer.Number = finding.Number;
                break;
            default:
                throw Mistake(criteria, finding, $"a {finding.Kind} finding does not fit a {item.Kind} item");
        }

        return answer;
    }

    private static InvalidOperationException Mistake(CriteriaVersion criteria, Finding finding, string problem) =>
        new($"Demo profile error: {criteria.Id} {finding.ItemId}: {problem}.");
}
