using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Assessment.Scoring.Criteria;

/// <summary>
/// The content hash of a criteria version: SHA-256 over a canonical text of every field that carries
/// meaning, in a fixed order, numbers without trailing zeros. Comments, key order, quoting and layout
/// of the file do not reach the model, so they cannot change the hash; any change of meaning does.
/// <see cref="CriteriaVersion.ContentHash"/> and <see cref="CriteriaVersion.SourcePath"/> are not hashed.
/// </summary>
public static class CriteriaHasher
{
    private const string Prefix = "sha256:";

    /// <summary>"sha256:" followed by 64 lowercase hex digits.</summary>
    public static string Compute(CriteriaVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText(version)));
        return Prefix + Convert.ToHexStringLower(bytes);
    }

    /// <summary>
    /// One field per line, lists prefixed by their length, texts quoted and escaped, so that two different
    /// versions never write the same text. The first line names the format: change it if the format changes.
    /// </summary>
    internal static string CanonicalText(CriteriaVersion version)
    {
        var w = new CanonicalWriter();
        w.Line("criteria-canonical-v1");
        w.Line("id", Text(version.Id));
        w.Line("scheme", Text(version.Scheme));
        w.Line("title", Text(version.Title));
        w.Line("effective", version.EffectiveDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.Line("basis", Text(version.Basis));
        w.List("dimensions", version.Dimensions, d => w.Line("dimension", Text(d.Code), Text(d.Name), Number(d.Weight)));
        w.List("items", version.Items, item => WriteItem(w, item));
        w.List("vetoes", version.Vetoes, v => w.Line("veto", Text(v.Id), Text(v.Title), Optional(v.LinkedItemId)));
        w.List("grades", version.Grades, g => w.Line("grade", Number(g.MinTotal), Text(g.Name), Optional(g.RectificationReportDays)));
        WriteDemonstration(w, version.Demonstration);
        w.Line("recheck", Number(version.RecheckThreshold));
        return w.ToString();
    }

    private static void WriteItem(CanonicalWriter w, CriteriaItem item)
    {
        w.Line("item", Text(item.Id));
        w.Line("title", Text(item.Title));
        w.Line("dimension", Text(item.DimensionCode));
        w.Line("points", Number(item.MaxPoints));
        WriteRule(w, item.Rule);
        w.Line("guidance", Text(item.Guidance));
        w.Line("methods", Texts(item.Methods.Select(InspectionMethodNames.ToChinese)));
        w.Line("evidence", Texts(item.Evidence));
        w.Line("na_allowed", item.NotApplicableAllowed ? "true" : "false");
    }

    private static void WriteRule(CanonicalWriter w, ItemRule rule)
    {
        switch (rule)
        {
            case YesNoRule:
                w.Line("kind", "yes_no");
                break;
            case LevelsRule levels:
                w.Line("kind", "levels");
                w.List("levels", levels.Levels, l => w.Line("level", Text(l.Code), Text(l.Label), Number(l.Points)));
                break;
            case DeductionRule deduction:
                w.Line("kind", "deduction");
                w.Line("per_defect", Number(deduction.PerDefect));
                w.Line("defects", Texts(deduction.DefectList));
                break;
            case TargetRule target:
                w.Line("kind", "target");
                w.Line("measure", target.Measure == TargetMeasure.Rate ? "rate" : "count");
                w.Line("unit", Text(target.Unit));
                w.List("bands", target.Bands, b => w.Line("band", Number(b.Min), Number(b.Points)));
                w.Line("linear", Optional(target.ZeroAt), Optional(target.FullAt));
                break;
            default:
                throw new InvalidOperationException($"Unknown rule type {rule.GetType().Name}.");
        }
    }

    private static void WriteDemonstration(CanonicalWriter w, DemonstrationRule rule)
    {
        w.Line("demonstration.min_total", Number(rule.MinTotal));
        w.Line("demonstration.min_dimension_share", Number(rule.MinDimensionShare));
        w.Line("demonstration.min_previous_rectification_rate", Optional(rule.MinPreviousRectificationRate));
        w.Line("demonstration.quota", rule.Quota.ToString(CultureInfo.InvariantCulture));
        w.Line("demonstration.tie_break", Texts(rule.TieBreak));
    }

    private static string Number(decimal value) => CriteriaText.Number(value);

    private static string Optional(decimal? value) => value is { } v ? Number(v) : "-";

    private static string Optional(int? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "-";

    private static string Optional(string? value) => value is null ? "-" : Text(value);

    private static string Texts(IEnumerable<string> values)
    {
        var list = values.ToArray();
        return list.Length.ToString(CultureInfo.InvariantCulture) + string.Concat(list.Select(v => " " + Text(v)));
    }

    /// <summary>Quoted, with backslash, quote and control characters escaped.</summary>
    private static string Text(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"' or '\\':
                    quoted.Append('\\').Append(c);
                    break;
                case < ' ':
                    quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                default:
                    quoted.Append(c);
                    break;
            }
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>Writes "name value value…" lines, and lists prefixed by their length.</summary>
    private sealed class CanonicalWriter
    {
        private readonly StringBuilder text = new();

        public void Line(string name, params string[] values)
        {
            text.Append(name);
            foreach (var value in values)
            {
                text.Append(' ').Append(value);
            }

            text.Append('\n');
        }

        public void List<T>(string name, IReadOnlyList<T> values, Action<T> write)
        {
            Line(name, values.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var value in values)
            {
                write(value);
            }
        }

        public override string ToString() => text.ToString();
    }
}
