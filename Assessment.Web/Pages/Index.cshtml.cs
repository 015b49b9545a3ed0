using Assessment.Web.Persistence;
using Assessment.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages;

/// <summary>The start page sends each role to its work: checklists, the own center, the cycles, the results.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.IsInRole(Roles.BureauAdmin))
        {
            return Redirect("/bureau/cycles");
        }

        if (User.IsInRole(Roles.Inspector))
        {
            return Redirect("/checklists");
        }

        if (User.IsInRole(Roles.CenterStaff))
        {
            return Redirect("/center");
        }

        return User.IsInRole(Roles.Analyst) ? Redirect("/results") : Page();
    }
}
