using System.Security.Cryptography;
using Assessment.Web.Persistence;
using Assessment.Web.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web;

/// <summary>
/// <see cref="EvidenceUploads.AttachAsync"/> in the caller's transaction, through the application's services on a
/// SQLite file: the file is placed as the transaction commits, and a transaction that never commits — rolled back, or
/// abandoned without a word — places nothing and leaves nothing in the incoming folder once its scope ends.
/// </summary>
[TestClass]
public sealed class EvidenceUploadTransactionTests
{
    private static ApiHost? host;
    private static ApiWorld? world;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        host = ApiHost.Sqlite();
        world = await ApiWorld.CreateAsync(host);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task An_upload_is_not_in_the_evidence_folder_until_its_transaction_commits_and_is_there_after()
    {
        var photo = Photo();
        var path = Placed(photo);
        await using var scope = host!.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();

        var file = await scope.ServiceProvider.GetRequiredService<EvidenceUploads>().AttachAsync(world!.SelfA, null, FormFile(photo), null);

        Assert.IsFalse(File.Exists(path), "saved but not committed: not placed yet");
        Assert.HasCount(1, Directory.EnumerateFiles(Path.Combine(host.EvidenceFolder, ".incoming")).ToList(), "received, waiting for the commit");
        await transaction.CommitAsync();
        Assert.IsTrue(File.Exists(path), "placed as the transaction committed");
        Assert.AreEqual(file.StoragePath, Path.GetRelativePath(host.EvidenceFolder, path).Replace(Path.DirectorySeparatorChar, '/'));
        Assert.IsEmpty(Directory.EnumerateFiles(Path.Combine(host.EvidenceFolder, ".incoming")).ToList());
        Assert.IsTrue(await host.WithDbAsync(d => d.EvidenceFiles.AnyAsync(e => e.Id == file.Id)));
    }

    [TestMethod]
    public async Task An_upload_in_a_transaction_that_is_rolled_back_or_abandoned_places_nothing_and_its_received_bytes_are_deleted()
    {
        foreach (var rollback in new[] { true, false })
        {
            var photo = Photo();
            int id;
            await using (var scope = host!.Scope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
                var transaction = await db.Database.BeginTransactionAsync();
                id = (await scope.ServiceProvider.GetRequiredService<EvidenceUploads>().AttachAsync(world!.SelfA, null, FormFile(photo), null)).Id;
                Assert.IsNotEmpty(Directory.EnumerateFiles(Path.Combine(host.EvidenceFolder, ".incoming")).ToList());
                if (rollback)
                {
                    await transaction.RollbackAsync();
                    Assert.IsEmpty(Directory.EnumerateFiles(Path.Combine(host.EvidenceFolder, ".incoming")).ToList(), "deleted at the rollback");
                }

                await transaction.DisposeAsync();
            }

            Assert.IsFalse(File.Exists(Placed(photo)), $"rollback: {rollback}");
            Assert.IsEmpty(Directory.EnumerateFiles(Path.Combine(host.EvidenceFolder, ".incoming")).ToList(), $"rollback: {rollback}: nothing left incoming");
            Assert.IsFalse(await host.WithDbAsync(d => d.EvidenceFiles.AnyAsync(e => e.Id == id)), $"rollback: {rollback}: no row");
        }
    }

    private static string Placed(byte[] photo)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(photo));
        return Path.Combine(host!.EvidenceFolder, sha[..2], sha + ".png");
    }

    private static FormFile FormFile(byte[] bytes) =>
        new(new MemoryStream(bytes), 0, bytes.Length, "file", "大厅.png") { Headers = new HeaderDictionary(), ContentType = "image/png" };

    private static byte[] Photo()
    {
        var bytes = new byte[3000];
        Random.Shared.NextBytes(bytes);
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes, 0);
        return bytes;
    }
}
