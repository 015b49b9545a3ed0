using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Assessment.Tests.Web.Ui;

/// <summary>Reading what a page shows: the text of a table's rows and the fields of a form, as a browser would post them.</summary>
internal static partial class PageHtml
{
    /// <summary>The rows of every <c>&lt;table class="{cssClass}"&gt;</c> in order: each row's cells as plain text (head rows included).</summary>
    public static List<string[]> TableRows(string html, string cssClass)
    {
        var rows = new List<string[]>();
        var start = html.IndexOf($"<table class=\"{cssClass}\"", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, $"the page has a table .{cssClass}");
        while (start >= 0)
        {
            var end = html.IndexOf("</table>", start, StringComparison.Ordinal);
            rows.AddRange(RowPattern().Matches(html[start..end])
                .Select(row => CellPattern().Matches(row.Groups[1].Value).Select(cell => Text(cell.Groups[1].Value)).ToArray()));
            start = html.IndexOf($"<table class=\"{cssClass}\"", end, StringComparison.Ordinal);
        }

        return rows;
    }

    /// <summary>Markup to the text a reader sees (tags dropped, entities decoded, whitespace collapsed).</summary>
    public static string Text(string markup) =>
        WhitespacePattern().Replace(WebUtility.HtmlDecode(TagPattern().Replace(markup, " ")), " ").Trim();

    /// <summary>The named fields of the first form whose opening tag contains <paramref name="formMarker"/>, with their current values.</summary>
    public static List<KeyValuePair<string, string>> FormFields(string html, string formMarker)
    {
        var start = html.IndexOf(formMarker, StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, $"the page has a form {formMarker}");
        var form = html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in InputPattern().Matches(form))
        {
            var tag = input.Value;
            var name = Attribute(tag, "name");
            var type = Attribute(tag, "type") ?? "text";
            if (name is null || type is "checkbox" or "submit")
            {
                continue;
            }

            fields.Add(new(name, WebUtility.HtmlDecode(Attribute(tag, "value") ?? "")));
        }

        foreach (Match area in TextareaPattern().Matches(form))
        {
            fields.Add(new(Attribute(area.Groups[1].Value, "name")!, WebUtility.HtmlDecode(area.Groups[2].Value)));
        }

        foreach (Match select in SelectPattern().Matches(form))
        {
            var chosen = SelectedPattern().Match(select.Groups[2].Value);
            fields.Add(new(Attribute(select.Groups[1].Value, "name")!, chosen.Success ? WebUtility.HtmlDecode(chosen.Groups[1].Value) : ""));
        }

        return fields;
    }

    /// <summary>Replaces (or adds) the value of <paramref name="name"/>.</summary>
    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> fields, string name, string value)
    {
        var copy = fields.Where(f => f.Key != name).ToList();
        copy.Add(new(name, value));
        return copy;
    }

    public static string Value(this List<KeyValuePair<string, string>> fields, string name) => fields.Single(f => f.Key == name).Value;

    /// <summary>Posts <paramref name="fields"/> (they carry the form's own antiforgery token) to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostFieldsAsync(this HttpClient client, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(action, content);
    }

    /// <summary>A client signed in through the API with a demo account.</summary>
    public static async Task<HttpClient> SignInAsync(ApiHost host, string userName, string password)
    {
        var client = host.Anonymous();
        using var response = await client.PostAsJsonAsync("/api/account/login", new { userName, password });
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, $"login of {userName}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"", RegexOptions.CultureInvariant);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex CellPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("\\s+")]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputPattern();

    [GeneratedRegex("<textarea\\b([^>]*)>(.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextareaPattern();

    [GeneratedRegex("<select\\b([^>]*)>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectPattern();

    [GeneratedRegex("<option value=\"([^\"]*)\" selected")]
    private static partial Regex SelectedPattern();
}
