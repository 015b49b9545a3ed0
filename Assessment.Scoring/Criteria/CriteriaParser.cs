namespace Assessment.Scoring.Criteria;

/// <summary>
/// Reads one criteria file (format: <c>criteria/README.md</c>) into a <see cref="CriteriaVersion"/>.
/// Pure: the caller passes the text and the name to show in errors. Reading never stops at the first
/// problem; every error found is returned with its file, line and item.
/// </summary>
public static class CriteriaParser
{
    private static readonly string[] TopLevelKeys =
        ["id", "scheme", "title", "effective", "basis", "dimensions", "items", "vetoes", "grades", "demonstration", "recheck"];

    private static readonly string[] RecheckKeys = ["self_exceeds_inspection_by"];

    /// <param name="yamlText">The file's content.</param>
    /// <param name="sourceName">How errors name the file, e.g. <c>criteria/qh-demo-2021.yaml</c>; becomes <see cref="CriteriaVersion.SourcePath"/>.</param>
    public static CriteriaLoadResult Parse(string yamlText, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        ArgumentNullException.ThrowIfNull(sourceName);

        var errors = new ErrorList(sourceName);
        var root = CriteriaYaml.LoadRoot(yamlText, errors);
        if (root is null)
        {
            return new CriteriaLoadResult(null, errors.InLineOrder());
        }

        var file = new FieldReader(root, errors);
        var version = Read(file);
        var idLine = file.LineOf("id");
        if (version is null || errors.Count > 0)
        {
            return new CriteriaLoadResult(null, errors.InLineOrder()) { IdLine = idLine };
        }

        version = version with { ContentHash = CriteriaHasher.Compute(version), SourcePath = sourceName };
        return new CriteriaLoadResult(version, []) { IdLine = idLine };
    }

    /// <summary>Reads every section, so that all errors are reported; null when any was found.</summary>
    private static CriteriaVersion? Read(FieldReader file)
    {
        file.RejectUnknownKeys(TopLevelKeys, "文件顶层");
        var id = ReadVersionId(file, "id");
        var scheme = ReadVersionId(file, "scheme");
        var title = file.RequiredText("title");
        var effective = file.RequiredDate("effective");
        var basis = file.RequiredText("basis");

        var dimensions = DimensionParser.Read(file);
        var items = ItemParser.Read(file, dimensions);
        DimensionParser.CheckItems(dimensions, items, file.Errors);
        var vetoes = VetoParser.Read(file, items);
        var grades = GradeParser.Read(file);
        var demonstration = DemonstrationParser.Read(file, dimensions);
        var recheck = ReadRecheck(file);

        if (file.Errors.Count > 0)
        {
            return null;
        }

        // No error was reported, and every reader reports before it returns null: all values are present.
        return new CriteriaVersion
        {
            Id = id!,
            Scheme = scheme!,
            Title = title!,
            EffectiveDate = effective!.Value,
            Basis = basis!,
            Dimensions = dimensions.ToModel(),
            Items = items.Drafts.Select(i => i.Item!).ToArray(),
            Vetoes = vetoes,
            Grades = grades!,
            Demonstration = demonstration!,
            RecheckThreshold = recheck!.Value,
            ContentHash = "",
        };
    }

    private static string? ReadVersionId(FieldReader file, string key)
    {
        var id = file.RequiredText(key);
        if (id is not null && !CriteriaText.IsVersionId(id))
        {
            file.Report(key, $"{CriteriaText.Field(key)}“{id}”格式不正确：只能使用小写字母、数字和“-”，如 qh-demo-2021");
            return null;
        }

        return id;
    }

    private static decimal? ReadRecheck(FieldReader file)
    {
        if (file.RequiredMapping("recheck") is not { } node)
        {
            return null;
        }

        var recheck = new FieldReader(node, file.Errors);
        recheck.RejectUnknownKeys(RecheckKeys, "recheck（复核）");
        var threshold = recheck.RequiredNumber("self_exceeds_inspection_by");
        if (threshold < 0m)
        {
            recheck.Report("self_exceeds_inspection_by", $"{CriteriaText.Field("self_exceeds_inspection_by")}不能小于0，实际为{CriteriaText.Number(threshold.Value)}");
            return null;
        }

        return threshold;
    }
}
