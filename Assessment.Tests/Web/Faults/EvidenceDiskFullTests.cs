using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Assessment.Tests.Web.Faults;

/// <summary>
/// The evidence folder's disk fills up: the upload that does not fit is refused with 507 and a Chinese message,
/// and nothing of it remains (no row, no partial file, nothing in the incoming folder); what was stored before is
/// intact. The disk is real: a 256 KB tmpfs mounted over the evidence folder, which needs root (or password-less sudo;
/// elsewhere the test is inconclusive unless CI=true).
/// </summary>
[TestClass]
[TestCategory("Faults")]
[DoNotParallelize]
public sealed class EvidenceDiskFullTests
{
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task An_upload_that_does_not_fit_on_the_disk_is_a_507_and_leaves_no_row_and_no_partial_file()
    {
        await using var host = ApiHost.Sqlite();
        var world = await ApiWorld.CreateAsync(host);
        using var staff = await host.SignInAsync(world.StaffA);
        Directory.CreateDirectory(host.EvidenceFolder);
        Mount(host.EvidenceFolder);
        try
        {
            var stored = new Dictionary<int, string>();
            var version = (await staff.GetAsync($"/api/assessments/{world.SelfA}/checklist")).ETag();
            HttpResponseMessage? full = null;
            for (var n = 0; n < 10 && full is null; n++)
            {
                var bytes = Png((int)ApiHost.MaxEvidenceBytes - 1024);
                var response = await staff.SendAsync(Upload(world.SelfA, bytes, version));
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var body = await response.JsonAsync();
                    stored[body.GetProperty("id").GetInt32()] = Convert.ToHexStringLower(SHA256.HashData(bytes));
                    version = response.ETag();
                    response.Dispose();
                }
                else
                {
                    full = response;
                }
            }

            Assert.IsNotNull(full, "the 256 KB disk never filled up");
            using (full)
            {
                var problem = await full.ExpectAsync(HttpStatusCode.InsufficientStorage);
                StringAssert.Contains(problem.GetProperty("title").GetString(), "存储空间不足");
                Assert.IsTrue(problem.GetProperty("errors").TryGetProperty("file", out _));
            }

            Assert.IsNotEmpty(stored, "some uploads fitted before the disk was full");

            // Nothing of the refused upload: no row, the version unchanged, no file beyond the stored ones.
            var rows = await host.WithDbAsync(db => db.EvidenceFiles.AsNoTracking().Where(e => e.AssessmentId == world.SelfA).ToListAsync());
            CollectionAssert.AreEquivalent(stored.Keys.ToList(), rows.Select(r => r.Id).ToList());
            Assert.AreEqual(version, (await staff.GetAsync($"/api/assessments/{world.SelfA}/checklist")).ETag());
            var files = Directory.EnumerateFiles(host.EvidenceFolder, "*", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(host.EvidenceFolder, p).Replace(Path.DirectorySeparatorChar, '/')).ToList();
            CollectionAssert.AreEquivalent(rows.Select(r => r.StoragePath).ToList(), files, "only the complete, recorded files are on the disk");

            foreach (var (id, sha) in stored)
            {
                using var file = await staff.GetAsync($"/api/assessments/{world.SelfA}/evidence/{id}");
                Assert.AreEqual(sha, Convert.ToHexStringLower(SHA256.HashData(await file.Content.ReadAsByteArrayAsync())));
            }
        }
        finally
        {
            AsRoot("umount", "-l", host.EvidenceFolder);
        }
    }

    private static void Mount(string folder)
    {
        var ci = TestEnvironment.IsCi;
        if (!OperatingSystem.IsLinux())
        {
            if (ci)
            {
                Assert.Fail("CI must run the disk-full test on Linux (it mounts a small tmpfs).");
            }

            Assert.Inconclusive("Mounting a small tmpfs as the evidence folder needs Linux.");
        }

        // As root, or through sudo without a password (as .ci/install-*.sh do when CI is not root).
        var (code, error) = AsRoot("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", folder);
        if (code != 0)
        {
            if (ci)
            {
                Assert.Fail($"mount of a tmpfs failed under CI: {error}");
            }

            Assert.Inconclusive($"mount of a tmpfs failed: {error}");
        }
    }

    private static (int Code, string Error) AsRoot(string file, params string[] arguments) =>
        Environment.UserName == "root" ? Run(file, arguments) : Run("sudo", ["-n", file, .. arguments]);

    private static (int Code, string Error) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, $"{file}: {e.Message}");   // e.g. no sudo on this machine: reported by the caller
        }

        using var _ = process;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }

    private static HttpRequestMessage Upload(int assessmentId, byte[] bytes, long version)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "现场照片.png");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assessments/{assessmentId}/evidence") { Content = form };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return request;
    }

    private static byte[] Png(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes, 0);
        return bytes;
    }
}
