using System.Net;
using System.Text.Json;
using Connector.Core.SuperOffice;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.SuperOffice;

/// <summary>
/// A tenant that moved (https://docs.superoffice.com/en/developer-portal/best-practices/tenant-status/check-status.html):
/// the old address answers 421, the client looks the address up again once, switches and retries.
/// </summary>
public sealed class TenantMoveTests
{
    private static string Line(JsonElement r) =>
        $"{r.GetProperty("method").GetString()} {r.GetProperty("path").GetString()} {r.GetProperty("status").GetInt32()} {r.GetProperty("host").GetString()}";

    [Fact]
    public async Task A_contact_read_and_written_after_a_move_succeeds_with_one_state_lookup()
    {
        await using var h = await ClientHarness.StartAsync();
        await h.Client.GetContactAsync(1);
        var old = h.Sandbox.Server.ApiBaseUrl;
        var moved = await h.Sandbox.MoveTenantAsync();
        await h.ClearRequestsAsync();

        Assert.Equal(2, (await h.Client.GetContactAsync(2)).ContactId);
        var written = await h.Client.PatchUserDefinedFieldsAsync(2, new Dictionary<string, string?> { ["SuperOffice:5"] = "Handel" });
        Assert.Equal(2, written.ContactId);

        var calls = (await h.RequestsAsync()).Select(Line).ToList();
        Assert.Equal(
        [
            $"GET /Cust12345/api/v1/Contact/2 421 {old.Authority}",
            "GET /api/state/Cust12345 200 " + h.Sandbox.Server.BaseUrl.Authority,
            $"GET /Cust12345/api/v1/Contact/2 200 {moved.Authority}",
            $"PATCH /Cust12345/api/v1/Contact/2 200 {moved.Authority}",
        ], calls);
        Assert.Equal(0, await h.TokenCallsAsync());
        Assert.Contains(h.Logs.Entries, e => e.Text.Contains("moved", StringComparison.Ordinal) && e.Text.Contains(moved.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_calls_that_meet_the_move_share_one_state_lookup()
    {
        await using var h = await ClientHarness.StartAsync();
        await h.Client.GetContactAsync(1);
        await h.Sandbox.MoveTenantAsync();
        await h.ClearRequestsAsync();

        var contacts = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => h.Client.GetContactAsync(1 + i % 20))));

        Assert.Equal(30, contacts.Length);
        Assert.Single(await h.RequestsAsync("/api/state/"));
        var answers = (await h.RequestsAsync("/v1/Contact/")).Select(r => r.GetProperty("status").GetInt32()).ToList();
        Assert.Equal(30, answers.Count(s => s == 200));
        Assert.All(answers, s => Assert.True(s is 200 or 421));

        // Afterwards every call goes straight to the new address.
        await h.ClearRequestsAsync();
        await h.Client.GetContactAsync(3);
        Assert.Equal(200, Assert.Single(await h.RequestsAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_address_from_the_cached_tenant_state_is_looked_up_again_on_421()
    {
        await using var h = await ClientHarness.StartAsync(stripWebApiUrlClaim: true);
        await h.Client.GetContactAsync(1);
        Assert.Single(await h.RequestsAsync("/api/state/"));
        var moved = await h.Sandbox.MoveTenantAsync();

        Assert.Equal(2, (await h.Client.GetContactAsync(2)).ContactId);
        Assert.Equal(3, (await h.Client.GetContactAsync(3)).ContactId);

        Assert.Equal(2, (await h.RequestsAsync("/api/state/")).Count);
        Assert.Single(await h.RequestsAsync("/v1/Contact/"), r => r.GetProperty("status").GetInt32() == 421);
        Assert.Equal(moved.Authority, (await h.RequestsAsync("/v1/Contact/3")).Single().GetProperty("host").GetString());
    }

    [Fact]
    public async Task A_tenant_that_moves_twice_is_followed_again()
    {
        await using var h = await ClientHarness.StartAsync();
        await h.Client.GetContactAsync(1);
        await h.Sandbox.MoveTenantAsync();
        await h.Client.GetContactAsync(2);
        var back = await h.Sandbox.MoveTenantAsync();

        Assert.Equal(3, (await h.Client.GetContactAsync(3)).ContactId);
        Assert.Equal(2, (await h.RequestsAsync("/api/state/")).Count);
        Assert.Equal(back.Authority, (await h.RequestsAsync("/v1/Contact/3")).Last().GetProperty("host").GetString());
    }

    /// <summary>Every REST call answers 421, wherever it goes (the login host, the sandbox, stays real).</summary>
    private sealed class Misdirecting : HttpMessageHandler
    {
        public List<Uri> Calls { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add(request.RequestUri!);
            }
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.MisdirectedRequest)
            {
                Content = new StringContent("""{"Error":true,"ErrorType":"MisdirectedRequest","Message":"Wrong subdomain used to access tenant"}"""),
            });
        }
    }

    [Fact]
    public async Task A_421_that_the_state_api_cannot_resolve_is_transient()
    {
        var api = new Misdirecting();
        await using var h = await ClientHarness.StartAsync(configure: s =>
            s.AddHttpClient(SuperOfficeRegistration.ApiClientName).ConfigurePrimaryHttpMessageHandler(() => api));

        // The state API names the very address that answered 421.
        var stale = await Assert.ThrowsAsync<SuperOfficeApiException>(() => h.Client.GetContactAsync(1));
        Assert.True(stale.IsTransient);
        Assert.Contains("still names that address", stale.Message);

        // The state API names a new address, and that one answers 421 too.
        var moved = await h.Sandbox.MoveTenantAsync();
        var again = await Assert.ThrowsAsync<SuperOfficeApiException>(() => h.Client.GetContactAsync(2));
        Assert.True(again.IsTransient);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, again.StatusCode);
        Assert.Equal(new Uri(moved, "v1/Contact/2"), api.Calls[^1]);
        Assert.Equal(3, api.Calls.Count);
    }

    [Fact]
    public async Task With_ApiBaseUrl_set_a_421_fails_naming_the_setting_and_the_new_address()
    {
        await using var h = await ClientHarness.StartAsync(lateSettings: sandbox => new() { ["SuperOffice:ApiBaseUrl"] = sandbox.Server.ApiBaseUrl.ToString() });
        await h.Client.GetContactAsync(1);
        var moved = await h.Sandbox.MoveTenantAsync();

        var error = await Assert.ThrowsAsync<SuperOfficeApiException>(() => h.Client.GetContactAsync(2));

        Assert.Equal(HttpStatusCode.MisdirectedRequest, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Contains("SuperOffice:ApiBaseUrl", error.Message);
        Assert.Contains(moved.ToString(), error.Message);
        Assert.Equal("MisdirectedRequest: Wrong subdomain used to access tenant", error.SuperOfficeMessage);
        // The operator's address is not replaced: the next call meets the 421 again.
        await Assert.ThrowsAsync<SuperOfficeApiException>(() => h.Client.GetContactAsync(3));
        Assert.Equal(2, (await h.RequestsAsync("/v1/Contact/")).Count(r => r.GetProperty("status").GetInt32() == 421));
    }
}
