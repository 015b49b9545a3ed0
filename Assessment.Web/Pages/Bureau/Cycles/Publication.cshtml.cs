using System.Globalization;
using Assessment.Web.Bureau;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Assessment.Web.Reports;
using Assessment.Web.Security;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Pages.Bureau.Cycles;

/// <summary>
/// A cycle's publication settings (发文设置): issuer, number, addressees, imprint, dates and the bureau's paragraphs.
/// Saved whole or not at all through the same validation and store as <c>PUT /api/cycles/{id}/publication</c>; the
/// version shown travels with the form (a change made meanwhile is refused, never overwritten). Once the cycle is
/// published the settings are shown read-only and change only by a correction with a reason (更正, the same store as
/// <c>POST /api/cycles/{id}/publication/corrections</c>), listed below them with the values each one replaced.
/// </summary>
[Authorize(Policy = Policies.BureauAdmin)]
public sealed class PublicationModel(
    AssessmentDbContext db, CriteriaRegistry registry, BureauQueries queries, ICurrentActor actor, TimeProvider clock) : PageModel
{
    /// <summary>Blank rows offered for adding paragraphs and problem groups.</summary>
    public const int SpareRows = 2;

    public AssessmentCycle Cycle { get; private set; } = null!;

    public bool Stored { get; private set; }

    /// <summary>The cycle is published: the settings are locked, a correction is the only change.</summary>
    public bool Published => Cycle.Status == CycleStatus.Published;

    /// <summary>The corrections made after publication, oldest first.</summary>
    public IReadOnlyList<PublicationCorrection> Corrections { get; private set; } = [];

    public IReadOnlyList<string> DimensionNames { get; private set; } = [];

    [BindProperty]
    public PublicationForm Form { get; set; } = new();

    /// <summary>The API's errors, keyed as the API names the fields (<c>issuerName</c>, <c>addressees[2]</c>, …).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Refusal { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        await LoadCycleAsync(id, cancellationToken);
        var stored = await db.PublicationSettings.AsNoTracking().FirstOrDefaultAsync(s => s.CycleId == id, cancellationToken);
        Stored = stored is not null;
        Form = PublicationForm.From(PublicationSettingsDto.From(stored ?? PublicationDefaults.For(Cycle), Stored));
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        SubmitAsync(id, correction: false, "发文设置已保存。", body => PublicationSettingsStore.SaveAsync(db, registry, id, body, Form.Version, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCorrectAsync(int id, CancellationToken cancellationToken) =>
        SubmitAsync(id, correction: true, "更正已保存，原内容和更正理由已记入更正记录。", body => PublicationSettingsStore.CorrectAsync(
            db, registry, actor, clock, id, body with { CorrectionReason = Form.CorrectionReason ?? "" }, Form.Version, cancellationToken), cancellationToken);

    private async Task<IActionResult> SubmitAsync(int id, bool correction, string done, Func<PublicationSettingsDto, Task> save, CancellationToken cancellationToken)
    {
        await LoadCycleAsync(id, cancellationToken);
        var (body, parseErrors) = Form.ToDto();
        try
        {
            if (parseErrors.Count > 0)
            {
                foreach (var (key, messages) in body.Validate())
                {
                    parseErrors.TryAdd(key, messages);
                }

                if (correction && string.IsNullOrWhiteSpace(Form.CorrectionReason))
                {
                    parseErrors.TryAdd("correctionReason", ["更正已发布的通报须填写更正理由。"]);
                }

                throw WorkflowException.Invalid("发文设置有误，未保存。", parseErrors);
            }

            await save(body);
            Flash = done;
            return Redirect($"/bureau/cycles/{id}/publication");
        }
        catch (WorkflowException refusal) when (refusal.Status is StatusCodes.Status400BadRequest or StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
        {
            Refusal = refusal.Message;
            Errors = refusal.Errors.Where(e => e.Key != "cycle").ToDictionary();
            Stored = Form.Version > 0;
            Response.StatusCode = refusal.Status;
            return Page();
        }
    }

    /// <summary>The messages for a field and its list entries (<c>addressees</c>, <c>addressees[0]</c> …), entries numbered from 1.</summary>
    public IReadOnlyList<string> ErrorsFor(string field)
    {
        var found = new List<string>();
        foreach (var (key, messages) in Errors)
        {
            if (key == field)
            {
                found.AddRange(messages);
            }
            else if (key.StartsWith(field + "[", StringComparison.Ordinal) && int.TryParse(key[(field.Length + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                found.AddRange(messages.Select(m => $"第{index + 1}项：{m}"));
            }
        }

        return found;
    }

    private async Task LoadCycleAsync(int id, CancellationToken cancellationToken)
    {
        Cycle = await queries.CycleAsync(id, cancellationToken);
        DimensionNames = registry.Find(Cycle.CriteriaVersionId)?.Dimensions.Select(d => d.Name).ToArray() ?? [];
        Corrections = await db.PublicationCorrections.AsNoTracking().Where(c => c.CycleId == id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
    }
}

/// <summary>The settings as a form posts them: text as typed, lists one entry per line, numbers and dates as strings.</summary>
public sealed class PublicationForm
{
    public long Version { get; set; }

    /// <summary>更正理由: posted by the correction form of a published cycle only.</summary>
    public string? CorrectionReason { get; set; }

    public string? IssuerName { get; set; }

    public string? IssuerMark { get; set; }

    public string? NumberPrefix { get; set; }

    public string? NumberYear { get; set; }

    public string? Number { get; set; }

    public string? Title { get; set; }

    public string? Addressees { get; set; }

    public string? CopyTo { get; set; }

    public string? Distribution { get; set; }

    public string? PrintingOffice { get; set; }

    public string? SignatureDate { get; set; }

    public string? PrintDate { get; set; }

    public string? Disclosure { get; set; }

    public string? Basis { get; set; }

    public string? Organizer { get; set; }

    public string? AssessmentName { get; set; }

    public string? ShortName { get; set; }

    public string? SituationIntro { get; set; }

    public List<ParagraphInput> Situation { get; set; } = [];

    public List<ParagraphInput> Highlights { get; set; } = [];

    public string? ProblemsIntro { get; set; }

    public List<ProblemInput> Problems { get; set; } = [];

    public string? ResultsIntro { get; set; }

    public string? Requirements { get; set; }

    public string? RectifyWithinDays { get; set; }

    public string? ReportTo { get; set; }

    public static PublicationForm From(PublicationSettingsDto s)
    {
        ArgumentNullException.ThrowIfNull(s);
        static string Lines(IReadOnlyList<string>? values) => string.Join("\n", values ?? []);
        return new()
        {
            Version = s.Version,
            IssuerName = s.IssuerName,
            IssuerMark = s.IssuerMark,
            NumberPrefix = s.NumberPrefix,
            NumberYear = s.NumberYear?.ToString(CultureInfo.InvariantCulture),
            Number = s.Number.ToString(CultureInfo.InvariantCulture),
            Title = s.Title,
            Addressees = Lines(s.Addressees),
            CopyTo = Lines(s.CopyTo),
            Distribution = Lines(s.Distribution),
            PrintingOffice = s.PrintingOffice,
            SignatureDate = s.SignatureDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            PrintDate = s.PrintDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Disclosure = s.Disclosure,
            Basis = s.Basis,
            Organizer = s.Organizer,
            AssessmentName = s.AssessmentName,
            ShortName = s.ShortName,
            SituationIntro = Lines(s.SituationIntro),
            Situation = [.. (s.Situation ?? []).Select(p => new ParagraphInput { Lead = p.Lead, Text = p.Text })],
            Highlights = [.. (s.Highlights ?? []).Select(p => new ParagraphInput { Lead = p.Lead, Text = p.Text })],
            ProblemsIntro = s.ProblemsIntro,
            Problems = [.. (s.Problems ?? []).Select(p => new ProblemInput { Dimension = p.Dimension, Heading = p.Heading, Text = p.Text, TypicalGaps = string.Join("、", p.TypicalGaps ?? []) })],
            ResultsIntro = s.ResultsIntro,
            Requirements = Lines(s.Requirements),
            RectifyWithinDays = s.RectifyWithinDays.ToString(CultureInfo.InvariantCulture),
            ReportTo = s.ReportTo,
        };
    }

    /// <summary>The API body; numbers and dates that do not parse are reported under the API's field names.</summary>
    public (PublicationSettingsDto Body, Dictionary<string, string[]> Errors) ToDto()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        int? Integer(string field, string? value, bool required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required)
                {
                    errors[field] = ["必填。"];
                }

                return null;
            }

            if (int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            errors[field] = ["须为整数。"];
            return null;
        }

        DateOnly? Date(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            errors[field] = ["日期格式应为 yyyy-MM-dd。"];
            return null;
        }

        static string[] Lines(string? text) =>
            (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

        var number = Integer("number", Number, required: true);
        var numberYear = Integer("numberYear", NumberYear, required: false);
        var days = Integer("rectifyWithinDays", RectifyWithinDays, required: true);
        var body = new PublicationSettingsDto
        {
            IssuerName = IssuerName,
            IssuerMark = IssuerMark,
            NumberPrefix = NumberPrefix,
            NumberYear = numberYear,
            Number = number ?? 0,
            Title = Title?.Replace("\r\n", "\n", StringComparison.Ordinal),
            Addressees = Lines(Addressees),
            CopyTo = Lines(CopyTo),
            Distribution = Lines(Distribution),
            PrintingOffice = PrintingOffice,
            SignatureDate = Date("signatureDate", SignatureDate),
            PrintDate = Date("printDate", PrintDate),
            Disclosure = Disclosure,
            Basis = Basis,
            Organizer = Organizer,
            AssessmentName = AssessmentName,
            ShortName = ShortName,
            SituationIntro = Lines(SituationIntro),
            Situation = Paragraphs(Situation),
            Highlights = Paragraphs(Highlights),
            ProblemsIntro = ProblemsIntro,
            Problems = [.. Problems.Where(p => !p.IsBlank).Select(p => new ProblemText(
                p.Dimension?.Trim() ?? "",
                p.Heading?.Trim() ?? "",
                p.Text?.Trim() ?? "",
                string.IsNullOrWhiteSpace(p.TypicalGaps) ? null : p.TypicalGaps.Split('、', '，', ',').Select(g => g.Trim()).Where(g => g.Length > 0).ToArray()))],
            ResultsIntro = ResultsIntro,
            Requirements = Lines(Requirements),
            RectifyWithinDays = days ?? 0,
            ReportTo = ReportTo,
        };
        return (body, errors);
    }

    // A row left blank is no paragraph (that is how one is removed); a half-filled row is kept for the validation to name.
    private static TitledText[] Paragraphs(List<ParagraphInput> rows) =>
        [.. rows.Where(p => !string.IsNullOrWhiteSpace(p.Lead) || !string.IsNullOrWhiteSpace(p.Text)).Select(p => new TitledText(p.Lead?.Trim() ?? "", p.Text?.Trim() ?? ""))];
}

public sealed class ParagraphInput
{
    public string? Lead { get; set; }

    public string? Text { get; set; }
}

public sealed class ProblemInput
{
    public string? Dimension { get; set; }

    public string? Heading { get; set; }

    public string? Text { get; set; }

    public string? TypicalGaps { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Heading) && string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(TypicalGaps);
}
