using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Assessment.Scoring.Criteria;

/// <summary>
/// Reads the fields of one YAML mapping (a file, a dimension, an item…) into typed values. Every missing
/// or mistyped field is reported to the error list with its line, and read as null so reading goes on.
/// </summary>
internal sealed class FieldReader(YamlMappingNode node, ErrorList errors)
{
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public ErrorList Errors => errors;

    /// <summary>The line where the mapping starts.</summary>
    public int Line => LineOf(node);

    /// <summary>The item or veto these fields belong to, once known: named in every error reported.</summary>
    public string? ItemId { get; set; }

    public static int LineOf(YamlNode yamlNode) => (int)yamlNode.Start.Line;

    public bool Has(string key) => Find(key) is not null;

    /// <summary>The line of <paramref name="key"/>, or of the mapping when the key is absent.</summary>
    public int LineOf(string key) => Find(key) is { } entry ? LineOf(entry.Key) : Line;

    public void Report(string key, string message) => errors.Add(LineOf(key), ItemId, message);

    public void Report(string message) => errors.Add(Line, ItemId, message);

    public void ReportAt(YamlNode at, string message) => errors.Add(LineOf(at), ItemId, message);

    /// <summary>Typo protection: every key must be one of <paramref name="known"/>.</summary>
    public void RejectUnknownKeys(IReadOnlyCollection<string> known, string where)
    {
        foreach (var key in node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name))
            {
                ReportAt(key, $"{where}中有未知字段“{name}”（可用字段：{CriteriaText.List(known)}）");
            }
        }
    }

    public string? RequiredText(string key) => Scalar(key, required: true);

    public string? OptionalText(string key) => Scalar(key, required: false);

    public decimal? RequiredNumber(string key) => Number(key, required: true);

    public decimal? OptionalNumber(string key) => Number(key, required: false);

    public int? RequiredWholeNumber(string key) => WholeNumber(key, required: true);

    public int? OptionalWholeNumber(string key) => WholeNumber(key, required: false);

    public DateOnly? RequiredDate(string key)
    {
        if (Scalar(key, required: true) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Report(key, $"{CriteriaText.Field(key)}应为日期（yyyy-MM-dd，如 2021-10-01），实际为“{text}”");
        return null;
    }

    public bool? OptionalFlag(string key)
    {
        if (Scalar(key, required: false) is not { } text)
        {
            return null;
        }

        if (bool.TryParse(text, out var flag) && Plain(key))
        {
            return flag;
        }

        Report(key, $"{CriteriaText.Field(key)}应为 true 或 false，实际为“{text}”");
        return null;
    }

    public YamlSequenceNode? RequiredList(string key) => Node<YamlSequenceNode>(key, required: true, "列表");

    public YamlSequenceNode? OptionalList(string key) => Node<YamlSequenceNode>(key, required: false, "列表");

    public YamlMappingNode? RequiredMapping(string key) => Node<YamlMappingNode>(key, required: true, "映射（key: value）");

    public YamlMappingNode? OptionalMapping(string key) => Node<YamlMappingNode>(key, required: false, "映射（key: value）");

    /// <summary>A list of non-empty texts, e.g. <c>[查资料, 看现场]</c>; null when absent or malformed.</summary>
    public IReadOnlyList<(string Text, int Line)>? TextList(string key, bool required)
    {
        if (Node<YamlSequenceNode>(key, required, "列表") is not { } list)
        {
            return null;
        }

        var texts = new List<(string, int)>();
        foreach (var entry in list)
        {
            if (entry is YamlScalarNode { Value: { Length: > 0 } text } && !IsNull(entry))
            {
                texts.Add((text, LineOf(entry)));
            }
            else
            {
                ReportAt(entry, $"{CriteriaText.Field(key)}的每一项应为非空文本");
                return null;
            }
        }

        return texts;
    }

    /// <summary>The entries of a list of mappings, e.g. <c>dimensions</c>; entries that are not mappings are reported.</summary>
    public IReadOnlyList<FieldReader> Entries(YamlSequenceNode list, string key)
    {
        var readers = new List<FieldReader>();
        foreach (var entry in list)
        {
            if (entry is YamlMappingNode mapping)
            {
                readers.Add(new FieldReader(mapping, errors) { ItemId = ItemId });
            }
            else
            {
                ReportAt(entry, $"{CriteriaText.Field(key)}的每一项应为映射（key: value）");
            }
        }

        return readers;
    }

    /// <summary>Reports a value outside <paramref name="min"/>..<paramref name="max"/>; true when it is inside (or absent).</summary>
    public bool CheckBetween(string key, decimal? value, decimal min, decimal max)
    {
        if (value is not { } v || (v >= min && v <= max))
        {
            return true;
        }

        Report(key, $"{CriteriaText.Field(key)}应在{CriteriaText.Number(min)}到{CriteriaText.Number(max)}之间，实际为{CriteriaText.Number(v)}");
        return false;
    }

    /// <summary>Reports a value that is zero or negative; true when it is positive (or absent).</summary>
    public bool CheckPositive(string key, decimal? value)
    {
        if (value is not { } v || v > 0m)
        {
            return true;
        }

        Report(key, $"{CriteriaText.Field(key)}应大于0，实际为{CriteriaText.Number(v)}");
        return false;
    }

    private decimal? Number(string key, bool required)
    {
        if (Scalar(key, required) is not { } text)
        {
            return null;
        }

        if (Plain(key) && decimal.TryParse(text, DecimalStyle, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Report(key, $"{CriteriaText.Field(key)}应为数字，实际为“{text}”");
        return null;
    }

    private int? WholeNumber(string key, bool required)
    {
        if (Scalar(key, required) is not { } text)
        {
            return null;
        }

        if (Plain(key) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Report(key, $"{CriteriaText.Field(key)}应为整数，实际为“{text}”");
        return null;
    }

    /// <summary>The text of a scalar field; null (reported when required) when absent, empty or not a scalar.</summary>
    private string? Scalar(string key, bool required)
    {
        var entry = Find(key);
        if (entry is null || IsNull(entry.Value.Value))
        {
            ReportMissing(key, required, entry is not null);
            return null;
        }

        if (entry.Value.Value is YamlScalarNode { Value: { } text })
        {
            return text;
        }

        Report(key, $"{CriteriaText.Field(key)}应为单个值，不能是列表或映射");
        return null;
    }

    private T? Node<T>(string key, bool required, string expected)
        where T : YamlNode
    {
        var entry = Find(key);
        if (entry is null || IsNull(entry.Value.Value))
        {
            ReportMissing(key, required, entry is not null);
            return null;
        }

        if (entry.Value.Value is T typed)
        {
            return typed;
        }

        Report(key, $"{CriteriaText.Field(key)}应为{expected}");
        return null;
    }

    private void ReportMissing(string key, bool required, bool present)
    {
        if (required)
        {
            Report(key, present ? $"{CriteriaText.Field(key)}不能为空" : $"缺少必填字段 {CriteriaText.Field(key)}");
        }
    }

    /// <summary>Quoted scalars are texts: <c>"3"</c> is not a number.</summary>
    private bool Plain(string key) => Find(key)?.Value is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain };

    private KeyValuePair<YamlNode, YamlNode>? Find(string key)
    {
        foreach (var entry in node.Children)
        {
            if (entry.Key is YamlScalarNode { Value: { } name } && name == key)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>An empty plain value, <c>~</c> or <c>null</c>: YAML's ways of writing nothing.</summary>
    private static bool IsNull(YamlNode value) =>
        value is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };
}
