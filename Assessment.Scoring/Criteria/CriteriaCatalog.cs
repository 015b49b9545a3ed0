namespace Assessment.Scoring.Criteria;

/// <summary>What <see cref="CriteriaCatalog.Load"/> returns.</summary>
/// <param name="Versions">
/// The versions that can be used: parsed without error, id used by one file only, and either matching
/// the lock or not locked yet. In the order of the files given.
/// </param>
/// <param name="Errors">Every error: each file's, the lock file's, duplicate ids, changed locked versions, locked versions without a file.</param>
/// <param name="Unlocked">The usable versions not in the lock yet ("new, not locked").</param>
/// <param name="UpdatedLockText">The lock text with <paramref name="Unlocked"/> appended (see <see cref="CriteriaLock.AddVersions"/>).</param>
public sealed record CatalogResult(
    IReadOnlyList<CriteriaVersion> Versions,
    IReadOnlyList<CriteriaError> Errors,
    IReadOnlyList<CriteriaVersion> Unlocked,
    string UpdatedLockText)
{
    public bool IsValid => Errors.Count == 0;

    public CriteriaVersion? Find(string versionId) => Versions.FirstOrDefault(v => v.Id == versionId);
}

/// <summary>
/// Loads every criteria file and checks them together against the version lock. Pure: the caller reads
/// the files and passes their paths and texts.
/// </summary>
public static class CriteriaCatalog
{
    /// <param name="files">Each criteria file's path (as errors should show it) and text.</param>
    /// <param name="lockText">The lock file's text, or null when there is none yet.</param>
    /// <param name="lockPath">How errors name the lock file, e.g. <c>criteria/criteria.lock</c>.</param>
    public static CatalogResult Load(IEnumerable<(string Path, string Text)> files, string? lockText, string lockPath)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(lockPath);

        var errors = new List<CriteriaError>();
        var (criteriaLock, lockErrors) = CriteriaLock.Parse(lockText, lockPath);
        errors.AddRange(lockErrors);

        var loaded = new List<(CriteriaLoadResult Result, string Path)>();
        foreach (var (path, text) in files)
        {
            var result = CriteriaParser.Parse(text, path);
            errors.AddRange(result.Errors);
            loaded.Add((result, path));
        }

        var unique = WithoutDuplicateIds(loaded, errors);
        var versions = unique.Where(v => MatchesLock(v.Version, v.IdLine, criteriaLock, lockPath, errors)).Select(v => v.Version).ToArray();
        ReportLockedWithoutFile(criteriaLock, loaded, lockPath, errors);

        var unlocked = versions.Where(v => criteriaLock.Find(v.Id) is null).ToArray();
        return new CatalogResult(versions, errors, unlocked, CriteriaLock.AddVersions(lockText, unlocked));
    }

    /// <summary>The parsed versions whose id no other file uses; each file reusing an id gets an error.</summary>
    private static List<(CriteriaVersion Version, int IdLine)> WithoutDuplicateIds(
        List<(CriteriaLoadResult Result, string Path)> loaded, List<CriteriaError> errors)
    {
        var parsed = loaded.Where(l => l.Result.Version is not null).ToArray();
        var unique = new List<(CriteriaVersion, int)>();
        foreach (var group in parsed.GroupBy(l => l.Result.Version!.Id, StringComparer.Ordinal))
        {
            var files = group.ToArray();
            if (files.Length == 1)
            {
                unique.Add((files[0].Result.Version!, files[0].Result.IdLine));
                continue;
            }

            foreach (var (result, path) in files)
            {
                var others = CriteriaText.List(files.Where(f => f.Path != path).Select(f => f.Path));
                errors.Add(new CriteriaError(path, result.IdLine, null, $"版本编号 {group.Key} 与 {others} 重复：每个版本编号只能用于一个文件"));
            }
        }

        return unique;
    }

    private static bool MatchesLock(CriteriaVersion version, int idLine, CriteriaLock criteriaLock, string lockPath, List<CriteriaError> errors)
    {
        if (criteriaLock.Find(version.Id) is not { } entry || entry.Hash == version.ContentHash)
        {
            return true;
        }

        errors.Add(new CriteriaError(version.SourcePath ?? "", idLine, null,
            $"已发布版本 {version.Id} 的内容被修改：内容哈希 {version.ContentHash} 与 {lockPath} 第{entry.Line}行锁定的 {entry.Hash} 不一致。" +
            "已发布的版本不能修改；请恢复原内容，并把修改后的标准复制为新的版本编号（新的 id）。"));
        return false;
    }

    /// <summary>A released version must stay loadable: past assessments were scored with it.</summary>
    private static void ReportLockedWithoutFile(
        CriteriaLock criteriaLock, List<(CriteriaLoadResult Result, string Path)> loaded, string lockPath, List<CriteriaError> errors)
    {
        // A file that failed to parse may still be the locked version: only versions found nowhere are reported.
        if (loaded.Any(l => l.Result.Version is null))
        {
            return;
        }

        foreach (var entry in criteriaLock.Entries)
        {
            if (loaded.All(l => l.Result.Version!.Id != entry.VersionId))
            {
                errors.Add(new CriteriaError(lockPath, entry.Line, null,
                    $"已锁定的版本 {entry.VersionId} 找不到对应的考核标准文件：已发布的版本不能删除"));
            }
        }
    }
}
