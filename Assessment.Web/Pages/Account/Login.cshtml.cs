using System.ComponentModel.DataAnnotations;
using Assessment.Web.Persistence;
using Assessment.Web.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Assessment.Web.Pages.Account;

/// <summary>Sign-in form: the same Identity cookie and lockout rules as <c>/api/account/login</c>.</summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<UiText> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "请输入用户名。")]
    [Display(Name = "用户名")]
    public string? UserName { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "请输入密码。")]
    [DataType(DataType.Password)]
    [Display(Name = "密码")]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByNameAsync(UserName!.Trim());
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.IsLockedOut
                ? text["登录失败次数过多，账户已暂时锁定，请稍后再试或联系管理员。"]
                : text["用户名或密码错误。"]);
            return Page();
        }

        // Only a local path: an absolute URL here would be an open redirect.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
