using System.Text.Json.Serialization;
using Assessment.Web.Persistence;

namespace Assessment.Web.Reports;

/// <summary>The publication settings as the API reads and writes them; <see cref="Stored"/> is false while they are the defaults.</summary>
public sealed record PublicationSettingsDto
{
    public bool Stored { get; init; }

    public long Version { get; init; }

    public string? IssuerName { get; init; }

    public string? IssuerMark { get; init; }

    public string? NumberPrefix { get; init; }

    public int? NumberYear { get; init; }

    public int Number { get; init; }

    public string? Title { get; init; }

    public IReadOnlyList<string>? Addressees { get; init; }

    public IReadOnlyList<string>? CopyTo { get; init; }

    public IReadOnlyList<string>? Distribution { get; init; }

    public string? PrintingOffice { get; init; }

    public DateOnly? SignatureDate { get; init; }

    public DateOnly? PrintDate { get; init; }

    public string? Disclosure { get; init; }

    public string? Basis { get; init; }

    public string? Organizer { get; init; }

    public string? AssessmentName { get; init; }

    public string? ShortName { get; init; }

    public IReadOnlyList<string>? SituationIntro { get; init; }

    public IReadOnlyList<TitledText>? Situation { get; init; }

    public IReadOnlyList<TitledText>? Highlights { get; init; }

    public string? ProblemsIntro { get; init; }

    public IReadOnlyList<ProblemText>? Problems { get; init; }

    public string? ResultsIntro { get; init; }

    public IReadOnlyList<string>? Requirements { get; init; }

    public int RectifyWithinDays { get; init; }

    public string? ReportTo { get; init; }

    /// <summary>
    /// Why a published circular's settings are corrected: required by <c>POST …/publication/corrections</c>, refused by
    /// an ordinary save; never part of the settings themselves (not returned).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CorrectionReason { get; init; }

