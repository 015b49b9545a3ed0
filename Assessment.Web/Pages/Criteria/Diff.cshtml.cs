using Assessment.Scoring.Criteria;
using Assessment.Web.Criteria;
using Assessment.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.Criteria;

/// <summary>What changed between two versions (<see cref="CriteriaDiff"/>), grouped by what it concerns.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DiffModel(CriteriaRegistry registry) : PageModel
{
    public IReadOnlyList<CriteriaVersion> Versions => registry.Versions;

    public CriteriaVersion? From { get; private set; }

    public CriteriaVersion? To { get; private set; }

    public CriteriaDiffResult? Result { get; private set; }

    public string? Error { get; private set; }

    public IActionResult OnGet(string? from, string? to)
    {
        From = from is null ? (Versions.Count > 1 ? Versions[^2] : null) : registry.Find(from);
        To = to is null ? (Versions.Count > 0 ? Versions[^1] : null) : registry.Find(to);
        if (From is null || To is null)
        {
            Error = $"没有考核标准版本“{(From is null ? from : to)}”。";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Result = CriteriaDiff.Compare(From, To);
        return Page();
    }
}
