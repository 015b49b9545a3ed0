namespace Assessment.Scoring.Criteria;

/// <summary>
/// An item as read, with what the dimension and veto checks need; <see cref="Item"/> is null when a
/// field could not be read.
/// </summary>
internal sealed record ItemDraft(string? Id, string? DimensionCode, decimal? Points, bool NotApplicableAllowed, int Line, CriteriaItem? Item);

/// <summary>The items section as read.</summary>
internal sealed class ItemTable(IReadOnlyList<ItemDraft> drafts, bool allEntriesRead)
{
    public IReadOnlyList<ItemDraft> Drafts => drafts;

    /// <summary>
    /// False when the section is missing or some item could not be attributed to a dimension: the
    /// per-dimension sums are then not checked, since they would be wrong for a reason already reported.
    /// </summary>
    public bool Complete { get; } = allEntriesRead && drafts.All(d => d.DimensionCode is not null);

    public bool Contains(string id) => drafts.Any(d => d.Id == id);
}

/// <summary>Reads <c>items</c>: the common fields here, the kind's parameters in <see cref="RuleParser"/>.</summary>
internal static class ItemParser
{
    private static readonly string[] CommonKeys =
        ["id", "dimension", "title", "points", "kind", "guidance", "methods", "evidence", "na_allowed"];

    private static readonly string[] Keys = [.. CommonKeys, .. RuleParser.ParameterKeys];

    public static ItemTable Read(FieldReader file, DimensionTable dimensions)
    {
        if (file.RequiredList("items") is not { } list)
        {
            return new ItemTable([], allEntriesRead: false);
        }

        if (list.Children.Count == 0)
        {
            file.Report("items", "items（考核项）至少要有一项");
        }

        var entries = file.Entries(list, "items");
        var drafts = new List<ItemDraft>();
        foreach (var entry in entries)
        {
            drafts.Add(ReadOne(entry, dimensions, drafts));
        }

        return new ItemTable(drafts, entries.Count == list.Children.Count);
    }

    private static ItemDraft ReadOne(FieldReader entry, DimensionTable dimensions, List<ItemDraft> earlier)
    {
        var id = ReadId(entry, earlier);
        entry.RejectUnknownKeys(Keys, "考核项");
        var dimensionCode = ReadDimension(entry, dimensions);
        var title = entry.RequiredText("title");
        var points = ReadPoints(entry, dimensionCode is null ? null : dimensions.Find(dimensionCode));
        var rule = RuleParser.Read(entry, points);
        var guidance = entry.OptionalText("guidance");
        var methods = ReadMethods(entry);
        var evidence = ReadEvidence(entry);
        var notApplicableAllowed = entry.OptionalFlag("na_allowed") ?? false;

        CriteriaItem? item = null;
        if (id is not null && dimensionCode is not null && title is not null && points is not null
            && rule is not null && methods is not null && evidence is not null)
        {
            item = new CriteriaItem
            {
                Id = id,
                Title = title,
                DimensionCode = dimensionCode,
                MaxPoints = points.Value,
                Rule = rule,
                Guidance = guidance ?? "",
                Methods = methods,
                Evidence = evidence,
                NotApplicableAllowed = notApplicableAllowed,
            };
        }

        return new ItemDraft(id, dimensionCode, points, notApplicableAllowed, entry.Line, item);
    }

    /// <summary>Reads the id first, so that every later error on this item names it.</summary>
    private static string? ReadId(FieldReader entry, List<ItemDraft> earlier)
    {
        var id = entry.RequiredText("id");
        if (id is null)
        {
            return null;
        }

        entry.ItemId = id;
        if (!CriteriaText.IsItemId(id))
        {
            entry.Report("id", $"考核项编号“{id}”格式不正确：应以字母开头，只含字母、数字、“.”、“-”、“_”，如 A1");
        }

        if (earlier.FirstOrDefault(d => d.Id == id) is { } first)
        {
            entry.Report("id", $"考核项编号 {id} 重复（第{first.Line}行已使用）");
        }

        return id;
    }

    private static string? ReadDimension(FieldReader entry, DimensionTable dimensions)
    {
        var code = entry.RequiredText("dimension");
        if (code is not null && dimensions.Complete && dimensions.Find(code) is null)
        {
            entry.Report("dimension", $"所属维度“{code}”不存在（已定义的维度：{dimensions.Codes}）");
        }

        return code;
    }

    private static decimal? ReadPoints(FieldReader entry, DimensionDraft? dimension)
    {
        var points = entry.RequiredNumber("points");
        if (!entry.CheckPositive("points", points))
        {
            return null;
        }

        if (dimension?.Weight is { } weight && points > weight)
        {
            entry.Report("points", $"分值{CriteriaText.Number(points.Value)}超过所属维度 {dimension.Code} 的权重{CriteriaText.Number(weight)}");
        }

        return points;
    }

    private static InspectionMethod[]? ReadMethods(FieldReader entry)
    {
        if (entry.TextList("methods", required: true) is not { } names)
        {
            return null;
        }

        if (names.Count == 0)
        {
            entry.Report("methods", $"{CriteriaText.Field("methods")}至少要有一种（{CriteriaText.List(InspectionMethodNames.All)}）");
            return null;
        }

        var methods = new List<InspectionMethod>();
        foreach (var (name, line) in names)
        {
            if (!InspectionMethodNames.TryParse(name, out var method))
            {
                entry.Errors.Add(line, entry.ItemId, $"未知的考核方式“{name}”，应为{CriteriaText.List(InspectionMethodNames.All)}之一");
            }
            else if (methods.Contains(method))
            {
                entry.Errors.Add(line, entry.ItemId, $"考核方式“{name}”重复");
            }
            else
            {
                methods.Add(method);
            }
        }

        return methods.Count == names.Count ? methods.ToArray() : null;
    }

    private static string[]? ReadEvidence(FieldReader entry)
    {
        if (entry.TextList("evidence", required: true) is not { } evidence)
        {
            return null;
        }

        if (evidence.Count == 0)
        {
            entry.Report("evidence", $"{CriteriaText.Field("evidence")}至少要列出一项");
            return null;
        }

        return evidence.Select(e => e.Text).ToArray();
    }
}
