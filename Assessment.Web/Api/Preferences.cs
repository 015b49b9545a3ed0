namespace Assessment.Web.Api;

/// <summary>The <c>Prefer</c> request header (RFC 7240), as far as the API honours it.</summary>
public static class Preferences
{
    public const string Header = "Prefer";
    public const string AppliedHeader = "Preference-Applied";
    public const string ReturnMinimal = "return=minimal";

    /// <summary>Whether the client asked for <c>Prefer: return=minimal</c> (answered with 204 and the ETag).</summary>
    public static bool WantsMinimal(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var value in request.Headers[Header])
        {
            foreach (var preference in (value ?? "").Split(','))
            {
                var token = preference.Split(';')[0].Trim();
                if (string.Equals(token.Replace(" ", "", StringComparison.Ordinal), ReturnMinimal, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
