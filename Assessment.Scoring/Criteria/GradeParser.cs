namespace Assessment.Scoring.Criteria;

/// <summary>Reads <c>grades</c>: mins unique within 0..100, the lowest 0, names unique; sorted highest first.</summary>
internal static class GradeParser
{
    private static readonly string[] Keys = ["min", "name", "rectification_report_days"];

    public static GradeBand[]? Read(FieldReader file)
    {
        if (file.RequiredList("grades") is not { } list)
        {
            return null;
        }

        if (list.Children.Count == 0)
        {
            file.Report("grades", $"{CriteriaText.Field("grades")}至少要有一个等级");
            return null;
        }

        var grades = new List<(GradeBand Grade, int Line)>();
        foreach (var entry in file.Entries(list, "grades"))
        {
            if (ReadOne(entry, grades) is { } grade)
            {
                grades.Add((grade, entry.Line));
            }
        }

        if (grades.Count != list.Children.Count)
        {
            return null;
        }

        var lowest = grades.Min(g => g.Grade.MinTotal);
        if (lowest != 0m)
        {
            file.Report("grades", $"最低等级的分数下限应为0（否则低于{CriteriaText.Number(lowest)}分的总分没有等级），实际为{CriteriaText.Number(lowest)}");
        }

        return grades.Select(g => g.Grade).OrderByDescending(g => g.MinTotal).ToArray();
    }

    private static GradeBand? ReadOne(FieldReader entry, List<(GradeBand Grade, int Line)> earlier)
    {
        entry.RejectUnknownKeys(Keys, "等级");
        var min = entry.RequiredNumber("min");
        var name = entry.RequiredText("name");
        var days = entry.OptionalWholeNumber("rectification_report_days");
        entry.CheckBetween("min", min, 0m, 100m);
        if (earlier.FirstOrDefault(g => g.Grade.MinTotal == min) is { Grade: not null } sameMin)
        {
            entry.Report("min", $"等级分数下限{CriteriaText.Number(min!.Value)}重复（第{sameMin.Line}行已使用）");
        }

        if (earlier.FirstOrDefault(g => g.Grade.Name == name) is { Grade: not null } sameName)
        {
            entry.Report("name", $"等级名称“{name}”重复（第{sameName.Line}行已使用）");
        }

        if (days < 1)
        {
            entry.Report("rectification_report_days", $"{CriteriaText.Field("rectification_report_days")}应至少为1天，实际为{days}");
        }

        return min is null || name is null ? null : new GradeBand(min.Value, name, days);
    }
}
