using System.Text.Encodings.Web;
using System.Text.Json;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Assessment.Web.Workflow;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Reports;

/// <summary>
/// Saving a cycle's publication settings, whole or not at all: what <c>PUT /api/cycles/{id}/publication</c>,
/// <c>POST /api/cycles/{id}/publication/corrections</c> and the bureau's form call. Before the cycle is published the
/// settings are saved over; once it is published the circular is an issued document and they change only by a
/// correction with a reason, which keeps the replaced values (<see cref="PublicationCorrection"/>).
/// </summary>
public static class PublicationSettingsStore
{
    /// <summary>What the refusal of an ordinary save after publication says (API title and page).</summary>
    public const string LockedMessage =
        "该周期的考核情况通报已发布，发文设置已锁定，不能直接修改。如确需更正（如发文字号、成文日期有误），请提交更正并填写更正理由（correctionReason）：更正前的内容、理由、更正人和时间将留存于更正记录。";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep Chinese readable in the history
    };

    /// <summary>
    /// Validates <paramref name="body"/> (every field, and each problem group's dimension against the cycle's criteria) and saves it
    /// over the stored settings of version <paramref name="expectedVersion"/> (0: the defaults, never saved).
    /// </summary>
    /// <exception cref="WorkflowException">
    /// 404 no such cycle; 409 the cycle is published (settings locked: correct them with <see cref="CorrectAsync"/>);
    /// 400 with errors per field (nothing saved); 412 stale version.
    /// </exception>
    public static async Task<PublicationSettings> SaveAsync(
        AssessmentDbContext db, CriteriaRegistry registry, int cycleId, PublicationSettingsDto body, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(body);
        var cycle = await CycleAsync(db, cycleId, cancellationToken);
        if (cycle.Status == CycleStatus.Published)
        {
            throw WorkflowException.Conflict(LockedMessage, new Dictionary<string, string[]> { ["cycle"] = ["已发布"] });
        }

        if (body.CorrectionReason is not null)
        {
            throw WorkflowException.Invalid("correctionReason", "通报尚未发布，发文设置直接保存即可；更正理由只用于已发布通报的更正。");
        }

        Validate(registry, cycle, body, new Dictionary<string, string[]>(StringComparer.Ordinal));
        var settings = await StoredAsync(db, cycleId, expectedVersion, cancellationToken);
        if (settings is null)
        {
            settings = PublicationDefaults.For(cycle);
            db.PublicationSettings.Add(settings);
        }

        body.ApplyTo(settings);
        await db.SaveChangesAsync(cancellationToken);
        return settings;
    }

    /// <summary>
    /// Corrects the settings of a published cycle: validates <paramref name="body"/> as <see cref="SaveAsync"/> does, requires
    /// its <see cref="PublicationSettingsDto.CorrectionReason"/>, stores the new values and adds a <see cref="PublicationCorrection"/>
    /// with the previous values, the reason and <paramref name="actor"/>, in one save.
    /// </summary>
    /// <exception cref="WorkflowException">
    /// 404 no such cycle; 409 the cycle is not published (save normally); 400 with errors per field, <c>correctionReason</c>
    /// among them when missing (nothing saved); 412 stale version.
    /// </exception>
    public static async Task<PublicationCorrection> CorrectAsync(
        AssessmentDbContext db, CriteriaRegistry registry, ICurrentActor actor, TimeProvider clock,
        int cycleId, PublicationSettingsDto body, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(body);
        var cycle = await CycleAsync(db, cycleId, cancellationToken);
        if (cycle.Status != CycleStatus.Published)
        {
            throw WorkflowException.Conflict(
                "该周期的考核情况通报尚未发布，发文设置可直接保存，无需更正。", new Dictionary<string, string[]> { ["cycle"] = ["未发布"] });
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body.CorrectionReason))
        {
            errors["correctionReason"] = ["更正已发布的通报须填写更正理由。"];
        }
        else if (body.CorrectionReason.Trim().Length > PublicationCorrection.ReasonMaxLength)
        {
            errors["correctionReason"] = [$"更正理由不能超过{PublicationCorrection.ReasonMaxLength}个字符。"];
        }

        Validate(registry, cycle, body, errors);
        var settings = await StoredAsync(db, cycleId, expectedVersion, cancellationToken);
        var stored = settings is not null;
        if (settings is null)
        {
            // Published with the defaults: those are what the issued circular printed, and what the history keeps.
            settings = PublicationDefaults.For(cycle);
            db.PublicationSettings.Add(settings);
        }

        var previous = JsonSerializer.Serialize(PublicationSettingsDto.From(settings, stored), Json);
        body.ApplyTo(settings);

        // The change stamp sets a new row's version to 1 and raises a stored one's by one in the save.
        var version = stored ? settings.Version + 1 : 1;
        var correction = new PublicationCorrection
        {
            CycleId = cycleId,
            Reason = body.CorrectionReason!.Trim(),
            Previous = previous,
            Corrected = JsonSerializer.Serialize(PublicationSettingsDto.From(settings, true) with { Version = version }, Json),
            Version = version,
            CorrectedAt = clock.GetUtcNow(),
            CorrectedById = actor.UserId,
            CorrectedByName = actor.Name,
        };
        db.PublicationCorrections.Add(correction);
        await db.SaveChangesAsync(cancellationToken);
        return correction;
    }

    /// <summary>A stored correction's values (<see cref="PublicationCorrection.Previous"/> or <see cref="PublicationCorrection.Corrected"/>).</summary>
    public static PublicationSettingsDto ValuesOf(string json) =>
        JsonSerializer.Deserialize<PublicationSettingsDto>(json, Json) ?? throw new JsonException("Empty publication settings in a correction.");

    private static async Task<AssessmentCycle> CycleAsync(AssessmentDbContext db, int cycleId, CancellationToken cancellationToken) =>
        await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, cancellationToken)
            ?? throw WorkflowException.NotFound($"考核周期 {cycleId} 不存在。");

    private static void Validate(CriteriaRegistry registry, AssessmentCycle cycle, PublicationSettingsDto body, Dictionary<string, string[]> errors)
    {
        foreach (var (key, messages) in body.Validate())
        {
            errors.TryAdd(key, messages);
        }

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
    }

    private static async Task<PublicationSettings?> StoredAsync(AssessmentDbContext db, int cycleId, long expectedVersion, CancellationToken cancellationToken)
    {
        var settings = await db.PublicationSettings.FirstOrDefaultAsync(s => s.CycleId == cycleId, cancellationToken);
        if ((settings?.Version ?? 0) != expectedVersion)
        {
            throw WorkflowException.PreconditionFailed("发文设置已被他人修改，本次保存未生效，请刷新后重试。");
        }

        return settings;
    }
}
