using Assessment.Scoring.Criteria;

namespace Assessment.Tests.Scoring;

[TestClass]
public sealed class CriteriaLockTests
{
    private const string LockPath = "criteria/criteria.lock";
    private static readonly string HashA = "sha256:" + new string('a', 64);
    private static readonly string HashB = "sha256:" + new string('b', 64);

    [TestMethod]
    public void Lock_lines_are_read_skipping_comments_and_blank_lines()
    {
        var text = $"# 已发布版本\n\nqh-demo-2021 {HashA}\nqh-demo-2022   {HashB}   # 2022年版\n";

        var (criteriaLock, errors) = CriteriaLock.Parse(text, LockPath);

        Assert.IsEmpty(errors);
        Assert.HasCount(2, criteriaLock.Entries);
        Assert.AreEqual(new LockEntry("qh-demo-2021", HashA, 3), criteriaLock.Find("qh-demo-2021"));
        Assert.AreEqual(new LockEntry("qh-demo-2022", HashB, 4), criteriaLock.Find("qh-demo-2022"));
    }

    [TestMethod]
    public void Missing_lock_file_is_an_empty_lock()
    {
        var (criteriaLock, errors) = CriteriaLock.Parse(null, LockPath);

        Assert.IsEmpty(errors);
        Assert.IsEmpty(criteriaLock.Entries);
    }

    [TestMethod]
    public void Malformed_lock_line_is_reported_with_its_line()
    {
        var text = $"qh-demo-2021 {HashA}\nqh-demo-2022\n";

        var errors = CriteriaLock.Parse(text, LockPath).Errors;

        Assert.HasCount(1, errors);
        Assert.AreEqual(2, errors[0].Line);
        Assert.AreEqual(LockPath, errors[0].File);
        StringAssert.Contains(errors[0].Message, "每行应为“版本编号 sha256:哈希值”");
    }

    [TestMethod]
    public void Malformed_hash_is_reported_with_its_line()
    {
        var errors = CriteriaLock.Parse("qh-demo-2021 sha256:ABC\n", LockPath).Errors;

        Assert.HasCount(1, errors);
        Assert.AreEqual($"{LockPath}:1: 版本 qh-demo-2021 的哈希值“sha256:ABC”格式不正确：应为 sha256: 加64位小写十六进制数字", errors[0].ToString());
    }

    [TestMethod]
    public void Malformed_version_id_is_reported()
    {
        var errors = CriteriaLock.Parse($"QH_2021 {HashA}\n", LockPath).Errors;

        StringAssert.Contains(errors.Single().Message, "版本编号“QH_2021”格式不正确");
    }

    [TestMethod]
    public void Version_locked_twice_is_reported_with_both_lines()
    {
        var text = $"qh-demo-2021 {HashA}\nqh-demo-2021 {HashB}\n";

        var (criteriaLock, errors) = CriteriaLock.Parse(text, LockPath);

        Assert.AreEqual($"{LockPath}:2: 版本 qh-demo-2021 重复锁定（第1行已有）", errors.Single().ToString());
        Assert.AreEqual(HashA, criteriaLock.Find("qh-demo-2021")!.Hash, "The first line counts.");
    }

    [TestMethod]
    public void Adding_versions_keeps_existing_text_and_appends_new_lines()
    {
        var existing = $"# 注释保留\nqh-demo-2021 {HashA}   # 手写的备注\n";
        var v2021 = Version("qh-demo-2021", HashB);
        var v2022 = Version("qh-demo-2022", HashB);

        var updated = CriteriaLock.AddVersions(existing, [v2021, v2022]);

        Assert.AreEqual(existing + $"qh-demo-2022 {HashB}\n", updated, "An existing line is never rewritten, even if the hash differs.");
    }

    [TestMethod]
    public void Adding_to_text_without_final_newline_starts_a_new_line()
    {
        var updated = CriteriaLock.AddVersions($"qh-demo-2021 {HashA}", [Version("qh-demo-2022", HashB)]);

        Assert.AreEqual($"qh-demo-2021 {HashA}\nqh-demo-2022 {HashB}\n", updated);
    }

    [TestMethod]
    public void New_lock_file_starts_with_an_explanation_and_parses_back()
    {
        var updated = CriteriaLock.AddVersions(null, [Version("qh-demo-2021", HashA)]);

        StringAssert.StartsWith(updated, "#");
        StringAssert.EndsWith(updated, $"\nqh-demo-2021 {HashA}\n");
        var (criteriaLock, errors) = CriteriaLock.Parse(updated, LockPath);
        Assert.IsEmpty(errors);
        Assert.AreEqual(HashA, criteriaLock.Find("qh-demo-2021")!.Hash);
    }

    private static CriteriaVersion Version(string id, string hash) =>
        new CriteriaBuilder().WithId(id).Build() with { ContentHash = hash };
}
