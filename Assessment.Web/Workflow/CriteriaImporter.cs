using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Web.Workflow;

/// <summary>
/// Imports a criteria version from the <see cref="CriteriaRegistry"/> into <see cref="CriteriaVersionRecord"/>
/// with its hash and YAML text. A record already there with another hash is an error: the version
/// changed on disk after a cycle pinned it.
/// </summary>
public sealed class CriteriaImporter(AssessmentDbContext db, CriteriaRegistry registry, TimeProvider clock)
{
    public async Task<CriteriaVersionRecord> EnsureImportedAsync(string versionId, CancellationToken cancellationToken = default)
    {
        var version = registry.Find(versionId)
            ?? throw WorkflowException.Invalid("criteriaVersionId", $"考核标准版本“{versionId}”不存在。");
        var existing = await db.CriteriaVersions.FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (existing is not null)
        {
            if (!string.Equals(existing.ContentHash, version.ContentHash, StringComparison.Ordinal))
            {
                throw WorkflowException.Conflict(
                    $"考核标准版本“{versionId}”已导入的内容（哈希 {existing.ContentHash[..12]}…）与当前文件（哈希 {version.ContentHash[..12]}…）不一致。",
                    new Dictionary<string, string[]> { ["criteriaVersionId"] = ["考核标准内容已变化，请以新版本号发布修订后的标准。"] });
            }

            return existing;
        }

        var yaml = await File.ReadAllTextAsync(SourceFile(version.SourcePath, versionId), cancellationToken);
        var record = new CriteriaVersionRecord
        {
            Id = version.Id,
            Scheme = version.Scheme,
            Title = version.Title,
            EffectiveDate = version.EffectiveDate,
            ContentHash = version.ContentHash,
            SourceYaml = yaml,
            ImportedAt = clock.GetUtcNow(),
        };
        db.CriteriaVersions.Add(record);
        return record;
    }

    // The loader names files relative to the working directory at start-up; fall back to the shipped folder.
    private static string SourceFile(string? sourcePath, string versionId)
    {
        if (sourcePath is not null)
        {
            if (File.Exists(sourcePath))
            {
                return sourcePath;
            }

            var shipped = Path.Combine(CriteriaFolder.Locate(), Path.GetFileName(sourcePath));
            if (File.Exists(shipped))
            {
                return shipped;
            }
        }

        throw new InvalidOperationException($"Criteria version {versionId} has no source file to import (source '{sourcePath}').");
    }
}
