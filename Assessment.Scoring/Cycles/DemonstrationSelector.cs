using Assessment.Scoring.Criteria;
using Assessment.Scoring.Scoring;

namespace Assessment.Scoring.Cycles;

/// <summary>
/// Selects the demonstration centers (示范公共资源交易中心) of a cycle under the criteria's
/// <see cref="DemonstrationRule"/>, and says for every center why it is or is not selected.
/// </summary>
/// <remarks>
/// <para>
/// A center is eligible when its scorecard is complete, its total is at least
/// <see cref="DemonstrationRule.MinTotal"/>, every dimension scores at least
/// <see cref="DemonstrationRule.MinDimensionShare"/> × its weight, no veto is triggered, and — when
/// <see cref="DemonstrationRule.MinPreviousRectificationRate"/> is set — its previous-cycle
/// rectification completion rate is at least that minimum. An unknown rate does not meet the minimum.
/// Totals, dimension scores and rates are judged as published: rounded to two decimals (see
/// <see cref="PublishedFigures"/>), so a center shown with 90.00 is never told it is below 90.
/// </para>
/// <para>
/// Eligible centers are taken by total, highest first, up to <see cref="DemonstrationRule.Quota"/>.
/// When centers with the same total straddle the quota boundary, their scores in the
/// <see cref="DemonstrationRule.TieBreak"/> dimensions are compared in order, a higher score winning.
/// If centers are still level on every tie-break dimension and would not all fit, all of them are
/// selected and <see cref="DemonstrationSelection.QuotaExceededByTie"/> is set: the rule does not
/// decide between them, so the engine does not either, and the bureau decides.
/// </para>
/// </remarks>
public static class DemonstrationSelector
{
    public static DemonstrationSelection Select(CriteriaVersion criteria, IReadOnlyList<CenterResult> centers)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(centers);

        var rule = criteria.Demonstration;
        var tieBreak = rule.TieBreak.Select(criteria.GetDimension).ToArray();
        var candidates = centers.Select(c => Assess(criteria, c, tieBreak)).ToArray();

        // Eligible centers by total, then by the tie-break dimensions; stable, so input order otherwise.
        var ranked = candidates.Where(c => c.Eligible).Order(CandidateComparer.Instance).ToArray();
        var outcomes = new Dictionary<Candidate, DemonstrationOutcome>();
        var taken = 0;
        var start = 0;
        while (start < ranked.Length)
        {
            var end = start;
            while (end + 1 < ranked.Length && CandidateComparer.Instance.Compare(ranked[start], ranked[end + 1]) == 0)
            {
                end++;
            }

            var size = end - start + 1;
            var outcome = taken >= rule.Quota ? DemonstrationOutcome.OutsideQuota
                : taken + size <= rule.Quota ? DemonstrationOutcome.Selected
                : DemonstrationOutcome.SelectedInUnresolvedTie;
            for (var k = start; k <= end; k++)
            {
                outcomes[ranked[k]] = outcome;
            }

            if (outcome != DemonstrationOutcome.OutsideQuota)
            {
                taken += size;
            }

            start = end + 1;
        }

        var exceeded = taken > rule.Quota;
        var decisions = new DemonstrationDecision[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            var candidate = candidates[i];
            if (!candidate.Eligible)
            {
                decisions[i] = new DemonstrationDecision(candidate.Center.CenterId, candidate.Center.Name, DemonstrationOutcome.NotEligible, candidate.Reasons);
                continue;
            }

            var outcome = outcomes[candidate];
            var reasons = new List<string>(candidate.Reasons)
            {
                QuotaReason(candidate, outcome, ranked, outcomes, tieBreak, rule.Quota, taken),
            };
            decisions[i] = new DemonstrationDecision(candidate.Center.CenterId, candidate.Center.Name, outcome, reasons);
        }

        var selected = ranked
            .Where(c => outcomes[c] != DemonstrationOutcome.OutsideQuota)
            .Select(c => decisions[Array.IndexOf(candidates, c)])
            .ToArray();
        string? note = null;
        if (exceeded)
        {
            var compared = tieBreak.Length == 0 ? "考核标准未规定并列时比较的维度" : $"依次比较{string.Join("、", tieBreak.Select(d => d.Name))}得分后仍并列";
            note = $"示范名额{rule.Quota}个；名额边界的中心总分并列，{compared}，按规则一并列入，共{taken}个，超出名额，请考核领导小组研究决定";
        }

