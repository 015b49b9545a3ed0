using System.Net;
using System.Security.Claims;
using Assessment.Web.OData;
using Assessment.Web.Persistence;
using Assessment.Web.Security;
using Assessment.Web.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Assessment.Web.Pages.Feed;

/// <summary>
/// How to open the OData feed in Excel and Power BI, the sets it has, and the user's own API keys (create —
/// the key is shown in that one response only —, list, revoke). Any signed-in user: the keys are their own,
/// and what the feed then shows is decided by the feed's scope for their role.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(ApiKeyService keys, FeedModel feed, IOptions<ODataFeedOptions> options, IStringLocalizer<IndexModel> text) : PageModel
{
    public string FeedUrl { get; private set; } = "";

    /// <summary>False on plain HTTP to a non-loopback address: the feed then refuses credentials.</summary>
    public bool CredentialsAccepted { get; private set; }

    public IReadOnlyList<FeedSet> Sets => feed.Sets;

    public ODataFeedOptions Limits => options.Value;

    public IReadOnlyList<ApiKeyInfo> Keys { get; private set; } = [];

    /// <summary>The text of a key just created: rendered in this response, never stored, never shown again.</summary>
    public string? NewKey { get; private set; }

    public string? Message { get; private set; }

    [BindProperty]
    public string? KeyName { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var name = KeyName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > ApiKey.NameMaxLength)
        {
            ModelState.AddModelError(nameof(KeyName), text["请填写密钥名称（1–{0} 个字符）。", ApiKey.NameMaxLength]);
        }
        else
        {
            if (await keys.CreateAsync(UserId(), name, cancellationToken) is var (key, secret))
            {
                NewKey = secret;
                Message = text["已创建密钥“{0}”。请立即复制保存：离开此页面后将无法再次查看。", key.Name];
                KeyName = null;
                ModelState.Clear();
            }
            else
            {
                Response.StatusCode = StatusCodes.Status409Conflict;
                ModelState.AddModelError(nameof(KeyName), text["每个账号最多保留 {0} 个有效密钥：请先吊销不再使用的密钥。", ApiKeyService.MaxActiveKeys]);
            }
        }

        // No redirect after creating: the key's text exists only in this response.
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        if (!await keys.RevokeAsync(UserId(), id, cancellationToken))
        {
            return NotFound();
        }

        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        FeedUrl = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/odata";
        CredentialsAccepted = Request.IsHttps || HttpContext.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
        Keys = await keys.ListAsync(UserId(), cancellationToken);
    }

    private string UserId() => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authorized request has a user id.");
}
