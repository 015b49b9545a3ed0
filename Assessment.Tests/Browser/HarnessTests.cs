using System.Globalization;
using System.Net;
using Assessment.Tests.Web;

namespace Assessment.Tests.Browser;

/// <summary>
/// The browser harness itself, before any page of the UI exists: the real app in a real Chromium, the network
/// switch, offline emulation, screenshots and the JavaScript error capture.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class HarnessTests : BrowserTest
{
    [TestMethod]
    public void The_health_probe_and_the_OpenAPI_document_load_in_the_browser()
    {
        var browser = OpenBrowser(BrowserProfile.Desk);

        browser.Goto("/healthz");
        Assert.AreEqual("ok", browser.Find("body").Text);

        browser.Goto("/openapi/v1.json");
        var title = browser.Run<string>("return JSON.parse(document.body.innerText).info.title;");
        Assert.IsFalse(string.IsNullOrEmpty(title), "the OpenAPI document has a title");
        Assert.IsTrue(App.Network.ConnectionsAccepted > 0, "the browser went through the network switch");
    }

    [TestMethod]
    public void The_demo_accounts_sign_in_from_the_page()
    {
        var browser = OpenBrowser();
        browser.Goto("/healthz");

        var status = browser.Run<long>("""
            return fetch('/api/account/login', {
                method: 'POST', headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ userName: 'admin', password: 'Qinghai-Admin-2021' }) }).then(r => r.status);
            """);

        Assert.AreEqual(200L, status, "the demo seed created admin with the README's password");
    }

    [TestMethod]
    public void A_fetch_succeeds_online_fails_offline_and_succeeds_again_online()
    {
        var browser = OpenBrowser();
        browser.Goto("/healthz");
        const string Probe = "return fetch('/healthz', { cache: 'no-store' }).then(r => r.text(), e => 'failed: ' + e.name);";

        Assert.AreEqual("ok", browser.Run<string>(Probe));

        App.Offline();
        StringAssert.StartsWith(browser.Run<string>(Probe), "failed: TypeError");
        Assert.IsFalse(App.Network.IsOn);

        App.Online();
        Assert.AreEqual("ok", browser.Run<string>(Probe));
    }

    [TestMethod]
    public void The_switch_alone_cuts_the_network_even_where_the_browser_believes_it_is_online()
    {
        // Service workers are not covered by the DevTools emulation: only the switch stops their requests.
        var browser = OpenBrowser();
        browser.Goto("/healthz");
        const string Probe = "return fetch('/healthz', { cache: 'no-store' }).then(r => r.text(), e => 'failed: ' + e.name);";

        App.Network.TurnOff();
        Assert.IsTrue(browser.Run<bool>("return navigator.onLine;"));
        StringAssert.StartsWith(browser.Run<string>(Probe), "failed: TypeError");
        using var direct = App.CreateClient();
        Assert.AreEqual(HttpStatusCode.OK, direct.GetAsync(new Uri("/healthz", UriKind.Relative)).Result.StatusCode, "the app itself still runs");

        App.Network.TurnOn();
        Assert.AreEqual("ok", browser.Run<string>(Probe));
    }

    [TestMethod]
    public void A_service_worker_loses_the_network_when_the_switch_is_off()
    {
        App.ServePage("/_harness/sw.js", """
            self.addEventListener('install', () => self.skipWaiting());
            self.addEventListener('activate', e => e.waitUntil(self.clients.claim()));
            self.addEventListener('fetch', e => {
                if (new URL(e.request.url).pathname !== '/healthz') return;
                e.respondWith(fetch(e.request, { cache: 'no-store' })
                    .then(r => r.text()).then(t => new Response('sw:' + t), () => new Response('sw:no network')));
            });
            """, "text/javascript");
        App.ServePage("/_harness/sw.html", """
            <!doctype html><html><meta charset="utf-8"><body>
            <script>navigator.serviceWorker.register('/_harness/sw.js');</script></body></html>
            """);
        var browser = OpenBrowser();
        browser.Goto("/_harness/sw.html");
        browser.WaitUntil("navigator.serviceWorker.controller !== null");
        const string Probe = "return fetch('/healthz').then(r => r.text(), e => 'page: ' + e.name);";
        Assert.AreEqual("sw:ok", browser.Run<string>(Probe));

        App.Network.TurnOff();
        Assert.AreEqual("sw:no network", browser.Run<string>(Probe), "the worker's own request was refused by the switch");

        App.Network.TurnOn();
        Assert.AreEqual("sw:ok", browser.Run<string>(Probe));
    }

    [TestMethod]
    public void Navigator_onLine_and_the_offline_and_online_events_follow_the_network()
    {
        var browser = OpenBrowser();
        browser.Goto("/healthz");
        browser.Run("window.__events = []; addEventListener('offline', () => __events.push('offline')); addEventListener('online', () => __events.push('online'));");
        Assert.IsTrue(browser.Run<bool>("return navigator.onLine;"));

        App.Offline();
        browser.WaitUntil("!navigator.onLine && __events.includes('offline')");

        App.Online();
        browser.WaitUntil("navigator.onLine && __events.includes('online')");
        Assert.AreEqual("offline,online", browser.Run<string>("return __events.join(',');"));
    }

    [TestMethod]
    public void The_phone_and_desk_profiles_have_their_viewports_and_speak_Chinese()
    {
        App.ServePage("/_harness/viewport.html", """
            <!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>视口</title><p>视口</p></html>
            """);
        var phone = OpenBrowser(BrowserProfile.Phone);
        phone.Goto("/_harness/viewport.html");
        Assert.AreEqual("360x740", phone.Run<string>("return innerWidth + 'x' + innerHeight;"));
        Assert.IsTrue(phone.Run<bool>("return navigator.maxTouchPoints > 0 && matchMedia('(pointer: coarse)').matches;"), "the phone has a touch screen");
        Assert.AreEqual("zh-CN", phone.Run<string>("return navigator.language;"));

        var desk = OpenBrowser(BrowserProfile.Desk);
        desk.Goto("/_harness/viewport.html");
        Assert.AreEqual("1366x900", desk.Run<string>("return innerWidth + 'x' + innerHeight;"));
        Assert.AreEqual("zh-CN", desk.Run<string>("return navigator.language;"));
        TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture, $"start times: phone {phone.StartTime.TotalMilliseconds:F0} ms, desk {desk.StartTime.TotalMilliseconds:F0} ms"));
    }

    [TestMethod]
    public void A_screenshot_is_saved_as_a_non_empty_png()
    {
        var browser = OpenBrowser();
        App.ServePage("/_harness/chinese.html", """
            <!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>截图</title>
            <h1>青海省政务服务监督管理局</h1><p>公共资源交易中心考核</p></html>
            """);
        browser.Goto("/_harness/chinese.html");

        var file = browser.Screenshot("chinese-page");

        StringAssert.StartsWith(file, Browser.ScreenshotFolder);
        var bytes = File.ReadAllBytes(file);
        Assert.IsGreaterThan(1000, bytes.Length, "a real image");
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes.Take(4).ToArray());
    }

    [TestMethod]
    public void An_uncaught_error_and_an_unhandled_rejection_are_captured()
    {
        var browser = OpenBrowser();
        App.ServePage("/_harness/throws.html", """
            <!doctype html><html><meta charset="utf-8"><body>
            <script>setTimeout(() => { throw new Error('harness-boom'); }, 0); Promise.reject(new Error('harness-rejected'));</script>
            </body></html>
            """);
        browser.Goto("/_harness/throws.html");
        browser.Run("console.error('just a console message');");

        var errors = browser.WaitFor(_ => browser.JavaScriptErrors.Count >= 2 ? browser.TakeJavaScriptErrors() : null, "two uncaught errors");

        Assert.IsTrue(errors.Any(e => e.Contains("harness-boom", StringComparison.Ordinal)), string.Join("\n", errors));
        Assert.IsTrue(errors.Any(e => e.Contains("harness-rejected", StringComparison.Ordinal)), string.Join("\n", errors));
        Assert.IsTrue(browser.ConsoleMessages.Any(m => m.Contains("just a console message", StringComparison.Ordinal)), "console messages are kept apart");
        Assert.IsEmpty(browser.JavaScriptErrors, "taken errors do not fail the test");
    }

    [TestMethod]
    public void Sign_in_fills_the_login_form_and_follows_it()
    {
        var browser = OpenBrowser();
        App.ServePage("/_harness/login.html", """
            <!doctype html><html><meta charset="utf-8"><body>
            <form method="get" action="/_harness/welcome.html">
              <label>用户名 <input name="UserName"></label><label>密码 <input name="Password" type="password"></label>
              <button type="submit">登录</button>
            </form></body></html>
            """);
        App.ServePage("/_harness/welcome.html", "<!doctype html><html><meta charset=\"utf-8\"><body><p id=\"who\"></p><script>document.getElementById('who').textContent = new URLSearchParams(location.search).get('UserName');</script></body></html>");

        browser.SignIn("inspector.wang", DemoAccounts.InspectorWangPassword, loginPath: "/_harness/login.html");

        Assert.AreEqual("/_harness/welcome.html", browser.Url.AbsolutePath);
        Assert.AreEqual("inspector.wang", browser.WaitFor("#who").Text);
    }
}
