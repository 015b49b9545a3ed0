namespace Assessment.Scoring.Criteria;

/// <summary>A dimension as read, with its line; name and weight are null when missing or malformed.</summary>
internal sealed record DimensionDraft(string Code, string? Name, decimal? Weight, int Line);

/// <summary>The dimensions section as read: what items, the tie-break and the checks refer to.</summary>
internal sealed class DimensionTable(IReadOnlyList<DimensionDraft> drafts, bool complete)
{
    public IReadOnlyList<DimensionDraft> Drafts => drafts;

    /// <summary>
    /// False when the section is missing or an entry has no usable code: references to dimensions are then
    /// not checked, so one broken line does not produce an error on every item.
    /// </summary>
    public bool Complete => complete;

    public DimensionDraft? Find(string code) => drafts.FirstOrDefault(d => d.Code == code);

    public string Codes => CriteriaText.List(drafts.Select(d => d.Code));

    /// <summary>Only called when no error was reported, so every name and weight is present.</summary>
    public Dimension[] ToModel() => drafts.Select(d => new Dimension(d.Code, d.Name!, d.Weight!.Value)).ToArray();
}

/// <summary>Reads <c>dimensions</c> and checks each dimension against its items.</summary>
internal static class DimensionParser
{
    private const decimal TotalWeight = 100m;

    private static readonly string[] Keys = ["code", "name", "weight"];

    public static DimensionTable Read(FieldReader file)
    {
        if (file.RequiredList("dimensions") is not { } list)
        {
            return new DimensionTable([], complete: false);
        }

        if (list.Children.Count == 0)
        {
            file.Report("dimensions", "dimensions（维度）至少要有一个维度");
        }

        var entries = file.Entries(list, "dimensions");
        var complete = entries.Count == list.Children.Count;
        var drafts = new List<DimensionDraft>();
        foreach (var entry in entries)
        {
            var draft = ReadOne(entry, drafts);
            complete &= draft is not null;
            if (draft is not null)
            {
                drafts.Add(draft);
            }
        }

        if (complete)
        {
            CheckWeightSum(file, drafts);
        }

        return new DimensionTable(drafts, complete);
    }

    /// <summary>Checks that every dimension has items, not all N/A, adding up exactly to its weight.</summary>
    public static void CheckItems(DimensionTable dimensions, ItemTable items, ErrorList errors)
    {
        if (!items.Complete)
        {
            return;
        }

        foreach (var dimension in dimensions.Drafts)
        {
            var own = items.Drafts.Where(i => i.DimensionCode == dimension.Code).ToArray();
            var name = dimension.Name is null ? $"维度 {dimension.Code}" : $"维度 {dimension.Code}（{dimension.Name}）";
            if (own.Length == 0)
            {
                errors.Add(dimension.Line, null, $"{name}没有考核项");
            }
            else if (own.All(i => i.NotApplicableAllowed))
            {
                errors.Add(dimension.Line, null, $"{name}的考核项全部允许不适用，至少要有一项不允许不适用");
            }
            else if (dimension.Weight is { } weight && own.All(i => i.Points is not null))
            {
                CheckPointsSum(dimension, name, weight, own.Sum(i => i.Points!.Value), errors);
            }
        }
    }

    private static DimensionDraft? ReadOne(FieldReader entry, List<DimensionDraft> earlier)
    {
        entry.RejectUnknownKeys(Keys, "维度");
        var code = entry.RequiredText("code");
        var name = entry.RequiredText("name");
        var weight = entry.RequiredNumber("weight");
        if (!entry.CheckPositive("weight", weight))
        {
            weight = null;
        }

        if (code is null)
        {
            return null;
        }

        if (!CriteriaText.IsItemId(code))
        {
            entry.Report("code", $"维度代码“{code}”格式不正确：应以字母开头，只含字母、数字、“.”、“-”、“_”");
            return null;
        }

        if (earlier.FirstOrDefault(d => d.Code == code) is { } first)
        {
            entry.Report("code", $"维度代码 {code} 重复（第{first.Line}行已定义）");
            return null;
        }

        return new DimensionDraft(code, name, weight, entry.Line);
    }

    private static void CheckWeightSum(FieldReader file, List<DimensionDraft> drafts)
    {
        if (drafts.Count == 0 || drafts.Any(d => d.Weight is null))
        {
            return;
        }

        var sum = drafts.Sum(d => d.Weight!.Value);
        if (sum != TotalWeight)
        {
            file.Report("dimensions", $"维度权重之和为{CriteriaText.Number(sum)}，应为{CriteriaText.Number(TotalWeight)}");
        }
    }

    private static void CheckPointsSum(DimensionDraft dimension, string name, decimal weight, decimal sum, ErrorList errors)
    {
        if (sum > weight)
        {
            errors.Add(dimension.Line, null, $"{name}的考核项分值合计为{CriteriaText.Number(sum)}，比权重{CriteriaText.Number(weight)}多{CriteriaText.Number(sum - weight)}分");
        }
        else if (sum < weight)
        {
            errors.Add(dimension.Line, null, $"{name}的考核项分值合计为{CriteriaText.Number(sum)}，比权重{CriteriaText.Number(weight)}少{CriteriaText.Number(weight - sum)}分");
        }
    }
}
