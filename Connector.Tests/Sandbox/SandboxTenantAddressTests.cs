using System.Net;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Sandbox;

/// <summary>The admin switch that moves the tenant: 421 at the old address, the new one from the state API and in new tokens.</summary>
public sealed class SandboxTenantAddressTests
{
    [Fact]
    public async Task A_moved_tenant_answers_421_at_its_old_address_and_the_state_api_and_new_tokens_name_the_new_one()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var token = await sandbox.GetAccessTokenAsync();
        var old = sandbox.Server.ApiBaseUrl;

        var moved = await sandbox.MoveTenantAsync();

        Assert.NotEqual(old, moved);
        Assert.Equal(moved, sandbox.Server.ApiBaseUrl);
        Assert.EndsWith("/Cust12345/api/", moved.ToString());
        using (var atOld = new HttpClient { BaseAddress = new Uri(old, "v1/") })
        {
            atOld.DefaultRequestHeaders.Authorization = new("Bearer", token);
            using var misdirected = await atOld.GetAsync("Contact/1");
            Assert.Equal(HttpStatusCode.MisdirectedRequest, misdirected.StatusCode);
            var error = await SandboxFixture.JsonAsync(misdirected);
            Assert.Equal("MisdirectedRequest", error.GetProperty("ErrorType").GetString());
            Assert.Equal("Wrong subdomain used to access tenant", error.GetProperty("ErrorMessage").GetString());
        }

        var state = await SandboxFixture.JsonAsync(await sandbox.Http.GetAsync("api/state/Cust12345"));
        Assert.Equal(moved.ToString().TrimEnd('/'), state.GetProperty("Api").GetString());
        Assert.Equal(moved.ToString()[..^"/api/".Length], state.GetProperty("Endpoint").GetString());
        var idToken = (await sandbox.RequestTokenAsync()).GetProperty("id_token").GetString()!;
        Assert.Equal(moved.ToString(), SandboxTokens.Payload(idToken).GetProperty(SandboxTokens.Claim + "webapi_url").GetString());

        // The token issued before the move works at the new address; the log says which host answered.
        using var api = sandbox.ApiClient(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("Contact/1")).StatusCode);
        var calls = (await sandbox.RequestsAsync()).Where(r => r.GetProperty("path").GetString() == "/Cust12345/api/v1/Contact/1").ToList();
        Assert.Equal([(old.Authority, 421), (moved.Authority, 200)], calls.Select(r => (r.GetProperty("host").GetString(), r.GetProperty("status").GetInt32())));

        // And back.
        Assert.Equal(old, await sandbox.MoveTenantAsync());
        Assert.Equal(HttpStatusCode.OK, (await sandbox.ApiClient(token).GetAsync("Contact/1")).StatusCode);
    }
}