        return new DemonstrationSelection(rule.Quota, decisions, selected, exceeded, note);
    }

    private static Candidate Assess(CriteriaVersion criteria, CenterResult center, Dimension[] tieBreak)
    {
        var rule = criteria.Demonstration;
        var scorecard = center.Inspection;
        var problems = Benchmark.WhyNotRankable(criteria, scorecard);
        if (problems.Count > 0)
        {
            return new Candidate(center, false, 0m, [], ["考核结果不完整或无效，不参与示范评选", .. problems]);
        }

        var reasons = new List<string>();
        var total = Benchmark.PublishedTotal(scorecard);
        if (total < rule.MinTotal)
        {
            reasons.Add($"总分{PublishedFigures.Format(total)}分，低于示范线{ScoreReason.Format(rule.MinTotal)}分");
        }

        var percent = ScoreReason.Format(rule.MinDimensionShare * 100m);
        foreach (var dimension in criteria.Dimensions)
        {
            var score = Benchmark.PublishedScore(scorecard, dimension.Code);
            var minimum = rule.MinDimensionShare * dimension.Weight;
            if (score < minimum)
            {
                reasons.Add($"{dimension.Name}得分{PublishedFigures.Format(score)}分，低于权重的{percent}%（{PublishedFigures.Format(minimum)}分）");
            }
        }

        foreach (var veto in scorecard.Vetoes)
        {
            reasons.Add($"触发否决项{veto.VetoId}：{veto.Title}（{veto.Reason.TrimEnd('。')}）");
        }

        string? rateMet = null;
        if (rule.MinPreviousRectificationRate is { } minRate)
        {
            var min = ScoreReason.Format(minRate);
            if (PublishedFigures.Round(center.PreviousRectificationRate) is not { } rate)
            {
                reasons.Add($"上年度整改完成率未知，视为未达到{min}%");
            }
            else if (rate < minRate)
            {
                reasons.Add($"上年度整改完成率{PublishedFigures.Format(rate)}%，低于{min}%");
            }
            else
            {
                rateMet = $"，上年度整改完成率{PublishedFigures.Format(rate)}%，不低于{min}%";
            }
        }

        if (reasons.Count > 0)
        {
            return new Candidate(center, false, total, [], reasons);
        }

        var keys = tieBreak.Select(d => Benchmark.PublishedScore(scorecard, d.Code)).ToArray();
        var eligible = $"总分{PublishedFigures.Format(total)}分，不低于示范线{ScoreReason.Format(rule.MinTotal)}分，"
            + $"各维度得分均不低于权重的{percent}%，未触发否决项{rateMet}，符合示范条件";
        return new Candidate(center, true, total, keys, [eligible]);
    }

    private static string QuotaReason(
        Candidate candidate,
        DemonstrationOutcome outcome,
        Candidate[] ranked,
        Dictionary<Candidate, DemonstrationOutcome> outcomes,
        Dimension[] tieBreak,
        int quota,
        int taken)
    {
        var total = PublishedFigures.Format(candidate.Total);
        if (outcome == DemonstrationOutcome.SelectedInUnresolvedTie)
        {
            var others = ranked.Where(c => c != candidate && CandidateComparer.Instance.Compare(c, candidate) == 0).Select(c => c.Center.Name);
            var compared = tieBreak.Length == 0
                ? "考核标准未规定并列时比较的维度"
                : $"依次比较{string.Join("、", tieBreak.Select(d => d.Name))}得分后仍并列";
            return $"总分{total}分，与{string.Join("、", others)}在示范名额边界并列，{compared}；按规则一并列入示范名单，"
                + $"共{taken}个，超出名额（{quota}个），请考核领导小组研究决定";
        }

        var sameTotal = ranked.Where(c => c.Total == candidate.Total).ToArray();
        var selected = outcome != DemonstrationOutcome.OutsideQuota;
        var straddles = sameTotal.Any(c => outcomes[c] == DemonstrationOutcome.OutsideQuota)
            && sameTotal.Any(c => outcomes[c] != DemonstrationOutcome.OutsideQuota);
        if (straddles)
        {
            // The nearest center on the other side of the boundary among those with the same total.
            var opponent = selected
                ? sameTotal.First(c => outcomes[c] == DemonstrationOutcome.OutsideQuota)
                : sameTotal.Last(c => outcomes[c] != DemonstrationOutcome.OutsideQuota);
            var d = 0;
            while (candidate.TieBreak[d] == opponent.TieBreak[d])
            {
                d++;
            }

            var mine = PublishedFigures.Format(candidate.TieBreak[d]);
            var theirs = PublishedFigures.Format(opponent.TieBreak[d]);
            return selected
                ? $"总分与{opponent.Center.Name}同为{total}分，并列于示范名额边界；{tieBreak[d].Name}得分{mine}分，高于其{theirs}分，入选示范"
                : $"总分与{opponent.Center.Name}同为{total}分，并列于示范名额边界；{tieBreak[d].Name}得分{mine}分，低于其{theirs}分，未入选";
        }

        var position = 1 + ranked.Count(c => c.Total > candidate.Total);
        return selected
            ? $"在符合条件的中心中总分列第{position}位，在示范名额（{quota}个）之内，入选示范"
            : $"在符合条件的中心中总分列第{position}位，示范名额（{quota}个）已满，未入选";
    }

    /// <param name="Total">Published total; zero when not rankable.</param>
    /// <param name="TieBreak">Published scores in the tie-break dimensions, in order; empty unless eligible.</param>
    private sealed record Candidate(CenterResult Center, bool Eligible, decimal Total, decimal[] TieBreak, IReadOnlyList<string> Reasons)
    {
        // Identity, not value: two centers may carry equal values.
        public bool Equals(Candidate? other) => ReferenceEquals(this, other);

        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
    }

    /// <summary>Higher total first, then higher tie-break scores in order.</summary>
    private sealed class CandidateComparer : IComparer<Candidate>
    {
        public static readonly CandidateComparer Instance = new();

        public int Compare(Candidate? x, Candidate? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var byTotal = y.Total.CompareTo(x.Total);
            if (byTotal != 0)
            {
                return byTotal;
            }

            for (var d = 0; d < x.TieBreak.Length; d++)
            {
                var byDimension = y.TieBreak[d].CompareTo(x.TieBreak[d]);
                if (byDimension != 0)
                {
                    return byDimension;
                }
            }

            return 0;
        }
    }
}

