using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assessment.Web.Api;

/// <summary>
/// Which characters user text may contain. Refused everywhere (API fields, ledger cells, file names): NUL and the
/// other control characters except tab, line feed and carriage return (PostgreSQL cannot store NUL, and they are
/// invisible in documents); lone surrogates (not text at all); the bidirectional embedding, override and isolate
/// controls U+202A–U+202E and U+2066–U+2069 (they make a name read differently from what it is: "Trojan Source");
/// the noncharacters U+FFFE and U+FFFF. Stored verbatim and returned exactly: every other character, including
/// emoji, combining marks, zero-width joiners and spaces, right-to-left scripts and the left-to-right/right-to-left
/// marks (U+200E, U+200F) that Word inserts.
/// </summary>
public static class SafeText
{
    /// <summary>Why <paramref name="text"/> is refused, in Chinese; null when it may be stored.</summary>
    public static string? Problem(string? text)
    {
        if (text is null)
        {
            return null;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            var problem = c switch
            {
                '\0' => "含有空字符（U+0000）",
                '\t' or '\n' or '\r' => null,
                _ when char.IsControl(c) => $"含有控制字符（U+{(int)c:X4}）",
                _ when char.IsSurrogate(c) => $"含有不成对的代理项（U+{(int)c:X4}），不是有效的文本",
                _ when c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' => $"含有双向文本控制字符（U+{(int)c:X4}），会使文字显示顺序与实际不符",
                '\uFFFE' or '\uFFFF' => $"含有非字符（U+{(int)c:X4}）",
                _ => null,
            };
            if (problem is not null)
            {
                return $"{problem}，请删除后重试。";
            }
        }

        return null;
    }
}

/// <summary>A JSON string with characters <see cref="SafeText"/> refuses; the exception handler names its path.</summary>
public sealed class RefusedTextException : JsonException
{
    public RefusedTextException()
    {
    }

    public RefusedTextException(string message)
        : base(message)
    {
    }

    public RefusedTextException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Reads every JSON string of the API through <see cref="SafeText"/>; writes strings unchanged.</summary>
public sealed class SafeTextJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException();
        }

        var text = reader.GetString();
        return SafeText.Problem(text) is { } problem ? throw new RefusedTextException(problem) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
