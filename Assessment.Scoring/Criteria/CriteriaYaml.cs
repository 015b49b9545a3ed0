using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Assessment.Scoring.Criteria;

/// <summary>Turns criteria file text into its YAML tree, reporting syntax errors with their line.</summary>
internal static class CriteriaYaml
{
    /// <summary>The root mapping of the single document in <paramref name="text"/>, or null after reporting why not.</summary>
    public static YamlMappingNode? LoadRoot(string text, ErrorList errors)
    {
        var parser = new Parser(new StringReader(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            errors.Add((int)e.Start.Line, null, $"YAML 语法错误：{Translate(e.Message)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet throws this for some unclosed brackets; the last parsed event is the best location we have.
            var line = (int)(parser.Current?.Start.Line ?? 1);
            errors.Add(line, null, "YAML 语法错误：此处附近有未闭合的括号或引号");
            return null;
        }

        return RootOf(stream, errors);
    }

    private static YamlMappingNode? RootOf(YamlStream stream, ErrorList errors)
    {
        switch (stream.Documents.Count)
        {
            case 0:
                errors.Add(0, null, "文件为空，没有考核标准内容");
                return null;
            case > 1:
                errors.Add(FieldReader.LineOf(stream.Documents[1].RootNode), null, "一个文件只能包含一个考核标准版本（发现多个以 --- 分隔的文档）");
                return null;
        }

        if (stream.Documents[0].RootNode is YamlMappingNode root)
        {
            return root;
        }

        errors.Add(FieldReader.LineOf(stream.Documents[0].RootNode), null, "文件的顶层应为映射（id: …、dimensions: … 等字段）");
        return null;
    }

    /// <summary>The parser's English messages the bureau is most likely to meet, in Chinese; others are kept as they are.</summary>
    private static string Translate(string message) => message switch
    {
        _ when message.StartsWith("Duplicate key", StringComparison.Ordinal) =>
            $"重复的字段“{message["Duplicate key".Length..].Trim()}”",
        _ when message.Contains("found invalid mapping", StringComparison.Ordinal) =>
            "缩进或冒号有误（值中含有“: ”时请加引号）",
        _ when message.Contains("wrong indentation", StringComparison.Ordinal) =>
            "缩进有误（或引号未闭合）",
        _ when message.Contains("tab", StringComparison.OrdinalIgnoreCase) =>
            "缩进不能使用 Tab，请改用空格",
        _ => message,
    };
}
