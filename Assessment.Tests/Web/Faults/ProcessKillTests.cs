using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Assessment.Scoring.Criteria;
using Assessment.Web.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web.Faults;

/// <summary>
/// The server process is killed (SIGKILL) in the middle of answer saves and evidence uploads, restarted on the same
/// data folder, and everything it acknowledged must be there: the real application as a child process on the embedded
/// SQLite database, driven over loopback by clients that record each acknowledged write.
/// </summary>
[TestClass]
[TestCategory("Faults")]
[DoNotParallelize]
public sealed class ProcessKillTests
{
    private const int Kills = 3;

    /// <summary>
    /// The server of this test sweeps every unreferenced file at start-up, however fresh. By default the sweep leaves
    /// files younger than an hour (another process — a seed on the same folder — may have placed one and not yet
    /// committed its row; <see cref="EvidenceSweepTests"/> proves that rule), which would keep the file of an upload
    /// killed between its placing and its commit and hide whether the restart cleans up at all. Here the server is the
    /// folder's only writer, so the restart must leave exactly the files that have rows.
    /// </summary>
    private static readonly Dictionary<string, string> Settings = new() { ["Evidence__SweepMinimumAgeMinutes"] = "0" };

    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public async Task Every_acknowledged_save_and_upload_survives_a_kill_of_the_server_and_nothing_is_half_written()
    {
        var folder = Directory.CreateTempSubdirectory("assessment-kill-").FullName;
        var data = Path.Combine(folder, "data");
        var evidenceFolder = Path.Combine(data, "evidence");
        string[] items;
        string bureau;
        int[] targets;
        AppProcess? app = null;
        try
        {
            // The data: an ApiWorld made through the application's services, copied (online backup) into the data folder.
            await using (var seed = ApiHost.Sqlite())
            {
                var world = await ApiWorld.CreateAsync(seed);
                items = world.Criteria.Items.Where(i => i.Rule is DeductionRule).Select(i => i.Id).ToArray();
                bureau = world.Bureau;
                targets = [world.InspectionA, world.InspectionB, world.SelfB, world.SelfA];
                await using var scope = seed.Scope();
                await scope.ServiceProvider.GetRequiredService<DatabaseMaintenance>().BackupSqliteAsync(Path.Combine(data, DatabaseOptions.SqliteFileName));
            }

            app = await AppProcess.StartAsync(data, Settings);
            var writers = targets.Take(3).Select(id => new Writer(id)).ToArray();
            var uploader = new Writer(targets[3]);
            for (var run = 0; run < Kills; run++)
            {
                using var stop = new CancellationTokenSource();
                var clients = new List<HttpClient>();
                foreach (var writer in writers.Append(uploader))
                {
                    var client = await SignInAsync(app, bureau);
                    clients.Add(client);
                    writer.Version = (await client.GetAsync($"/api/assessments/{writer.AssessmentId}/checklist")).Headers.ETag is { } tag
                        ? long.Parse(tag.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture) : throw new AssertFailedException("no ETag");
                }

                var work = writers.Select((w, i) => SaveAnswersAsync(clients[i], w, items, run, stop.Token))
                    .Append(UploadAsync(clients[^1], uploader, run, stop.Token)).ToArray();

                // Let them write for a while (a few acknowledged writes each, however slow the machine), then pull the plug.
                var watch = System.Diagnostics.Stopwatch.StartNew();
                while ((writers.Any(w => w.Acknowledged < w.AcknowledgedBefore + 3) || uploader.Acknowledged < uploader.AcknowledgedBefore + 2)
                    && watch.Elapsed < TimeSpan.FromSeconds(30) && !work.Any(t => t.IsCompleted))
                {
                    await Task.Delay(50);
                }

                await Task.Delay(Random.Shared.Next(50, 400));
                app.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(work);
                clients.ForEach(c => c.Dispose());
                Assert.IsTrue(writers.All(w => w.Acknowledged > w.AcknowledgedBefore) && uploader.Acknowledged > uploader.AcknowledgedBefore,
                    $"run {run}: a client wrote nothing before the kill ({string.Join(", ", writers.Select(w => w.Acknowledged - w.AcknowledgedBefore))} saves, {uploader.Acknowledged - uploader.AcknowledgedBefore} uploads)");
                foreach (var writer in writers.Append(uploader))
                {
                    writer.AcknowledgedBefore = writer.Acknowledged;
                }

                foreach (var writer in writers.Append(uploader))
                {
                    Assert.AreEqual(0, writer.Refused.Count, $"run {run}: refused writes: {string.Join("; ", writer.Refused)}");
                }

                // What a kill between placing a file and committing its row leaves (and a receiving upload): the
                // restart must sweep both, which VerifyAsync checks (placed files = rows, nothing incoming).
                var orphan = Path.Combine(evidenceFolder, "ff", new string('f', 64) + ".png");
                Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
                await File.WriteAllBytesAsync(orphan, Png(1000));
                Directory.CreateDirectory(Path.Combine(evidenceFolder, ".incoming"));
                await File.WriteAllBytesAsync(Path.Combine(evidenceFolder, ".incoming", Guid.NewGuid().ToString("N")), Png(500));

                await app.DisposeAsync();
                app = await AppProcess.StartAsync(data, Settings);
                await VerifyAsync(app, bureau, data, evidenceFolder, writers, uploader, run);
            }

        }
        finally
        {
            // Also when an assertion failed: no server left running on the shared machine.
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }

    private static async Task SaveAnswersAsync(HttpClient client, Writer writer, string[] items, int run, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var item = items[n % items.Length];
            var note = $"run {run} save {n}";
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/assessments/{writer.AssessmentId}/answers/{item}")
            {
                Content = JsonContent.Create(new { number = n % 2, note }),
            };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{writer.Version}\""));
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            if (n % 2 == 0)
            {
                request.Headers.Add("Prefer", "return=minimal");
            }

