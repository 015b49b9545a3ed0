using System.Text.Json;
using Assessment.Scoring.Criteria;

namespace Assessment.Scoring.Checklists;

/// <summary>
/// Reads and writes the checklist JSON exchanged with the command line and integrations
/// (format documented in criteria/README.md). Reading reports every problem with its JSON path.
/// </summary>
public static class ChecklistJson
{
    public static ChecklistParseResult Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return new ChecklistParseResult(null, [$"{sourceName}: 第{(ex.LineNumber ?? 0) + 1}行：JSON格式错误：{ex.Message}"]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ChecklistParseResult(null, [$"{sourceName}: 顶层应为对象。"]);
            }

            var criteria = ReadString(root, "criteria", "$", sourceName, errors, required: true);
            var answers = new List<ItemAnswer>();
            if (root.TryGetProperty("answers", out var answerArray) && answerArray.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var element in answerArray.EnumerateArray())
                {
                    var answer = ReadAnswer(element, $"$.answers[{index}]", sourceName, errors);
                    if (answer is not null)
                    {
                        answers.Add(answer);
                    }

                    index++;
                }
            }
            else
            {
                errors.Add($"{sourceName}: $.answers：缺少答案数组。");
            }

            var vetoes = new List<VetoFinding>();
            if (root.TryGetProperty("vetoes", out var vetoArray))
            {
                if (vetoArray.ValueKind != JsonValueKind.Array)
                {
                    errors.Add($"{sourceName}: $.vetoes：应为数组。");
                }
                else
                {
                    var index = 0;
                    foreach (var element in vetoArray.EnumerateArray())
                    {
                        var path = $"$.vetoes[{index++}]";
                        var id = ReadString(element, "id", path, sourceName, errors, required: true);
                        var note = ReadString(element, "note", path, sourceName, errors, required: false);
                        if (id is not null)
                        {
                            vetoes.Add(new VetoFinding(id, note));
                        }
                    }
                }
            }

            if (errors.Count > 0 || criteria is null)
            {
                return new ChecklistParseResult(null, errors);
            }

            return new ChecklistParseResult(new Checklist { CriteriaId = criteria, Answers = answers, Vetoes = vetoes }, errors);
        }
    }

    private static ItemAnswer? ReadAnswer(JsonElement element, string path, string source, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{source}: {path}：应为对象。");
            return null;
        }

        var item = ReadString(element, "item", path, source, errors, required: true);
        if (item is null)
        {
            return null;
        }

        var answer = new ItemAnswer { ItemId = item };
        if (element.TryGetProperty("na", out var na))
        {
            if (na.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add($"{source}: {path}.na（{item}）：应为 true 或 false。");
            }
            else
            {
                answer = answer with { NotApplicable = na.GetBoolean() };
            }
        }

        if (element.TryGetProperty("value", out var value))
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.True or JsonValueKind.False:
                    answer = answer with { Met = value.GetBoolean() };
                    break;
                case JsonValueKind.String:
                    answer = answer with { Level = value.GetString() };
                    break;
                case JsonValueKind.Number when value.TryGetDecimal(out var number):
                    answer = answer with { Number = number };
                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    errors.Add($"{source}: {path}.value（{item}）：应为布尔值、等级代码或数字。");
                    break;
            }
        }

        var method = ReadString(element, "method", path, source, errors, required: false);
        if (method is not null)
        {
            if (InspectionMethodNames.TryParse(method, out var parsed))
            {
                answer = answer with { Method = parsed };
            }
            else
            {
                errors.Add($"{source}: {path}.method（{item}）：未知的考核方式“{method}”，应为{string.Join("、", InspectionMethodNames.All)}之一。");
            }
        }

        var note = ReadString(element, "note", path, source, errors, required: false);
        var evidence = new List<string>();
        if (element.TryGetProperty("evidence", out var evidenceArray))
        {
            if (evidenceArray.ValueKind != JsonValueKind.Array || evidenceArray.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                errors.Add($"{source}: {path}.evidence（{item}）：应为字符串数组。");
            }
            else
            {
                evidence.AddRange(evidenceArray.EnumerateArray().Select(e => e.GetString()!));
            }
        }

        return answer with { Note = note, Evidence = evidence };
    }

    private static string? ReadString(JsonElement element, string name, string path, string source, List<string> errors, bool required)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add($"{source}: {path}.{name}：缺少必填字段。");
            }

            return null;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{source}: {path}.{name}：应为字符串。");
            return null;
        }

        return property.GetString();
    }

    /// <summary>Writes a checklist in the same format (used by exports and tests).</summary>
    public static string Write(Checklist checklist)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("criteria", checklist.CriteriaId);
            writer.WriteStartArray("answers");
            foreach (var answer in checklist.Answers)
            {
                writer.WriteStartObject();
                writer.WriteString("item", answer.ItemId);
                if (answer.NotApplicable)
                {
                    writer.WriteBoolean("na", true);
                }

                if (answer.Met is { } met)
                {
                    writer.WriteBoolean("value", met);
                }
                else if (answer.Level is { } level)
                {
                    writer.WriteString("value", level);
                }
                else if (answer.Number is { } number)
                {
                    writer.WriteNumber("value", number);
                }

                if (answer.Note is not null)
                {
                    writer.WriteString("note", answer.Note);
                }

                if (answer.Method is { } method)
                {
                    writer.WriteString("method", InspectionMethodNames.ToChinese(method));
                }

                if (answer.Evidence.Count > 0)
                {
                    writer.WriteStartArray("evidence");
                    foreach (var reference in answer.Evidence)
                    {
                        writer.WriteStringValue(reference);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (checklist.Vetoes.Count > 0)
            {
                writer.WriteStartArray("vetoes");
                foreach (var veto in checklist.Vetoes)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", veto.VetoId);
                    if (veto.Note is not null)
                    {
                        writer.WriteString("note", veto.Note);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

public sealed record ChecklistParseResult(Checklist? Checklist, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Checklist is not null && Errors.Count == 0;
}
