namespace Assessment.Scoring.Criteria;

/// <summary>
/// One problem found in a criteria file or in the lock file, located well enough for the bureau to fix it.
/// </summary>
/// <param name="File">The file as the caller named it, e.g. <c>criteria/qh-demo-2021.yaml</c>.</param>
/// <param name="Line">1-based line; 0 when the problem concerns the whole file.</param>
/// <param name="ItemId">The item or veto concerned, if any.</param>
/// <param name="Message">What is wrong, in Chinese.</param>
public sealed record CriteriaError(string File, int Line, string? ItemId, string Message)
{
    /// <summary>For example <c>criteria/qh-demo-2021.yaml:42: A3: 分值应大于0</c>.</summary>
    public override string ToString()
    {
        var location = Line > 0 ? $"{File}:{Line}" : File;
        return ItemId is null ? $"{location}: {Message}" : $"{location}: {ItemId}: {Message}";
    }
}

/// <summary>
/// What <see cref="CriteriaParser.Parse"/> returns: the version when the file is valid, otherwise null
/// and every error found.
/// </summary>
public sealed record CriteriaLoadResult(CriteriaVersion? Version, IReadOnlyList<CriteriaError> Errors)
{
    public bool IsValid => Version is not null && Errors.Count == 0;

    /// <summary>The line of the top-level <c>id</c> key (1 when unknown), so callers can point at it.</summary>
    internal int IdLine { get; init; } = 1;
}

/// <summary>Collects errors for one file while it is read; sorted by line when done.</summary>
internal sealed class ErrorList(string file)
{
    private readonly List<CriteriaError> errors = [];

    public string File => file;

    public int Count => errors.Count;

    public void Add(int line, string? itemId, string message) => errors.Add(new CriteriaError(file, line, itemId, message));

    public IReadOnlyList<CriteriaError> InLineOrder() => errors.OrderBy(e => e.Line).ToArray();
}
