using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Net;
using Assessment.Scoring.Criteria;
using Assessment.Tests.Web;
using Assessment.Web.Criteria;
using Assessment.Web.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using static Assessment.Tests.Web.ApiRequests;

namespace Assessment.Tests.Browser;

/// <summary>
/// On-site capture in a real Chromium on a phone-sized screen: answering, photos, losing the signal, reloading
/// without it, syncing when it returns (every change exactly once), conflicts with another session.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class CaptureTests : BrowserTest
{
    private const string Inspector = "inspector.wang";
    private static readonly string InspectorPassword = DemoAccounts.InspectorWangPassword;

    [TestMethod]
    public void An_inspector_answers_with_photos_offline_and_the_server_gets_every_change_exactly_once()
    {
        var (id, criteria) = DraftInspection();
        var open = Unanswered(id, criteria);
        var yesNo = open.Where(i => i.Rule is YesNoRule).Take(2).ToList();
        var levels = open.Where(i => i.Rule is LevelsRule).Take(2).ToList();
        var deduction = open.First(i => i.Rule is DeductionRule);
        var start = Version(id);
        var evidenceBefore = App.WithDbAsync(db => db.EvidenceFiles.CountAsync(e => e.AssessmentId == id)).Result;

        var phone = OpenBrowser(BrowserProfile.Phone);
        phone.SignIn(Inspector, InspectorPassword);
        Assert.AreEqual("/checklists", phone.Url.AbsolutePath, "an inspector starts at 我的考核");
        phone.WaitUntil("document.querySelector('.cl-list')?.dataset.ready === 'true'");
        phone.Screenshot("list");
        phone.Find($"a[href='/checklists/{id}']").Click();
        WaitReady(phone);
        phone.Screenshot("checklist-top");

        // Online: three answers and a photo (the upload, then the answer that refers to it).
        var changes = 0;
        Choose(phone, yesNo[0].Id, "yes"); changes++;
        Choose(phone, levels[0].Id, ((LevelsRule)levels[0].Rule).Levels[0].Code); changes++;
        Type(phone, $"#v_{deduction.Id}", "1"); changes++;
        Photo(phone, deduction.Id, "site-1.png"); changes += 2;
        WaitSynced(phone, id, start + changes);
        Assert.AreEqual(1, phone.FindAll($"#item-{deduction.Id} [data-files] [data-evidence]").Count, "the uploaded photo is listed with the item");
        Scroll(phone, $"#item-{deduction.Id}");
        phone.Screenshot("item-with-controls");
        phone.Run("arguments[0].scrollIntoView({ block: 'end' });", phone.Find($"#item-{deduction.Id} .cl-score"));
        StringAssert.Contains(phone.Find($"#item-{deduction.Id} [data-explain]").Text, "0.5", "the engine's explanation of the deduction");
        phone.Screenshot("item-photo-and-points");

        // No signal: keep answering, change an earlier answer, another photo; everything waits on the phone.
        App.Offline();
        Choose(phone, yesNo[1].Id, "no"); changes++;
        Choose(phone, yesNo[0].Id, "no"); changes++;                       // an earlier answer changed
        Choose(phone, levels[1].Id, ((LevelsRule)levels[1].Rule).Levels[1].Code); changes++;
        Type(phone, $"#note_{levels[1].Id}", "现场未见预约系统"); changes++;
        Photo(phone, levels[1].Id, "site-2.png"); changes += 2;
        phone.WaitUntil("document.getElementById('cl').dataset.queued === '6'");
        Assert.AreEqual("3 项未同步", phone.Find("#cl-sync").Text, "three items wait: two answered, one changed");
        Assert.IsTrue(phone.Find("#cl-net").Displayed, "the phone says it is offline");
        Assert.IsTrue(phone.Find($"#item-{yesNo[0].Id} [data-pending]").Displayed, "the changed item is marked");
        Assert.IsTrue(phone.Find($"#item-{yesNo[0].Id} [data-stale]").Displayed, "its points are marked as not recalculated");
        Assert.IsTrue(phone.Find("#cl-submit").GetDomProperty("disabled") == "True", "no submitting with changes queued");
        Assert.AreEqual(start + 5, Version(id), "nothing reached the server");
        Scroll(phone, $"#item-{yesNo[0].Id}");
        phone.Screenshot("offline-unsynced");

        // Reload without a connection: the service worker's copy of the page, with the queued answers on it.
        phone.Driver.Navigate().Refresh();
        WaitReady(phone);
        Assert.AreEqual("3 项未同步", phone.Find("#cl-sync").Text);
        Assert.IsTrue(phone.Run<bool>($"return document.querySelector(\"input[name='v_{yesNo[0].Id}'][value='no']\").checked"), "the changed answer survives the reload");
        Assert.AreEqual("现场未见预约系统", phone.Run<string>($"return document.getElementById('note_{levels[1].Id}').value"));
        Assert.AreEqual(1, phone.FindAll($"#item-{levels[1].Id} [data-files] img").Count, "the queued photo is shown from the device");
        phone.Screenshot("offline-reloaded");

        // The first queued answer reached the server but its response was lost: the server has it under its key.
        var (key, itemId, body) = FirstQueuedAnswer(phone);
        using (var lost = SignedInClient(Inspector, InspectorPassword))
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/assessments/{id}/answers/{itemId}")
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{start + 5}\""));
            request.Headers.Add("Idempotency-Key", key);
            using var response = lost.Send(request);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, response.Content.ReadAsStringAsync().Result);
        }

        // Signal again: the queue drains in order; the retried change is answered from its stored response.
        App.Online();
        WaitSynced(phone, id, start + changes);
        phone.WaitUntil("document.getElementById('cl-sync').hidden && document.getElementById('cl-net').hidden");
        phone.Screenshot("synced");

        var answers = App.WithDbAsync(db => db.Answers.AsNoTracking().Where(a => a.AssessmentId == id).ToListAsync()).Result.ToDictionary(a => a.ItemId);
        Assert.IsFalse(answers[yesNo[0].Id].Met, "the changed answer won");
        Assert.IsFalse(answers[yesNo[1].Id].Met);
        Assert.AreEqual(((LevelsRule)levels[0].Rule).Levels[0].Code, answers[levels[0].Id].Level);
        Assert.AreEqual(((LevelsRule)levels[1].Rule).Levels[1].Code, answers[levels[1].Id].Level);
        Assert.AreEqual("现场未见预约系统", answers[levels[1].Id].Note);
        Assert.AreEqual(1m, answers[deduction.Id].Number);
        var evidence = App.WithDbAsync(db => db.EvidenceFiles.AsNoTracking().Where(e => e.AssessmentId == id).OrderBy(e => e.Id).ToListAsync()).Result;
        Assert.HasCount(evidenceBefore + 2, evidence, "two photos, two evidence rows");
        Assert.AreEqual("image/jpeg", evidence[^1].ContentType, "the phone sends photos as JPEG, scaled down");
        CollectionAssert.AreEqual(new[] { evidence[^2].Id }, answers[deduction.Id].EvidenceIds.ToArray());
        CollectionAssert.AreEqual(new[] { evidence[^1].Id }, answers[levels[1].Id].EvidenceIds.ToArray());
        Assert.AreEqual(start + changes, Version(id), $"{changes} accepted changes, {changes} versions: no retry was applied twice");
        var keys = App.WithDbAsync(db => db.IdempotencyKeys.AsNoTracking().CountAsync(k => k.UserId == db.Users.Single(u => u.UserName == Inspector).Id)).Result;
        Assert.AreEqual(changes, keys, "one stored key per change");
        Assert.AreEqual(0L, phone.Run<long>("return new Promise(ok => { const r = indexedDB.open('assessment-capture'); r.onsuccess = () => { const q = r.result.transaction('outbox').objectStore('outbox').count(); q.onsuccess = () => ok(q.result); }; })"), "the outbox is empty");

        // The points shown are the server's again.
        var api = ChecklistJson(id);
        var item = api.GetProperty("dimensions").EnumerateArray().SelectMany(d => d.GetProperty("items").EnumerateArray()).Single(i => i.GetProperty("id").GetString() == yesNo[0].Id);
        Assert.AreEqual(item.GetProperty("score").GetProperty("explanation").GetString(), phone.Find($"#item-{yesNo[0].Id} [data-explain]").Text);
    }

    [TestMethod]
    public void A_change_made_elsewhere_while_the_phone_was_offline_is_shown_and_the_users_choice_applied()
    {
        var (id, criteria) = DraftInspection();
        var open = Unanswered(id, criteria);
        var kept = open.First(i => i.Rule is YesNoRule);
        var taken = open.First(i => i.Rule is LevelsRule);
        var untouched = open.Where(i => i.Rule is YesNoRule).Skip(1).First();
        var levels = ((LevelsRule)taken.Rule).Levels;

        var phone = OpenBrowser(BrowserProfile.Phone);
        phone.SignIn(Inspector, InspectorPassword, $"/account/login?ReturnUrl=%2Fchecklists%2F{id}");
        WaitReady(phone);
        Choose(phone, kept.Id, "yes");
        var start = Version(id);
        WaitSynced(phone, id, start + 1);

        App.Offline();
        Choose(phone, kept.Id, "no");
        Choose(phone, taken.Id, levels[0].Code);
        Choose(phone, untouched.Id, "yes");
        phone.WaitUntil("document.getElementById('cl').dataset.queued === '3'");

        // Meanwhile the bureau changes two of those items on the server.
        using (var bureau = SignedInClient("admin", DemoAccounts.AdminPassword))
        {
            using var response = bureau.Send(Json(HttpMethod.Patch, $"/api/assessments/{id}/answers", new
            {
                answers = new object[]
                {
                    new { itemId = kept.Id, met = true, note = "省局复核：符合" },
                    new { itemId = taken.Id, level = levels[^1].Code },
                },
            }, start + 1));
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, response.Content.ReadAsStringAsync().Result);
        }

        App.Online();
        var dialog = phone.WaitFor("#cl-conflict[open]");
        phone.WaitFor(_ => phone.FindAll("#cl-conflict [data-conflict]").Count == 2 ? true : (bool?)null, "both changed items are in the dialog");
        var keptBox = phone.Find($"#cl-conflict [data-conflict='{kept.Id}']").Text;
        StringAssert.Contains(keptBox, "否（不符合）", "the phone's answer");
        StringAssert.Contains(keptBox, "是（符合）；说明：省局复核：符合", "the server's answer");
        Assert.AreEqual(start + 2, Version(id), "nothing was overwritten before the user chose");
        phone.Screenshot("conflict-dialog");

        phone.Find($"#cl-conflict [data-conflict='{kept.Id}'] [data-choice='mine']").Click();
        phone.Find($"#cl-conflict [data-conflict='{taken.Id}'] [data-choice='theirs']").Click();
        WaitSynced(phone, id, start + 4);
        phone.WaitUntil("!document.getElementById('cl-conflict').open && document.getElementById('cl-sync').hidden");
        Assert.IsFalse(dialog.Displayed);

        var answers = App.WithDbAsync(db => db.Answers.AsNoTracking().Where(a => a.AssessmentId == id).ToListAsync()).Result.ToDictionary(a => a.ItemId);
        Assert.IsFalse(answers[kept.Id].Met, "kept: the phone's answer, re-sent with the new version");
        Assert.AreEqual(levels[^1].Code, answers[taken.Id].Level, "taken: the server's answer stays");
        Assert.IsTrue(answers[untouched.Id].Met, "the item nobody else changed was sent as it was");
        Assert.IsTrue(phone.Run<bool>($"return document.querySelector(\"input[name='v_{taken.Id}'][value='{levels[^1].Code}']\").checked"), "the page shows the server's answer it took");
    }

    [TestMethod]
    public void The_checklist_page_is_light_and_loads_quickly_on_a_slow_connection()
    {
        var (id, _) = DraftInspection();
        var desk = OpenBrowser(BrowserProfile.Desk);
        desk.SignIn(Inspector, InspectorPassword, $"/account/login?ReturnUrl=%2Fchecklists%2F{id}");
        WaitReady(desk);
        desk.Screenshot("checklist");

        var loopback = Measure(desk, id, throttle: false);
        var slow = Measure(desk, id, throttle: true);
        var html = Fetch($"/checklists/{id}", Inspector, InspectorPassword);
        var json = Fetch($"/api/assessments/{id}/checklist", Inspector, InspectorPassword);
        TestContext.WriteLine($"HTML {html.Length} B raw, {Gzip(html)} B gzip; checklist JSON {json.Length} B raw, {Gzip(json)} B gzip");
        foreach (var (name, size) in loopback.Resources)
        {
            TestContext.WriteLine($"{name}: {size}");
        }

        TestContext.WriteLine($"loopback: {loopback.Timing}");
        TestContext.WriteLine($"slow 3G (2 s RTT, 400 kbit/s): {slow.Timing}");
        Assert.IsLessThan(150_000, html.Length, "the checklist page stays small");
        Assert.IsLessThan(20_000, Gzip(html));
    }

    private sealed record Measurement(string Timing, IReadOnlyList<(string Name, string Size)> Resources);

    /// <summary>A cold load (no service worker, caches and HTTP cache emptied) with Navigation and Resource Timing.</summary>
    private static Measurement Measure(Browser browser, int id, bool throttle)
    {
        browser.Run("""
            return (async () => {
                for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
                for (const k of await caches.keys()) await caches.delete(k);
            })();
            """);
        browser.Driver.ExecuteCdpCommand("Network.clearBrowserCache", []);
        if (throttle)
        {
            // Chrome DevTools' "Slow 3G": 2 s round trip, 400 kbit/s down and up.
            browser.Driver.ExecuteCdpCommand("Network.emulateNetworkConditions", new Dictionary<string, object?>
            {
                ["offline"] = false, ["latency"] = 2000, ["downloadThroughput"] = 50_000, ["uploadThroughput"] = 50_000,
            });
        }

        try
        {
            browser.Goto($"/checklists/{id}");
            browser.WaitUntil("document.readyState === 'complete'", TimeSpan.FromSeconds(120));
            var timing = browser.Run<string>("""
                const n = performance.getEntriesByType('navigation')[0];
                return `HTML response end ${Math.round(n.responseEnd)} ms, DOMContentLoaded ${Math.round(n.domContentLoadedEventEnd)} ms, load ${Math.round(n.loadEventEnd)} ms, HTML transferred ${n.transferSize} B (body ${n.encodedBodySize} B encoded, ${n.decodedBodySize} B decoded)`;
                """);
            var resources = browser.Run<IReadOnlyCollection<object>>("""
                return performance.getEntriesByType('resource').map(r => [r.name.replace(location.origin, ''), `${r.transferSize} B transferred, ${r.encodedBodySize} B encoded, ${r.decodedBodySize} B decoded, ${Math.round(r.duration)} ms`]);
                """);
            return new Measurement(timing, resources.Cast<IReadOnlyCollection<object>>().Select(r => ((string)r.First(), (string)r.Last())).ToList());
        }
        finally
        {
            browser.Driver.ExecuteCdpCommand("Network.emulateNetworkConditions", new Dictionary<string, object?>
            {
                ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = -1,
            });
        }
    }

    private static void WaitReady(Browser browser) =>
        browser.WaitUntil("document.getElementById('cl')?.dataset.ready === 'true' && navigator.serviceWorker.controller !== null");

    private void WaitSynced(Browser browser, int id, long version)
    {
        browser.WaitFor(_ => Version(id) == version ? true : (bool?)null, $"the server at version {version} (now {Version(id)})", TimeSpan.FromSeconds(60));
        browser.WaitUntil($"document.getElementById('cl').dataset.queued === '0' && document.getElementById('cl').dataset.synced === '{version}'");
    }

    private static void Scroll(Browser browser, string css) =>
        browser.Run("arguments[0].scrollIntoView({ block: 'start' }); window.scrollBy(0, -110);", browser.Find(css));

    private static void Choose(Browser browser, string itemId, string value)
    {
        var input = browser.Find($"input[name='v_{itemId}'][value='{value}']");
        browser.Run("arguments[0].scrollIntoView({ block: 'center' });", input);
        input.Click();
    }

    private static void Type(Browser browser, string css, string text)
    {
        var input = browser.Find(css);
        browser.Run("arguments[0].scrollIntoView({ block: 'center' });", input);
        input.Clear();
        input.SendKeys(text);
        input.SendKeys(Keys.Tab);
    }

    private void Photo(Browser browser, string itemId, string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"capture-{Guid.NewGuid():N}-{name}");
        File.WriteAllBytes(path, TestImage.Png(640, 480, name.GetHashCode(StringComparison.Ordinal)));
        var input = browser.Find($"#f_{itemId}");
        browser.Run("arguments[0].scrollIntoView({ block: 'center' });", input);
        input.SendKeys(path);
        browser.WaitFor(_ => browser.FindAll($"#item-{itemId} [data-files] li").Count > 0 ? true : (bool?)null, $"the photo of {itemId} is listed");
        TestContext.WriteLine($"photo {name} for {itemId}: {new FileInfo(path).Length} B");
    }

    private static (string Key, string ItemId, string Body) FirstQueuedAnswer(Browser browser)
    {
        var entry = browser.Run<IReadOnlyCollection<object>>("""
            return new Promise(ok => {
                const r = indexedDB.open('assessment-capture');
                r.onsuccess = () => {
                    const q = r.result.transaction('outbox').objectStore('outbox').getAll();
                    q.onsuccess = () => {
                        const e = q.result.find(x => x.kind === 'answer' && x.body.evidenceIds.every(n => typeof n === 'number'));
                        ok([e.key, e.itemId, JSON.stringify({ ...e.body, evidenceIds: e.body.evidenceIds })]);
                    };
                };
            });
            """).Cast<string>().ToList();
        return (entry[0], entry[1], entry[2]);
    }

    private (int Id, CriteriaVersion Criteria) DraftInspection()
    {
        var id = App.WithDbAsync(db => db.Assessments.AsNoTracking()
            .Where(a => a.Cycle!.Year == 2022 && a.Cycle.Status == CycleStatus.Open && a.Kind == AssessmentKind.Inspection && a.Status == AssessmentStatus.Draft
                && a.Inspectors.Any(i => i.UserName == Inspector))
            .OrderBy(a => a.Answers.Count).Select(a => a.Id).FirstAsync()).Result;
        var criteriaId = App.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.Cycle!.CriteriaVersionId).SingleAsync()).Result;
        return (id, App.Services.GetRequiredService<CriteriaRegistry>().Find(criteriaId)!);
    }

    private List<CriteriaItem> Unanswered(int id, CriteriaVersion criteria)
    {
        var answered = App.WithDbAsync(db => db.Answers.Where(a => a.AssessmentId == id).Select(a => a.ItemId).ToListAsync()).Result;
        return criteria.Items.Where(i => !answered.Contains(i.Id)).ToList();
    }

    private long Version(int id) => App.WithDbAsync(db => db.Assessments.AsNoTracking().Where(a => a.Id == id).Select(a => a.Version).SingleAsync()).Result;

    private HttpClient SignedInClient(string user, string password)
    {
        var client = App.CreateClient();
        using var response = client.PostAsJsonAsync("/api/account/login", new { userName = user, password }).Result;
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    private System.Text.Json.JsonElement ChecklistJson(int id)
    {
        using var client = SignedInClient(Inspector, InspectorPassword);
        using var response = client.GetAsync($"/api/assessments/{id}/checklist").Result;
        return System.Text.Json.JsonDocument.Parse(response.Content.ReadAsStringAsync().Result).RootElement.Clone();
    }

    private byte[] Fetch(string path, string user, string password)
    {
        using var client = SignedInClient(user, password);
        return client.GetByteArrayAsync(path).Result;
    }

    private static int Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return (int)buffer.Length;
    }
}

/// <summary>A real, decodable PNG (a colour gradient), as a phone camera would give an image the browser can scale.</summary>
internal static class TestImage
{
    public static byte[] Png(int width, int height, int seed)
    {
        var raw = new byte[(width * 3 + 1) * height];
        for (var y = 0; y < height; y++)
        {
            var row = y * (width * 3 + 1);
            for (var x = 0; x < width; x++)
            {
                raw[row + 1 + x * 3] = (byte)(x + seed);
                raw[row + 2 + x * 3] = (byte)(y * 2);
                raw[row + 3 + x * 3] = (byte)((x ^ y) + (seed >> 8));
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR", header);
        using (var data = new MemoryStream())
        {
            using (var zlib = new ZLibStream(data, CompressionLevel.Fastest, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            Chunk(png, "IDAT", data.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(typed, 0);
        data.CopyTo(typed, 4);
        png.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
