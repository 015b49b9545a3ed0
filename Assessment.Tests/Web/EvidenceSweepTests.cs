using Assessment.Web.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web;

/// <summary>The start-up sweep of the evidence folder deletes only what the store itself left behind.</summary>
[TestClass]
public sealed class EvidenceSweepTests
{
    [TestMethod]
    public async Task The_sweep_deletes_unreferenced_evidence_and_leftovers_but_never_files_the_store_did_not_write()
    {
        await using var host = ApiHost.Sqlite();
        await using var scope = host.Scope();
        var store = scope.ServiceProvider.GetRequiredService<EvidenceStore>();
        var hash = new string('a', 62);
        var referenced = $"ab/ab{hash}.pdf";
        var orphan = $"cd/cd{hash}.png";
        var leftover = ".incoming/0123456789abcdef";
        var strangers = new[] { "assessment.db", "backup/assessment-2022.db", "ab/readme.txt", $"ab/ab{hash}.exe", $"ab/cd{hash}.pdf" };
        foreach (var path in new[] { referenced, orphan, leftover }.Concat(strangers))
        {
            var full = Path.Combine(store.Folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, "x");
        }

        var deleted = store.Sweep(new HashSet<string>(StringComparer.Ordinal) { referenced }, TimeSpan.Zero, DateTimeOffset.UtcNow.AddSeconds(1), out var failed);

        Assert.AreEqual(2, deleted, "the orphan and the incoming leftover");
        Assert.AreEqual(0, failed);
        Assert.IsTrue(File.Exists(Path.Combine(store.Folder, referenced)), "a referenced file stays");
        Assert.IsFalse(File.Exists(Path.Combine(store.Folder, orphan)));
        Assert.IsFalse(File.Exists(Path.Combine(store.Folder, leftover)));
        foreach (var path in strangers)
        {
            Assert.IsTrue(File.Exists(Path.Combine(store.Folder, path)), $"{path} is not the store's: never deleted");
        }
    }
}
