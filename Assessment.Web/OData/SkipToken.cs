using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Assessment.Web.OData;

/// <summary>
/// The opaque <c>$skiptoken</c> of a next page: either the last key seen (when the order is the key's,
/// the next page starts after it: fast at any depth, and rows inserted meanwhile are not repeated) or the
/// number of rows already delivered (any other order, which is made stable by appending the key).
/// </summary>
internal readonly record struct SkipToken(int? AfterKey, long Offset)
{
    public static SkipToken After(int key) => new(key, 0);

    public static SkipToken At(long offset) => new(null, offset);

    public override string ToString()
    {
        var text = AfterKey is { } key ? "k" + key.ToString(CultureInfo.InvariantCulture) : "o" + Offset.ToString(CultureInfo.InvariantCulture);
        return Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));
    }

    public static SkipToken Parse(string token)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
            if (text.Length > 1 && long.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                if (text[0] == 'k' && value <= int.MaxValue)
                {
                    return After((int)value);
                }

                if (text[0] == 'o')
                {
                    return At(value);
                }
            }
        }
        catch (FormatException)
        {
        }

        throw FeedQueryException.Bad("$skiptoken 无效：请使用服务器返回的 @odata.nextLink。");
    }
}
