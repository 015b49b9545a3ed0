using Assessment.Scoring.Criteria;

namespace Assessment.Web.Criteria;

/// <summary>
/// The criteria versions the application serves, loaded once at start-up from the criteria folder.
/// Start-up fails with every error listed when a file is invalid or a locked version has changed:
/// scoring against criteria that silently changed is worse than not starting.
/// </summary>
public sealed class CriteriaRegistry(IReadOnlyList<CriteriaVersion> versions, IReadOnlyCollection<string>? unlocked = null)
{
    private readonly HashSet<string> unlockedIds = new(unlocked ?? [], StringComparer.Ordinal);

    public IReadOnlyList<CriteriaVersion> Versions { get; } = versions;

    public CriteriaVersion? Find(string id) => Versions.FirstOrDefault(v => v.Id == id);

    /// <summary>True when the version is released: its hash is in the folder's <c>criteria.lock</c>, so its content can never change.</summary>
    public bool IsLocked(string id) => Find(id) is not null && !unlockedIds.Contains(id);

    public static CriteriaRegistry Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"Criteria folder not found: {folder}. Set Criteria:Folder.");
        }

        var result = CriteriaFolder.Load(folder);
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"The criteria in {folder} have {result.Errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, result.Errors)}");
        }

        return new CriteriaRegistry(result.Versions, [.. result.Unlocked.Select(v => v.Id)]);
    }
}

internal static class CriteriaApi
{
    public static void MapCriteriaApi(this IEndpointRouteBuilder app)
    {
        // Criteria are public documents issued by the bureau: readable without signing in.
        var group = app.MapGroup("/api/criteria").AllowAnonymous();
        group.MapGet("/", (CriteriaRegistry registry) => registry.Versions.Select(v => new
        {
            v.Id,
            v.Scheme,
            v.Title,
            v.EffectiveDate,
            v.Basis,
            v.ContentHash,
            Dimensions = v.Dimensions.Select(d => new { d.Code, d.Name, d.Weight }),
            Items = v.Items.Count,
        }));
        group.MapGet("/{id}", (string id, CriteriaRegistry registry) =>
            registry.Find(id) is { } version
                ? Results.Ok(new
                {
                    version.Id,
                    version.Title,
                    version.ContentHash,
                    Items = version.Items.Select(i => new
                    {
                        i.Id,
                        i.Title,
                        Dimension = i.DimensionCode,
                        i.MaxPoints,
                        Kind = i.Kind.ToString(),
                        i.Guidance,
                        Methods = i.Methods.Select(InspectionMethodNames.ToChinese),
                        i.Evidence,
                        i.NotApplicableAllowed,
                    }),
                })
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"考核标准版本“{id}”不存在。"));
    }
}
