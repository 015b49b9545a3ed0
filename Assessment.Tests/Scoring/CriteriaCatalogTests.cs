using Assessment.Scoring.Criteria;
using static Assessment.Tests.Scoring.CriteriaYamlFixtures;

namespace Assessment.Tests.Scoring;

[TestClass]
public sealed class CriteriaCatalogTests
{
    private const string LockPath = "criteria/criteria.lock";
    private const string File2021 = "criteria/test-2021.yaml";
    private const string File2022 = "criteria/test-2022.yaml";

    private static readonly string Valid2022 = Valid
        .Edit("id: test-2021", "id: test-2022")
        .Edit("effective: 2021-10-01", "effective: 2022-10-01");

    [TestMethod]
    public void Versions_not_in_the_lock_are_listed_as_unlocked()
    {
        var result = CriteriaCatalog.Load([(File2021, Valid), (File2022, Valid2022)], null, LockPath);

        Assert.IsTrue(result.IsValid, string.Join("\n", result.Errors));
        Assert.AreEqual("test-2021 test-2022", string.Join(' ', result.Versions.Select(v => v.Id)));
        Assert.AreEqual("test-2021 test-2022", string.Join(' ', result.Unlocked.Select(v => v.Id)));
    }

    [TestMethod]
    public void Updated_lock_text_adds_the_unlocked_versions_only()
    {
        var hash2021 = ParseValid().ContentHash;
        var lockText = $"test-2021 {hash2021}\n";

        var result = CriteriaCatalog.Load([(File2021, Valid), (File2022, Valid2022)], lockText, LockPath);

        Assert.IsEmpty(result.Errors);
        Assert.AreEqual("test-2022", result.Unlocked.Single().Id);
        Assert.AreEqual(lockText + $"test-2022 {result.Find("test-2022")!.ContentHash}\n", result.UpdatedLockText);
    }

    [TestMethod]
    public void Locked_version_with_matching_hash_is_loaded_without_error()
    {
        var lockText = $"test-2021 {ParseValid().ContentHash}\n";

        var result = CriteriaCatalog.Load([(File2021, Valid)], lockText, LockPath);

        Assert.IsEmpty(result.Errors);
        Assert.IsEmpty(result.Unlocked);
        Assert.AreEqual(lockText, result.UpdatedLockText);
    }

    [TestMethod]
    public void Changed_content_under_a_locked_id_is_an_error_asking_for_a_new_version()
    {
        var lockText = $"# 已发布\ntest-2021 {ParseValid().ContentHash}\n";
        var changed = Valid.Edit("quota: 2", "quota: 3");

        var result = CriteriaCatalog.Load([(File2021, changed)], lockText, LockPath);

        var error = result.Errors.Single();
        Assert.AreEqual(File2021, error.File);
        Assert.AreEqual(changed.LineOf("id: test-2021"), error.Line);
        StringAssert.Contains(error.Message, "已发布版本 test-2021 的内容被修改");
        StringAssert.Contains(error.Message, $"{LockPath} 第2行");
        StringAssert.Contains(error.Message, "复制为新的版本编号");
        Assert.IsEmpty(result.Versions, "A changed released version must not be used.");
        Assert.AreEqual(lockText, result.UpdatedLockText, "The lock is never rewritten to accept the change.");
    }

    [TestMethod]
    public void Comment_edits_to_a_locked_version_are_accepted()
    {
        var lockText = $"test-2021 {ParseValid().ContentHash}\n";
        var commented = "# 2021年版，已发布\n" + Valid;

        var result = CriteriaCatalog.Load([(File2021, commented)], lockText, LockPath);

        Assert.IsEmpty(result.Errors);
    }

    [TestMethod]
    public void Same_version_id_in_two_files_is_reported_on_each()
    {
        const string copy = "criteria/test-2021-copy.yaml";

        var result = CriteriaCatalog.Load([(File2021, Valid), (copy, Valid), (File2022, Valid2022)], null, LockPath);

        Assert.HasCount(2, result.Errors);
        Assert.AreEqual($"{File2021}:{Valid.LineOf("id: test-2021")}: 版本编号 test-2021 与 {copy} 重复：每个版本编号只能用于一个文件", result.Errors[0].ToString());
        Assert.AreEqual(copy, result.Errors[1].File);
        Assert.AreEqual("test-2022", result.Versions.Single().Id, "Neither duplicate is used.");
    }

    [TestMethod]
    public void Errors_of_every_file_and_of_the_lock_are_collected()
    {
        var broken = Valid2022.Edit("quota: 2", "quota: 0");
        var lockText = "test-2021 sha256:bad\n";

        var result = CriteriaCatalog.Load([(File2021, Valid), (File2022, broken)], lockText, LockPath);

        Assert.IsTrue(result.Errors.Any(e => e.File == LockPath && e.Line == 1), string.Join("\n", result.Errors));
        Assert.IsTrue(result.Errors.Any(e => e.File == File2022 && e.Message.Contains("quota", StringComparison.Ordinal)), string.Join("\n", result.Errors));
        Assert.AreEqual("test-2021", result.Versions.Single().Id);
    }

    [TestMethod]
    public void Locked_version_without_a_file_is_reported()
    {
        var lockText = $"test-2021 {ParseValid().ContentHash}\ntest-2020 sha256:{new string('0', 64)}\n";

        var result = CriteriaCatalog.Load([(File2021, Valid)], lockText, LockPath);

        Assert.AreEqual($"{LockPath}:2: 已锁定的版本 test-2020 找不到对应的考核标准文件：已发布的版本不能删除", result.Errors.Single().ToString());
    }
}
