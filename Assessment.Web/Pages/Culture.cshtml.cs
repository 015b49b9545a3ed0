using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages;

/// <summary>The language switch in the footer: remembers the choice in a cookie for a year.</summary>
[AllowAnonymous]
public sealed class CultureModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var chosen = Ui.UiServiceCollectionExtensions.Cultures.FirstOrDefault(c => c.Name == culture)
            ?? Ui.UiServiceCollectionExtensions.Cultures[0];
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? WithoutCultureQuery(returnUrl!) : "/");
    }

    /// <summary>The page to go back to without <c>?culture=</c>/<c>ui-culture=</c>, which would outrank the choice just made.</summary>
    private static string WithoutCultureQuery(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return url;
        }

        var kept = url[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("culture=", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("ui-culture=", StringComparison.OrdinalIgnoreCase));
        var rest = string.Join('&', kept);
        return rest.Length == 0 ? url[..query] : $"{url[..query]}?{rest}";
    }
}
