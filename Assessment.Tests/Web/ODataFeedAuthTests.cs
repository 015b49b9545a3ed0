using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assessment.Web.OData;
using Assessment.Web.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Tests.Web;

/// <summary>Who may read the feed, how they prove it, and what each role sees.</summary>
[TestClass]
public sealed class ODataFeedAuthTests
{
    private static ODataFeedHost host = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) => host = await ODataFeedHost.StartSqliteAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await host.DisposeAsync();

    /// <summary>Signs in with the Identity cookie and creates a key through the account API.</summary>
    internal static async Task<string> CreateKeyAsync(ODataFeedHost host, string user, string name)
    {
        using var browser = host.Https();
        (await browser.GetAsync(new Uri($"/test/sign-in/{user}", UriKind.Relative))).EnsureSuccessStatusCode();
        using var created = await browser.PostAsJsonAsync(new Uri("/api/account/api-keys", UriKind.Relative), new { name });
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode);
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("key").GetString()!;
    }

    private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [TestMethod]
    public async Task Without_credentials_the_feed_asks_for_basic_credentials_with_an_OData_error()
    {
        using var client = host.Https();
        var (status, body, response) = await GetAsync(client, "/odata/Centers");

        Assert.AreEqual(HttpStatusCode.Unauthorized, status);
        Assert.AreEqual("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        using var json = JsonDocument.Parse(body);
        Assert.IsFalse(string.IsNullOrEmpty(json.RootElement.GetProperty("error").GetProperty("message").GetString()));
    }

    [TestMethod]
    public async Task Basic_with_a_wrong_password_is_refused_and_with_the_right_one_accepted()
    {
        using var client = host.Https();
        client.DefaultRequestHeaders.Authorization = ODataFeedHost.Basic(ODataFeedData.Analyst, "wrong-password-1");
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await GetAsync(client, "/odata/Centers")).Status);

        client.DefaultRequestHeaders.Authorization = ODataFeedHost.Basic(ODataFeedData.Analyst);
        Assert.AreEqual(HttpStatusCode.OK, (await GetAsync(client, "/odata/Centers")).Status);
    }

    [TestMethod]
    public async Task A_changed_password_stops_the_old_one_at_once_although_verified_passwords_are_remembered()
    {
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = "changer", DisplayName = "changer" };
            Assert.IsTrue((await users.CreateAsync(user, ODataFeedData.Password)).Succeeded);
            Assert.IsTrue((await users.AddToRoleAsync(user, Roles.Analyst)).Succeeded);
        }

        using var client = host.Https();
        client.DefaultRequestHeaders.Authorization = ODataFeedHost.Basic("changer");
        Assert.AreEqual(HttpStatusCode.OK, (await GetAsync(client, "/odata/Cycles")).Status);
        Assert.AreEqual(HttpStatusCode.OK, (await GetAsync(client, "/odata/Cycles")).Status);
        using var wrong = host.Https();
        wrong.DefaultRequestHeaders.Authorization = ODataFeedHost.Basic("changer", ODataFeedData.Password + "x");
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await GetAsync(wrong, "/odata/Cycles")).Status);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync("changer");
            Assert.IsTrue((await users.ChangePasswordAsync(user!, ODataFeedData.Password, "Another2022pass")).Succeeded);
        }

        Assert.AreEqual(HttpStatusCode.Unauthorized, (await GetAsync(client, "/odata/Cycles")).Status);
        client.DefaultRequestHeaders.Authorization = ODataFeedHost.Basic("changer", "Another2022pass");
        Assert.AreEqual(HttpStatusCode.OK, (await GetAsync(client, "/odata/Cycles")).Status);
    }

    [TestMethod]
    public async Task Credentials_over_plain_http_are_refused_except_from_the_same_machine()
    {
        using var client = host.Http();
        client.DefaultRequestHeaders.Authorization = ODataFeedHost.Basic(ODataFeedData.Analyst);
        var (status, body, _) = await GetAsync(client, "/odata/Centers");
        Assert.AreEqual(HttpStatusCode.Unauthorized, status);
        StringAssert.Contains(body, "HTTPS");

        client.DefaultRequestHeaders.Add(ODataFeedHost.LoopbackHeader, "1");
        Assert.AreEqual(HttpStatusCode.OK, (await GetAsync(client, "/odata/Centers")).Status);
    }

    [TestMethod]
    public async Task An_api_key_works_as_query_parameter_and_header_until_it_is_revoked()
    {
        using var browser = host.Https();
        (await browser.GetAsync(new Uri($"/test/sign-in/{ODataFeedData.Analyst}", UriKind.Relative))).EnsureSuccessStatusCode();
        using var created = await browser.PostAsJsonAsync(new Uri("/api/account/api-keys", UriKind.Relative), new { name = "Excel 办公室" });
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var key = json.RootElement.GetProperty("key").GetString()!;
        var id = json.RootElement.GetProperty("id").GetInt32();

        using var client = host.Https();
        Assert.AreEqual(HttpStatusCode.OK, (await GetAsync(client, $"/odata/Centers?api_key={key}")).Status);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.AreEqual(HttpStatusCode.OK, (await GetAsync(client, "/odata/Centers")).Status);

        var list = await browser.GetStringAsync(new Uri("/api/account/api-keys", UriKind.Relative));
        Assert.DoesNotContain(key, list, "the key is shown only once");
        StringAssert.Contains(list, key[..10]);
        StringAssert.Contains(list, "\"lastUsedAt\":\"");

        using var revoked = await browser.DeleteAsync(new Uri($"/api/account/api-keys/{id}", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await GetAsync(client, "/odata/Centers")).Status);
        using var anonymous = host.Https();
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await GetAsync(anonymous, $"/odata/Centers?api_key={key}")).Status);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await GetAsync(anonymous, "/odata/Centers?api_key=ak_forged")).Status);
    }

    [TestMethod]
    public async Task Api_keys_are_managed_only_by_their_signed_in_owner()
    {
        using var anonymous = host.Https();
        using var list = await anonymous.GetAsync(new Uri("/api/account/api-keys", UriKind.Relative));
        Assert.AreNotEqual(HttpStatusCode.OK, list.StatusCode);

        var key = await CreateKeyAsync(host, ODataFeedData.Staff, "mine");
        using var other = host.Https();
        (await other.GetAsync(new Uri($"/test/sign-in/{ODataFeedData.Analyst}", UriKind.Relative))).EnsureSuccessStatusCode();
        var staffKeys = JsonDocument.Parse(await (await CreateStaffBrowserAsync()).GetStringAsync(new Uri("/api/account/api-keys", UriKind.Relative)));
        var staffKeyId = staffKeys.RootElement.EnumerateArray().Last().GetProperty("id").GetInt32();
        using var delete = await other.DeleteAsync(new Uri($"/api/account/api-keys/{staffKeyId}", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.NotFound, delete.StatusCode);
        using var stillWorks = host.Https();
        Assert.AreEqual(HttpStatusCode.OK, (await GetAsync(stillWorks, $"/odata/Centers?api_key={key}")).Status);

        using var nameless = await other.PostAsJsonAsync(new Uri("/api/account/api-keys", UriKind.Relative), new { name = " " });
        Assert.AreEqual(HttpStatusCode.BadRequest, nameless.StatusCode);
        StringAssert.Contains(await nameless.Content.ReadAsStringAsync(), "\"name\"");
    }

    [TestMethod]
    public async Task An_account_holds_at_most_ten_active_api_keys_and_a_revoked_one_frees_a_place()
    {
        using var browser = host.Https();
        (await browser.GetAsync(new Uri($"/test/sign-in/{ODataFeedData.Admin}", UriKind.Relative))).EnsureSuccessStatusCode();
        var ids = new List<int>();
        for (var i = ids.Count; i < ApiKeyService.MaxActiveKeys; i++)
        {
            using var created = await browser.PostAsJsonAsync(new Uri("/api/account/api-keys", UriKind.Relative), new { name = $"报表 {i + 1}" });
            Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, $"key {i + 1}");
            ids.Add(JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32());
        }

        using var refused = await browser.PostAsJsonAsync(new Uri("/api/account/api-keys", UriKind.Relative), new { name = "第十一个" });
        Assert.AreEqual(HttpStatusCode.Conflict, refused.StatusCode);
        StringAssert.Contains(await refused.Content.ReadAsStringAsync(), "最多保留 10 个有效密钥");
        var listed = JsonDocument.Parse(await browser.GetStringAsync(new Uri("/api/account/api-keys", UriKind.Relative))).RootElement;
        Assert.AreEqual(ApiKeyService.MaxActiveKeys, listed.GetArrayLength(), "nothing was created by the refused request");

        using var revoked = await browser.DeleteAsync(new Uri($"/api/account/api-keys/{ids[0]}", UriKind.Relative));
        Assert.AreEqual(HttpStatusCode.NoContent, revoked.StatusCode);
        using var again = await browser.PostAsJsonAsync(new Uri("/api/account/api-keys", UriKind.Relative), new { name = "替换" });
        Assert.AreEqual(HttpStatusCode.Created, again.StatusCode);
    }

    private static async Task<HttpClient> CreateStaffBrowserAsync()
    {
        var browser = host.Https();
        (await browser.GetAsync(new Uri($"/test/sign-in/{ODataFeedData.Staff}", UriKind.Relative))).EnsureSuccessStatusCode();
        return browser;
    }

    [TestMethod]
    public async Task A_user_without_a_role_is_forbidden()
    {
        using var client = host.As(ODataFeedData.NoRole);
        var (status, body, _) = await GetAsync(client, "/odata/Centers");
        Assert.AreEqual(HttpStatusCode.Forbidden, status);
        StringAssert.Contains(body, "\"error\"");
    }

    private static async Task<List<JsonElement>> RowsAsync(string user, string url)
    {
        using var client = host.As(user);
        var (status, body, _) = await GetAsync(client, url);
        Assert.AreEqual(HttpStatusCode.OK, status, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("value").EnumerateArray().ToList();
    }

    [TestMethod]
    public async Task Center_staff_see_only_their_own_center_and_its_unpublished_self_assessments()
    {
        var centers = await RowsAsync(ODataFeedData.Staff, "/odata/Centers");
        Assert.AreEqual(ODataFeedData.StaffCenterId, centers.Single().GetProperty("Id").GetInt32());

        var assessments = await RowsAsync(ODataFeedData.Staff, "/odata/Assessments?$top=1000");
        Assert.IsTrue(assessments.All(a => a.GetProperty("CenterId").GetInt32() == ODataFeedData.StaffCenterId));
        Assert.IsTrue(assessments.Where(a => a.GetProperty("CycleYear").GetInt32() == 2022).All(a => a.GetProperty("Kind").GetString() == "SelfAssessment"));
        Assert.IsTrue(assessments.Any(a => a.GetProperty("CycleYear").GetInt32() == 2021 && a.GetProperty("Kind").GetString() == "Inspection"));

        var items = await RowsAsync(ODataFeedData.Staff, "/odata/ItemScores?$top=1000&$filter=CenterId ne " + ODataFeedData.StaffCenterId);
        Assert.IsEmpty(items, "no other center's scores, even when asked for");
        var rankings = await RowsAsync(ODataFeedData.Staff, "/odata/Rankings");
        Assert.AreEqual(ODataFeedData.StaffCenterId, rankings.Single().GetProperty("CenterId").GetInt32());
        using var client = host.As(ODataFeedData.Staff);
        Assert.AreEqual("0", (await GetAsync(client, $"/odata/DimensionScores/$count?$filter=CenterId ne {ODataFeedData.StaffCenterId}")).Body);
    }

    [TestMethod]
    public async Task Analysts_see_published_cycles_and_the_bureau_also_unpublished_ones()
    {
        var analystCycles = await RowsAsync(ODataFeedData.Analyst, "/odata/Cycles");
        Assert.AreEqual(2021, analystCycles.Single().GetProperty("Year").GetInt32());
        var analystAssessments = await RowsAsync(ODataFeedData.Analyst, "/odata/Assessments?$top=1000");
        Assert.IsTrue(analystAssessments.All(a => a.GetProperty("CycleYear").GetInt32() == 2021));
        Assert.HasCount(ODataFeedData.CenterCount, await RowsAsync(ODataFeedData.Analyst, "/odata/Centers"));

        var bureauCycles = await RowsAsync(ODataFeedData.Admin, "/odata/Cycles?$orderby=Year");
        CollectionAssert.AreEqual(new[] { 2021, 2022 }, bureauCycles.Select(c => c.GetProperty("Year").GetInt32()).ToArray());
        var bureauAssessments = await RowsAsync(ODataFeedData.Admin, "/odata/Assessments?$top=1000");
        Assert.IsTrue(bureauAssessments.Any(a => a.GetProperty("CycleYear").GetInt32() == 2022));
    }

    [TestMethod]
    public async Task Inspectors_see_the_centers_they_are_assigned_to()
    {
        var centers = await RowsAsync(ODataFeedData.Inspector, "/odata/Centers");
        Assert.AreEqual(ODataFeedData.InspectedCenterId, centers.Single().GetProperty("Id").GetInt32());
        var assessments = await RowsAsync(ODataFeedData.Inspector, "/odata/Assessments?$top=1000");
        Assert.IsNotEmpty(assessments);
        Assert.IsTrue(assessments.All(a => a.GetProperty("CenterId").GetInt32() == ODataFeedData.InspectedCenterId));
        var cycles = await RowsAsync(ODataFeedData.Inspector, "/odata/Cycles?$orderby=Year");
        CollectionAssert.AreEqual(new[] { 2021, 2022 }, cycles.Select(c => c.GetProperty("Year").GetInt32()).ToArray());
    }

    [TestMethod]
    public async Task Expanded_navigation_respects_the_scope()
    {
        var rows = await RowsAsync(ODataFeedData.Staff, "/odata/Rankings?$expand=Center($select=Id,Name)");
        var center = rows.Single().GetProperty("Center");
        Assert.AreEqual(ODataFeedData.StaffCenterId, center.GetProperty("Id").GetInt32());
        Assert.IsTrue(Encoding.UTF8.GetByteCount(center.GetProperty("Name").GetString()!) > 0);
    }
}
