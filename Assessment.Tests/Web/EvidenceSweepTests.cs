using Assessment.Web.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web;

/// <summary>
/// The start-up sweep of the evidence folder deletes only what the store itself left behind, and only when it is older
/// than the minimum age: a file another process (a command-line seed on the same folder) has just placed and not yet
/// committed is not a crash's leftover.
/// </summary>
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

    [TestMethod]
    public async Task At_start_up_on_sqlite_a_fresh_unreferenced_file_a_seed_may_still_commit_is_kept_and_an_hour_old_one_is_deleted()
    {
        await using var host = ApiHost.Sqlite();
        var store = host.Services.GetRequiredService<EvidenceStore>();
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var hash = new string('b', 62);
        var fresh = new[] { $"ab/ab{hash}.png", ".incoming/" + Guid.NewGuid().ToString("N") };
        var old = new[] { $"cd/cd{hash}.pdf", ".incoming/" + Guid.NewGuid().ToString("N") };
        foreach (var path in fresh.Concat(old))
        {
            var full = Path.Combine(store.Folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, "x");
        }

        File.SetLastWriteTimeUtc(Path.Combine(store.Folder, fresh[0]), now.AddMinutes(-59));
        foreach (var path in old)
        {
            File.SetLastWriteTimeUtc(Path.Combine(store.Folder, path), now.AddMinutes(-61));
        }

        await host.Services.SweepEvidenceAsync();

        foreach (var path in fresh)
        {
            Assert.IsTrue(File.Exists(Path.Combine(store.Folder, path)), $"{path} is younger than the default hour: kept");
        }

        foreach (var path in old)
        {
            Assert.IsFalse(File.Exists(Path.Combine(store.Folder, path)), $"{path} is older than an hour: swept");
        }
    }

    [TestMethod]
    public async Task A_minimum_age_of_zero_minutes_sweeps_every_unreferenced_file_however_fresh()
    {
        await using var host = ApiHost.Sqlite(settings: new Dictionary<string, string> { ["Evidence:SweepMinimumAgeMinutes"] = "0" });
        var store = host.Services.GetRequiredService<EvidenceStore>();
        var orphan = Path.Combine(store.Folder, "ef", "ef" + new string('c', 62) + ".jpg");
        var incoming = Path.Combine(store.IncomingFolder, Guid.NewGuid().ToString("N"));
        foreach (var path in new[] { orphan, incoming })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, "x");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(-1));
        }

        await host.Services.SweepEvidenceAsync();

        Assert.IsFalse(File.Exists(orphan), "the placed file without a row");
        Assert.IsFalse(File.Exists(incoming), "the receiving upload of a crashed process");
    }
}
