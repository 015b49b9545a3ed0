namespace Assessment.Scoring.Criteria;

/// <summary>Reads <c>vetoes</c> (一票否决), optional: ids unique and distinct from item ids, links to existing items.</summary>
internal static class VetoParser
{
    private static readonly string[] Keys = ["id", "title", "item"];

    public static VetoItem[] Read(FieldReader file, ItemTable items)
    {
        if (file.OptionalList("vetoes") is not { } list)
        {
            return [];
        }

        var vetoes = new List<(VetoItem Veto, int Line)>();
        foreach (var entry in file.Entries(list, "vetoes"))
        {
            if (ReadOne(entry, items, vetoes) is { } veto)
            {
                vetoes.Add((veto, entry.Line));
            }
        }

        return vetoes.Select(v => v.Veto).ToArray();
    }

    private static VetoItem? ReadOne(FieldReader entry, ItemTable items, List<(VetoItem Veto, int Line)> earlier)
    {
        var id = entry.RequiredText("id");
        entry.ItemId = id;
        entry.RejectUnknownKeys(Keys, "否决项");
        var title = entry.RequiredText("title");
        var linkedItem = entry.OptionalText("item");
        if (id is not null)
        {
            CheckId(entry, id, items, earlier);
        }

        if (linkedItem is not null && items.Complete && !items.Contains(linkedItem))
        {
            entry.Report("item", $"关联考核项“{linkedItem}”不存在");
        }

        return id is null || title is null ? null : new VetoItem(id, title, linkedItem);
    }

    private static void CheckId(FieldReader entry, string id, ItemTable items, List<(VetoItem Veto, int Line)> earlier)
    {
        if (!CriteriaText.IsItemId(id))
        {
            entry.Report("id", $"否决项编号“{id}”格式不正确：应以字母开头，只含字母、数字、“.”、“-”、“_”，如 V1");
        }

        if (earlier.FirstOrDefault(v => v.Veto.Id == id) is { Veto: not null } first)
        {
            entry.Report("id", $"否决项编号 {id} 重复（第{first.Line}行已使用）");
        }

        if (items.Contains(id))
        {
            entry.Report("id", $"否决项编号 {id} 与考核项编号相同，应使用不同的编号（如 V1）");
        }
    }
}
