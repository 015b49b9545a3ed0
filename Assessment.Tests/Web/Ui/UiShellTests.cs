using System.Net;

namespace Assessment.Tests.Web.Ui;

/// <summary>The frame every page shares: sign-in, sign-out, refusals, language, static files.</summary>
[TestClass]
public sealed class UiShellTests
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
    public async Task An_anonymous_visitor_is_sent_to_the_login_page_with_the_way_back()
    {
        using var client = host!.Anonymous();
        using var response = await client.GetAsync("/bureau/cycles");
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        StringAssert.StartsWith(response.Headers.Location!.PathAndQuery, "/account/login?ReturnUrl=%2Fbureau%2Fcycles");
    }

    [TestMethod]
    public async Task The_login_page_is_in_Chinese_written_as_characters_with_labelled_fields()
    {
        using var client = host!.Anonymous();
        var html = await client.GetPageAsync("/account/login");
        StringAssert.Contains(html, "<html lang=\"zh-CN\">");
        StringAssert.Contains(html, "公共资源交易中心考核");
        StringAssert.Contains(html, "<label for=\"UserName\">用户名</label>");
        StringAssert.Contains(html, "<label for=\"Password\">密码</label>");
        Assert.DoesNotContain("&#x", html, "Chinese text is written as characters, not entities");
    }

    [TestMethod]
    public async Task A_wrong_password_is_refused_in_Chinese_and_signs_nobody_in()
    {
        using var client = host!.Anonymous();
        using var response = await client.PostFormAsync("/account/login", [new("UserName", world!.Bureau), new("Password", "not-the-password")]);
        var html = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        StringAssert.Contains(html, "用户名或密码错误。");
        using var me = await client.GetAsync("/api/account/me");
        Assert.AreEqual(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [TestMethod]
    public async Task Signing_in_through_the_page_sends_each_role_to_its_start_page()
    {
        var starts = new Dictionary<string, string>
        {
            [world!.Bureau] = "/bureau/cycles",
            [world.Inspector] = "/checklists",
            [world.StaffA] = "/center",
            [world.Analyst] = "/results",
        };
        foreach (var (user, start) in starts)
        {
            using var client = host!.Anonymous();
            Assert.AreEqual("/", await client.SignInThroughPageAsync(user, ApiHost.Password), user);
            using var home = await client.GetAsync("/");
            Assert.AreEqual(start, home.Headers.Location?.OriginalString, user);
        }
    }

    [TestMethod]
    public async Task After_signing_in_the_user_returns_to_the_page_asked_for_but_never_to_another_site()
    {
        using var client = host!.Anonymous();
        using var back = await client.PostFormAsync("/account/login?ReturnUrl=%2Fcriteria", [new("UserName", world!.Analyst), new("Password", ApiHost.Password), new("ReturnUrl", "/criteria")]);
        Assert.AreEqual("/criteria", back.Headers.Location?.OriginalString);

        using var other = host.Anonymous();
        using var elsewhere = await other.PostFormAsync("/account/login", [new("UserName", world.Analyst), new("Password", ApiHost.Password), new("ReturnUrl", "https://evil.example/")]);
        Assert.AreEqual("/", elsewhere.Headers.Location?.OriginalString);
    }

    [TestMethod]
    public async Task Signing_out_needs_the_form_and_ends_the_session()
    {
        using var client = host!.Anonymous();
        await client.SignInThroughPageAsync(world!.Bureau, ApiHost.Password);
        using var forged = await client.PostAsync("/account/logout", null);
        Assert.AreEqual(HttpStatusCode.BadRequest, forged.StatusCode, "a sign-out without the antiforgery token is refused");

        // The layout's sign-out form carries the token; the denied page renders the layout for a signed-in user.
        var token = PageForms.AntiforgeryToken(await (await client.GetAsync("/account/denied")).Content.ReadAsStringAsync());
        using var signOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.AreEqual(HttpStatusCode.Redirect, signOut.StatusCode);
        using var me = await client.GetAsync("/api/account/me");
        Assert.AreEqual(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [TestMethod]
    public async Task The_refusal_page_answers_403_and_says_why_in_Chinese()
    {
        using var client = await host!.SignInAsync(world!.StaffA);
        using var response = await client.GetAsync("/account/denied");
        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "交易中心工作人员只能查看本中心的数据");
    }

    [TestMethod]
    public async Task The_language_switch_renders_the_pages_in_English_and_back()
    {
        using var client = host!.Anonymous();
        using var switched = await client.PostFormAsync("/account/login", [new("culture", "en"), new("returnUrl", "/account/login")], action: "/culture");
        Assert.AreEqual("/account/login", switched.Headers.Location?.OriginalString);
        var english = await client.GetPageAsync("/account/login");
        StringAssert.Contains(english, "<html lang=\"en\">");
        StringAssert.Contains(english, "<h1>Sign in</h1>");
        StringAssert.Contains(english, ">中文</button>");

        using var wrong = await client.PostFormAsync("/account/login", [new("UserName", world!.Bureau), new("Password", "not-the-password")]);
        StringAssert.Contains(await wrong.Content.ReadAsStringAsync(), "Wrong user name or password.");

        // Back from a page opened with ?culture=en: the query is dropped, else it would outrank the choice.
        using var back = await client.PostFormAsync("/account/login", [new("culture", "zh-CN"), new("returnUrl", "/account/login?culture=en&ReturnUrl=%2Ffeed")], action: "/culture");
        Assert.AreEqual("/account/login?ReturnUrl=%2Ffeed", back.Headers.Location?.OriginalString);
        StringAssert.Contains(await client.GetPageAsync("/account/login"), "<h1>登录</h1>");
    }

    [TestMethod]
    public async Task The_stylesheet_is_served_to_anyone_compressed()
    {
        using var client = host!.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/css/site.css");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await client.SendAsync(request);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("text/css", response.Content.Headers.ContentType?.MediaType, (await response.Content.ReadAsStringAsync())[..200]);
        CollectionAssert.Contains(response.Content.Headers.ContentEncoding.ToList(), "gzip");
    }
}