public enum DemonstrationOutcome
{
    /// <summary>Fails at least one condition; the reasons say which.</summary>
    NotEligible,

    /// <summary>Eligible, but the quota is filled by centers with higher totals or better tie-break scores.</summary>
    OutsideQuota,

    /// <summary>Eligible and within the quota.</summary>
    Selected,

    /// <summary>Eligible and tied at the quota boundary beyond every tie-break: selected with the others so tied, exceeding the quota; the bureau decides.</summary>
    SelectedInUnresolvedTie,
}

/// <summary>The decision for one center, with every reason in Chinese.</summary>
public sealed record DemonstrationDecision(string CenterId, string Name, DemonstrationOutcome Outcome, IReadOnlyList<string> Reasons)
{
    public bool IsEligible => Outcome != DemonstrationOutcome.NotEligible;

    public bool IsSelected => Outcome is DemonstrationOutcome.Selected or DemonstrationOutcome.SelectedInUnresolvedTie;
}

/// <summary>The demonstration selection of a cycle.</summary>
/// <param name="Decisions">One per center, in input order.</param>
/// <param name="Selected">The selected centers, highest total first.</param>
/// <param name="QuotaExceededByTie">More than <paramref name="Quota"/> centers are selected because of a tie no tie-break resolves.</param>
/// <param name="Note">For the bureau when the quota is exceeded (in Chinese); null otherwise.</param>
public sealed record DemonstrationSelection(
    int Quota,
    IReadOnlyList<DemonstrationDecision> Decisions,
    IReadOnlyList<DemonstrationDecision> Selected,
    bool QuotaExceededByTie,
    string? Note)
{
    public DemonstrationDecision For(string centerId) =>
        Decisions.FirstOrDefault(d => d.CenterId == centerId)
        ?? throw new KeyNotFoundException($"No decision for center '{centerId}'.");
}