            writer.InFlight = (item, note);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, CancellationToken.None);
                await response.Content.LoadIntoBufferAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                return; // the server died under this request: it may or may not have been applied
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    writer.Refused.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                    writer.InFlight = null;
                    return;
                }

                writer.Acknowledge(response.Headers.ETag!, item, note);
            }
        }

        writer.InFlight = null;
    }

    private static async Task UploadAsync(HttpClient client, Writer writer, int run, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var bytes = Png(20_000 + (Random.Shared.Next(200) * 1000));
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "file", $"现场照片-{run}-{n}.png");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assessments/{writer.AssessmentId}/evidence") { Content = form };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{writer.Version}\""));
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            writer.InFlightUpload = sha;
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, CancellationToken.None);
                await response.Content.LoadIntoBufferAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                return;
            }

            using (response)
            {
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    writer.Refused.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                    writer.InFlightUpload = null;
                    return;
                }

                var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None)).RootElement;
                Assert.AreEqual(sha, body.GetProperty("sha256").GetString());
                writer.Uploads[body.GetProperty("id").GetInt32()] = sha;
                writer.Acknowledge(response.Headers.ETag!, null, null);
            }
        }

        writer.InFlightUpload = null;
    }

    private static async Task VerifyAsync(AppProcess app, string user, string data, string evidenceFolder, Writer[] writers, Writer uploader, int run)
    {
        using var client = await SignInAsync(app, user);
        foreach (var writer in writers.Append(uploader))
        {
            using var response = await client.GetAsync($"/api/assessments/{writer.AssessmentId}/checklist");
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            var checklist = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var version = checklist.GetProperty("version").GetInt64();
            var inFlightApplied = version == writer.Version + 1;
            Assert.IsTrue(version == writer.Version || (inFlightApplied && (writer.InFlight is not null || writer.InFlightUpload is not null)),
                $"run {run}, assessment {writer.AssessmentId}: version {version} after the restart, last acknowledged {writer.Version}");
            var notes = checklist.GetProperty("dimensions").EnumerateArray().SelectMany(d => d.GetProperty("items").EnumerateArray())
                .Where(i => i.GetProperty("answer").ValueKind == JsonValueKind.Object)
                .ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("answer").GetProperty("note").GetString());
            foreach (var (item, note) in writer.Notes)
            {
                var expected = inFlightApplied && writer.InFlight is { } pending && pending.Item == item ? pending.Note : note;
                Assert.AreEqual(expected, notes.GetValueOrDefault(item), $"run {run}, assessment {writer.AssessmentId}, item {item}: an acknowledged answer was lost");
            }

            if (inFlightApplied && writer.InFlight is { } applied)
            {
                writer.Notes[applied.Item] = applied.Note;
            }

            writer.Version = version;
            writer.InFlight = null;
        }

        // Every acknowledged upload is served with its content; one in flight either completely or not at all.
        await using var database = TestDatabase.Sqlite(data);
        await using var session = database.Open();
        var rows = await session.Db.EvidenceFiles.AsNoTracking().Where(e => e.AssessmentId == uploader.AssessmentId).ToListAsync();
        foreach (var (id, sha) in uploader.Uploads)
        {
            using var file = await client.GetAsync($"/api/assessments/{uploader.AssessmentId}/evidence/{id}");
            Assert.AreEqual(HttpStatusCode.OK, file.StatusCode, $"run {run}: acknowledged evidence {id}");
            Assert.AreEqual(sha, Convert.ToHexStringLower(SHA256.HashData(await file.Content.ReadAsByteArrayAsync())), $"run {run}: content of evidence {id}");
        }

        foreach (var row in rows.Where(r => !uploader.Uploads.ContainsKey(r.Id)))
        {
            Assert.AreEqual(uploader.InFlightUpload, row.Sha256, $"run {run}: evidence {row.Id} was never uploaded by the client");
            uploader.Uploads[row.Id] = row.Sha256;
        }

        uploader.InFlightUpload = null;

        // No row without its complete file, no placed file without a row, nothing left in the incoming folder.
        var all = await session.Db.EvidenceFiles.AsNoTracking().ToListAsync();
        foreach (var row in all)
        {
            var path = Path.Combine(evidenceFolder, row.StoragePath);
            Assert.IsTrue(File.Exists(path), $"run {run}: evidence row {row.Id} without its file {row.StoragePath}");
            Assert.AreEqual(row.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))), $"run {run}: file of evidence {row.Id}");
        }

        var referenced = all.Select(r => r.StoragePath).ToHashSet(StringComparer.Ordinal);
        var placed = Directory.EnumerateFiles(evidenceFolder, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(evidenceFolder, p).Replace(Path.DirectorySeparatorChar, '/')).ToList();
        CollectionAssert.AreEquivalent(referenced.ToList(), placed, $"run {run}: files in the evidence folder and evidence rows differ");

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, DatabaseOptions.SqliteFileName), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        Assert.AreEqual("ok", (string?)await check.ExecuteScalarAsync(), $"run {run}: integrity_check");
    }

    private static async Task<HttpClient> SignInAsync(AppProcess app, string user)
    {
        var client = app.Client();
        using var login = await client.PostAsJsonAsync("/api/account/login", new { userName = user, password = ApiHost.Password });
        Assert.AreEqual(HttpStatusCode.OK, login.StatusCode, await login.Content.ReadAsStringAsync());
        return client;
    }

    private static byte[] Png(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>One client's view of one assessment: what the server acknowledged, and the write it had in flight.</summary>
    private sealed class Writer(int assessmentId)
    {
        public int AssessmentId { get; } = assessmentId;

        public long Version { get; set; }

        public int Acknowledged { get; private set; }

        /// <summary>Acknowledged writes before the current run.</summary>
        public int AcknowledgedBefore { get; set; }

        public Dictionary<string, string> Notes { get; } = [];

        public Dictionary<int, string> Uploads { get; } = [];

        public (string Item, string Note)? InFlight { get; set; }

        public string? InFlightUpload { get; set; }

        public List<string> Refused { get; } = [];

        public void Acknowledge(EntityTagHeaderValue etag, string? item, string? note)
        {
            Version = long.Parse(etag.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
            Acknowledged++;
            if (item is not null && note is not null)
            {
                Notes[item] = note;
            }

            InFlight = null;
            InFlightUpload = null;
        }
    }
}
