using Assessment.Web.Persistence;
using Assessment.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.Account;

/// <summary>Sign-out (POST with the antiforgery token, so another site cannot sign a user out).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class LogoutModel(SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect(Security.SecurityServiceCollectionExtensions.LoginPath);
    }
}
