namespace Assessment.Scoring.Criteria;

/// <summary>The Chinese names of <see cref="InspectionMethod"/> as criteria files and checklists write them.</summary>
public static class InspectionMethodNames
{
    private static readonly (InspectionMethod Method, string Name)[] Names =
    [
        (InspectionMethod.HearReport, "听汇报"),
        (InspectionMethod.CheckDocuments, "查资料"),
        (InspectionMethod.SeeSite, "看现场"),
        (InspectionMethod.Forum, "开座谈会"),
        (InspectionMethod.SystemCheck, "系统抽查"),
        (InspectionMethod.MysteryVisit, "暗访"),
    ];

    /// <summary>听汇报、查资料、看现场、开座谈会、系统抽查、暗访, in that order.</summary>
    public static IReadOnlyList<string> All { get; } = Names.Select(n => n.Name).ToArray();

    public static string ToChinese(InspectionMethod method) =>
        Names.First(n => n.Method == method).Name;

    public static bool TryParse(string name, out InspectionMethod method)
    {
        foreach (var (candidate, candidateName) in Names)
        {
            if (string.Equals(candidateName, name, StringComparison.Ordinal))
            {
                method = candidate;
                return true;
            }
        }

        method = default;
        return false;
    }
}
