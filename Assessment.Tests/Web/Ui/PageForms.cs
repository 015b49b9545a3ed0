using System.Net;
using System.Text.RegularExpressions;

namespace Assessment.Tests.Web.Ui;

/// <summary>
/// Reading and posting the server-rendered forms the way a browser does: the antiforgery token comes from the
/// page's hidden field (and its cookie from the same response), the fields are form-urlencoded.
/// </summary>
internal static partial class PageForms
{
    /// <summary>GETs <paramref name="path"/> (expecting 200) and returns the page's HTML.</summary>
    public static async Task<string> GetPageAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, $"GET {path}: {html[..Math.Min(html.Length, 400)]}");
        return html;
    }

    /// <summary>The first antiforgery token in <paramref name="html"/>.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.IsTrue(match.Success, "the page has an antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Loads the form page at <paramref name="formPath"/> for its token, then posts <paramref name="fields"/> to <paramref name="action"/> (default: the same path).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string formPath, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var token = AntiforgeryToken(await client.GetPageAsync(formPath));
        using var content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]);
        return await client.PostAsync(action ?? formPath, content);
    }

    /// <summary>Signs in through the login page; returns the redirect target.</summary>
    public static async Task<string> SignInThroughPageAsync(this HttpClient client, string userName, string password)
    {
        using var response = await client.PostFormAsync("/account/login", [new("UserName", userName), new("Password", password)]);
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, $"sign-in of {userName}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!.OriginalString;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