    public static PublicationSettingsDto From(PublicationSettings s, bool stored)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new()
        {
            Stored = stored,
            Version = s.Version,
            IssuerName = s.IssuerName,
            IssuerMark = s.IssuerMark,
            NumberPrefix = s.NumberPrefix,
            NumberYear = s.NumberYear,
            Number = s.Number,
            Title = s.Title,
            Addressees = s.Addressees,
            CopyTo = s.CopyTo,
            Distribution = s.Distribution,
            PrintingOffice = s.PrintingOffice,
            SignatureDate = s.SignatureDate,
            PrintDate = s.PrintDate,
            Disclosure = s.Disclosure,
            Basis = s.Basis,
            Organizer = s.Organizer,
            AssessmentName = s.AssessmentName,
            ShortName = s.ShortName,
            SituationIntro = s.SituationIntro,
            Situation = s.Situation,
            Highlights = s.Highlights,
            ProblemsIntro = s.ProblemsIntro,
            Problems = s.Problems,
            ResultsIntro = s.ResultsIntro,
            Requirements = s.Requirements,
            RectifyWithinDays = s.RectifyWithinDays,
            ReportTo = s.ReportTo,
        };
    }

    /// <summary>Every problem, keyed by the field (camelCase, with [index] for list entries); empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Required(string field, string? value, int max)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors[field] = ["必填。"];
            }
            else if (value.Length > max)
            {
                errors[field] = [$"不能超过{max}个字符。"];
            }
        }

        void Lines(string field, IReadOnlyList<string>? values, bool required)
        {
            if (values is null || (required && values.Count == 0))
            {
                errors[field] = ["至少填写一项。"];
                return;
            }

            for (var i = 0; i < values.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(values[i]) || values[i].Length > PublicationSettings.TextMaxLength)
                {
                    errors[$"{field}[{i}]"] = ["不能为空，且不能超过20000个字符。"];
                }
            }
        }

        void Paragraphs(string field, IReadOnlyList<TitledText>? values)
        {
            if (values is null)
            {
                errors[field] = ["必填（可为空列表）。"];
                return;
            }

            for (var i = 0; i < values.Count; i++)
            {
                if (values[i] is null || string.IsNullOrWhiteSpace(values[i].Lead) || string.IsNullOrWhiteSpace(values[i].Text))
                {
                    errors[$"{field}[{i}]"] = ["须有首句（lead）和正文（text）。"];
                }
                else if (values[i].Lead.Length > PublicationSettings.LineMaxLength || values[i].Text.Length > PublicationSettings.TextMaxLength)
                {
                    errors[$"{field}[{i}]"] = [$"首句不能超过{PublicationSettings.LineMaxLength}个字符，正文不能超过{PublicationSettings.TextMaxLength}个字符。"];
                }
            }
        }

        Required("issuerName", IssuerName, PublicationSettings.NameMaxLength);
        Required("issuerMark", IssuerMark, PublicationSettings.NameMaxLength);
        Required("numberPrefix", NumberPrefix, PublicationSettings.NameMaxLength);
        Required("title", Title, PublicationSettings.LineMaxLength);
        Required("printingOffice", PrintingOffice, PublicationSettings.NameMaxLength);
        Required("disclosure", Disclosure, PublicationSettings.NameMaxLength);
        Required("basis", Basis, PublicationSettings.LineMaxLength);
        Required("organizer", Organizer, PublicationSettings.NameMaxLength);
        Required("assessmentName", AssessmentName, PublicationSettings.LineMaxLength);
        Required("problemsIntro", ProblemsIntro, PublicationSettings.TextMaxLength);
        Required("resultsIntro", ResultsIntro, PublicationSettings.TextMaxLength);
        Required("reportTo", ReportTo, PublicationSettings.NameMaxLength);
        if (ShortName is { Length: > PublicationSettings.NameMaxLength })
        {
            errors["shortName"] = [$"不能超过{PublicationSettings.NameMaxLength}个字符。"];
        }

        if (Number < 1)
        {
            errors["number"] = ["发文序号须为正整数（GB/T 9704：不编虚位，不加“第”）。"];
        }

        if (NumberYear is < 2000 or > 2100)
        {
            errors["numberYear"] = ["年份须为四位数。"];
        }

        if (RectifyWithinDays is < 1 or > 365)
        {
            errors["rectifyWithinDays"] = ["整改期限须在1至365天之间。"];
        }

        if (SignatureDate is { } signed && PrintDate is { } printed && printed < signed)
        {
            errors["printDate"] = ["印发日期不能早于成文日期。"];
        }

        Lines("addressees", Addressees, required: true);
        Lines("copyTo", CopyTo, required: false);
        Lines("distribution", Distribution, required: false);
        Lines("situationIntro", SituationIntro, required: false);
        Lines("requirements", Requirements, required: true);
        Paragraphs("situation", Situation);
        Paragraphs("highlights", Highlights);
        if (Problems is null)
        {
            errors["problems"] = ["必填（可为空列表：按失分和问题自动归纳）。"];
        }
        else
        {
            for (var i = 0; i < Problems.Count; i++)
            {
                if (Problems[i] is null || string.IsNullOrWhiteSpace(Problems[i].Dimension) || string.IsNullOrWhiteSpace(Problems[i].Heading) || string.IsNullOrWhiteSpace(Problems[i].Text))
                {
                    errors[$"problems[{i}]"] = ["须有维度（dimension）、标题（heading）和正文（text）。"];
                }
                else if (Problems[i].Heading.Length > PublicationSettings.LineMaxLength || Problems[i].Text.Length > PublicationSettings.TextMaxLength
                    || (Problems[i].TypicalGaps ?? []).Any(g => string.IsNullOrWhiteSpace(g) || g.Length > PublicationSettings.LineMaxLength))
                {
                    errors[$"problems[{i}]"] = [$"标题和每个典型问题不能为空且不能超过{PublicationSettings.LineMaxLength}个字符，正文不能超过{PublicationSettings.TextMaxLength}个字符。"];
                }
            }
        }

        return errors;
    }

    /// <summary>Copies a validated body onto the entity.</summary>
    public void ApplyTo(PublicationSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        s.IssuerName = IssuerName!.Trim();
        s.IssuerMark = IssuerMark!.Trim();
        s.NumberPrefix = NumberPrefix!.Trim();
        s.NumberYear = NumberYear;
        s.Number = Number;
        s.Title = Title!.Trim();
        s.Addressees = [.. Addressees!.Select(a => a.Trim())];
        s.CopyTo = [.. (CopyTo ?? []).Select(a => a.Trim())];
        s.Distribution = [.. (Distribution ?? []).Select(a => a.Trim())];
        s.PrintingOffice = PrintingOffice!.Trim();
        s.SignatureDate = SignatureDate;
        s.PrintDate = PrintDate;
        s.Disclosure = Disclosure!.Trim();
        s.Basis = Basis!.Trim();
        s.Organizer = Organizer!.Trim();
        s.AssessmentName = AssessmentName!.Trim();
        s.ShortName = string.IsNullOrWhiteSpace(ShortName) ? null : ShortName.Trim();
        s.SituationIntro = [.. SituationIntro ?? []];
        s.Situation = [.. Situation!];
        s.Highlights = [.. Highlights!];
        s.ProblemsIntro = ProblemsIntro!.Trim();
        s.Problems = [.. Problems!];
        s.ResultsIntro = ResultsIntro!.Trim();
        s.Requirements = [.. Requirements!];
        s.RectifyWithinDays = RectifyWithinDays;
        s.ReportTo = ReportTo!.Trim();
    }
}
