namespace Assessment.Scoring.Criteria;

/// <summary>The rule that turns an answer into points. One subtype per <see cref="ItemKind"/>.</summary>
public abstract record ItemRule
{
    public abstract ItemKind Kind { get; }
}

/// <summary>Full points when the answer is yes, zero when no.</summary>
public sealed record YesNoRule : ItemRule
{
    public override ItemKind Kind => ItemKind.YesNo;
}

/// <summary>The answer names one of the levels; the item earns that level's points.</summary>
public sealed record LevelsRule(IReadOnlyList<Level> Levels) : ItemRule
{
    public override ItemKind Kind => ItemKind.Levels;

    public Level? Find(string code)
    {
        foreach (var level in Levels)
        {
            if (string.Equals(level.Code, code, StringComparison.Ordinal))
            {
                return level;
            }
        }

        return null;
    }

    public bool Equals(LevelsRule? other) =>
        other is not null && Levels.SequenceEqual(other.Levels);

    public override int GetHashCode() => Levels.Count;
}

/// <param name="Code">What the answer records, e.g. <c>A</c> or <c>full</c>.</param>
/// <param name="Label">What the inspector reads, e.g. 全部落实.</param>
public sealed record Level(string Code, string Label, decimal Points);

/// <summary>
/// The answer is the number of defects found; each costs <see cref="PerDefect"/> points and the item
/// never goes below zero. <see cref="DefectList"/> optionally names what is counted (e.g. the six
/// functional zones), so the inspector can tick what is missing.
/// </summary>
public sealed record DeductionRule(decimal PerDefect, IReadOnlyList<string> DefectList) : ItemRule
{
    public override ItemKind Kind => ItemKind.Deduction;

    public bool Equals(DeductionRule? other) =>
        other is not null && PerDefect == other.PerDefect && DefectList.SequenceEqual(other.DefectList);

    public override int GetHashCode() => PerDefect.GetHashCode();
}

public enum TargetMeasure
{
    /// <summary>A whole number of occurrences (e.g. briefings held in the year).</summary>
    Count,

    /// <summary>A percentage from 0 to 100 (e.g. e-bidding rate).</summary>
    Rate,
}

/// <summary>
/// The answer is a measured count or rate. With <see cref="Bands"/>, the item earns the points of the
/// highest band whose minimum the value reaches (zero below every band). Without bands, points rise
/// linearly from zero at <see cref="ZeroAt"/> to full at <see cref="FullAt"/>, clamped at both ends.
/// </summary>
public sealed record TargetRule(TargetMeasure Measure, string Unit, IReadOnlyList<Band> Bands, decimal? ZeroAt, decimal? FullAt) : ItemRule
{
    public override ItemKind Kind => ItemKind.Target;

    public bool IsLinear => Bands.Count == 0;

    public bool Equals(TargetRule? other) =>
        other is not null && Measure == other.Measure && Unit == other.Unit && Bands.SequenceEqual(other.Bands)
        && ZeroAt == other.ZeroAt && FullAt == other.FullAt;

    public override int GetHashCode() => HashCode.Combine(Measure, Unit, Bands.Count, ZeroAt, FullAt);
}

/// <summary>A value at or above <see cref="Min"/> earns <see cref="Points"/> (the highest band reached counts).</summary>
public sealed record Band(decimal Min, decimal Points);
