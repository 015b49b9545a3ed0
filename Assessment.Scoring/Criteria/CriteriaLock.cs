using System.Text;
using System.Text.RegularExpressions;

namespace Assessment.Scoring.Criteria;

/// <summary>One released version in the lock file.</summary>
/// <param name="Line">1-based line in the lock file.</param>
public sealed record LockEntry(string VersionId, string Hash, int Line);

/// <summary>What <see cref="CriteriaLock.Parse"/> returns: the well-formed entries, and an error for each bad line.</summary>
public sealed record CriteriaLockResult(CriteriaLock Lock, IReadOnlyList<CriteriaError> Errors);

/// <summary>
/// The version lock, <c>criteria/criteria.lock</c>: one line <c>&lt;id&gt; sha256:&lt;64 hex&gt;</c> per
/// released version, <c>#</c> starting a comment. A locked version must keep its content hash forever;
/// new versions are appended, existing lines are never rewritten.
/// </summary>
public sealed partial class CriteriaLock
{
    private const string DefaultHeader =
        "# Released criteria versions and their content hashes (CriteriaHasher).\n" +
        "# 已发布的考核标准版本及其内容哈希。只追加，不修改已有行：要修改已发布的版本，请复制为新的版本编号。\n";

    private CriteriaLock(IReadOnlyList<LockEntry> entries) => Entries = entries;

    public static CriteriaLock Empty { get; } = new([]);

    public IReadOnlyList<LockEntry> Entries { get; }

    public LockEntry? Find(string versionId) => Entries.FirstOrDefault(e => e.VersionId == versionId);

    /// <param name="text">The lock file's content; null or empty when there is no lock file yet.</param>
    /// <param name="lockPath">How errors name the file, e.g. <c>criteria/criteria.lock</c>.</param>
    public static CriteriaLockResult Parse(string? text, string lockPath)
    {
        ArgumentNullException.ThrowIfNull(lockPath);
        var errors = new ErrorList(lockPath);
        var entries = new List<LockEntry>();
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (ParseLine(lines[i], i + 1, errors) is not { } entry)
            {
                continue;
            }

            if (entries.FirstOrDefault(e => e.VersionId == entry.VersionId) is { } first)
            {
                errors.Add(entry.Line, null, $"版本 {entry.VersionId} 重复锁定（第{first.Line}行已有）");
            }
            else
            {
                entries.Add(entry);
            }
        }

        return new CriteriaLockResult(new CriteriaLock(entries), errors.InLineOrder());
    }

    /// <summary>A lock line, e.g. <c>qh-demo-2021 sha256:…</c>.</summary>
    public static string FormatLine(string versionId, string hash) => $"{versionId} {hash}";

    /// <summary>
    /// The lock text with a line appended for each version not locked yet, in the order given. The
    /// existing text is kept exactly as it is; a new file starts with a short explanatory comment.
    /// </summary>
    public static string AddVersions(string? text, IEnumerable<CriteriaVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var existing = Parse(text, "criteria.lock").Lock;
        var result = new StringBuilder(string.IsNullOrEmpty(text) ? DefaultHeader : text);
        if (result[^1] != '\n')
        {
            result.Append('\n');
        }

        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            if (existing.Find(version.Id) is null && added.Add(version.Id))
            {
                result.Append(FormatLine(version.Id, version.ContentHash)).Append('\n');
            }
        }

        return result.ToString();
    }

    private static LockEntry? ParseLine(string rawLine, int lineNumber, ErrorList errors)
    {
        var comment = rawLine.IndexOf('#', StringComparison.Ordinal);
        var line = (comment >= 0 ? rawLine[..comment] : rawLine).Trim();
        if (line.Length == 0)
        {
            return null;
        }

        var parts = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            errors.Add(lineNumber, null, $"格式不正确：每行应为“版本编号 sha256:哈希值”，实际为“{line}”");
            return null;
        }

        var (id, hash) = (parts[0], parts[1]);
        if (!CriteriaText.IsVersionId(id))
        {
            errors.Add(lineNumber, null, $"版本编号“{id}”格式不正确：只能使用小写字母、数字和“-”");
            return null;
        }

        if (!HashPattern().IsMatch(hash))
        {
            errors.Add(lineNumber, null, $"版本 {id} 的哈希值“{hash}”格式不正确：应为 sha256: 加64位小写十六进制数字");
            return null;
        }

        return new LockEntry(id, hash, lineNumber);
    }

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex HashPattern();
}
