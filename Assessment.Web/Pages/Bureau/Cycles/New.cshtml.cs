using System.Globalization;
using Assessment.Web.Bureau;
using Assessment.Web.Criteria;
using Assessment.Web.Security;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.Bureau.Cycles;

/// <summary>
/// 新建考核周期: year, title, criteria version (one of the loaded versions) and schedule, saved through
/// <see cref="CycleService.CreateAsync"/> as <c>POST /api/cycles/</c> is: the service's refusals are shown per field and
/// nothing is saved; on success the new cycle's dashboard.
/// </summary>
[Authorize(Policy = Policies.BureauAdmin)]
public sealed class NewModel(CycleService cycles, BureauQueries queries, CriteriaRegistry registry, TimeProvider clock) : PageModel
{
    /// <summary>The loaded criteria versions, newest effective date first.</summary>
    public IReadOnlyList<Assessment.Scoring.Criteria.CriteriaVersion> Versions { get; private set; } = [];

    [BindProperty]
    public string? Year { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? CriteriaVersionId { get; set; }

    [BindProperty]
    public string? ScheduleStart { get; set; }

    [BindProperty]
    public string? ScheduleEnd { get; set; }

    /// <summary>The service's refusal (title), when the form was refused.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The service's errors, keyed as the API names the fields (<c>year</c>, <c>scheduleEnd</c>, …).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [TempData]
    public string? Flash { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Versions = SortedVersions();
        var latest = (await queries.CyclesAsync(publishedOnly: false, cancellationToken)).Select(c => (int?)c.Year).Max();
        var year = latest + 1 ?? clock.GetUtcNow().Year;
        Year = year.ToString(CultureInfo.InvariantCulture);
        Title = $"{year}年度全省公共资源交易中心考核";
        CriteriaVersionId = Versions.Count > 0 ? Versions[0].Id : null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Versions = SortedVersions();

        // Text that does not parse is passed as an impossible value, so the service names the field with its own rule.
        var year = int.TryParse(Year?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : 0;
        try
        {
            var cycle = await cycles.CreateAsync(new NewCycle(year, Title ?? "", CriteriaVersionId ?? "", Date(ScheduleStart), Date(ScheduleEnd)), cancellationToken);
            Flash = $"已新建考核周期“{cycle.Title}”（草稿）。安排考核后即可开启填报。";
            return Redirect($"/bureau/cycles/{cycle.Id}");
        }
        catch (WorkflowException refusal) when (refusal.Status is StatusCodes.Status400BadRequest or StatusCodes.Status409Conflict)
        {
            Refusal = refusal.Message;
            Errors = refusal.Errors;
            Response.StatusCode = refusal.Status;
            return Page();
        }
    }

    /// <summary>The form's label of a field the service names.</summary>
    public static string LabelOf(string field) => field switch
    {
        "year" => "年度",
        "title" => "标题",
        "criteriaVersionId" => "考核标准版本",
        "scheduleStart" => "开始日期",
        "scheduleEnd" => "结束日期",
        _ => field,
    };

    /// <summary>The messages for one field (as the API names it).</summary>
    public IReadOnlyList<string> ErrorsFor(string field) => Errors.TryGetValue(field, out var messages) ? messages : [];

    private static DateOnly Date(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : default;

    private List<Assessment.Scoring.Criteria.CriteriaVersion> SortedVersions() =>
        [.. registry.Versions.OrderByDescending(v => v.EffectiveDate).ThenBy(v => v.Id, StringComparer.Ordinal)];
}
