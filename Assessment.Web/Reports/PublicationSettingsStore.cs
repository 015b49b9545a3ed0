using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Assessment.Web.Workflow;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Reports;

/// <summary>Saving a cycle's publication settings, whole or not at all: what <c>PUT /api/cycles/{id}/publication</c> and the bureau's form both call.</summary>
public static class PublicationSettingsStore
{
    /// <summary>
    /// Validates <paramref name="body"/> (every field, and each problem group's dimension against the cycle's criteria) and saves it
    /// over the stored settings of version <paramref name="expectedVersion"/> (0: the defaults, never saved).
    /// </summary>
    /// <exception cref="WorkflowException">404 no such cycle; 400 with errors per field (nothing saved); 412 stale version.</exception>
    public static async Task<PublicationSettings> SaveAsync(
        AssessmentDbContext db, CriteriaRegistry registry, int cycleId, PublicationSettingsDto body, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(body);
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, cancellationToken)
            ?? throw WorkflowException.NotFound($"考核周期 {cycleId} 不存在。");
        var errors = body.Validate();
        if (registry.Find(cycle.CriteriaVersionId) is { } criteria && body.Problems is { } problems)
        {
            for (var i = 0; i < problems.Count; i++)
            {
                if (problems[i] is { } p && !string.IsNullOrWhiteSpace(p.Dimension) && !criteria.Dimensions.Any(d => d.Name == p.Dimension))
                {
                    errors.TryAdd($"problems[{i}]", [$"考核维度“{p.Dimension}”不在考核标准{criteria.Id}中（{string.Join("、", criteria.Dimensions.Select(d => d.Name))}）。"]);
                }
            }
        }

        if (errors.Count > 0)
        {
            throw WorkflowException.Invalid("发文设置有误，未保存。", errors);
        }

        var settings = await db.PublicationSettings.FirstOrDefaultAsync(s => s.CycleId == cycleId, cancellationToken);
        if ((settings?.Version ?? 0) != expectedVersion)
        {
            throw WorkflowException.PreconditionFailed("发文设置已被他人修改，本次保存未生效，请刷新后重试。");
        }

        if (settings is null)
        {
            settings = PublicationDefaults.For(cycle);
            db.PublicationSettings.Add(settings);
        }

        body.ApplyTo(settings);
        await db.SaveChangesAsync(cancellationToken);
        return settings;
    }
}
