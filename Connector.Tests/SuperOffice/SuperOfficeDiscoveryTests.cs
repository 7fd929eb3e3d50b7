using Connector.Core.SuperOffice;

namespace Connector.Tests.SuperOffice;

/// <summary>Where the API lives: the setting, the id_token's webapi_url claim, or the tenant state API; and a tenant that is down.</summary>
public sealed class SuperOfficeDiscoveryTests
{
    [Fact]
    public async Task The_webapi_url_claim_is_used_without_asking_the_state_api()
    {
        await using var h = await ClientHarness.StartAsync();
        await h.Client.GetContactAsync(1);

        Assert.Empty(await h.RequestsAsync("/api/state/"));
        Assert.Single(await h.RequestsAsync("/Cust12345/api/v1/Contact/1"));
    }

    [Fact]
    public async Task Without_the_claim_the_state_api_is_asked_once_and_cached()
    {
        await using var h = await ClientHarness.StartAsync(stripWebApiUrlClaim: true);
        for (var i = 1; i <= 3; i++)
        {
            await h.Client.GetContactAsync(i);
        }

        var state = Assert.Single(await h.RequestsAsync("/api/state/"));
        Assert.Equal("/api/state/Cust12345", state.GetProperty("path").GetString());
        Assert.Equal(3, (await h.RequestsAsync("/Cust12345/api/v1/Contact/")).Count);
    }

    [Fact]
    public async Task The_setting_overrides_discovery_and_its_slashes_do_not_matter()
    {
        await using var h = await ClientHarness.StartAsync(stripWebApiUrlClaim: true,
            lateSettings: sandbox => new() { ["SuperOffice:ApiBaseUrl"] = sandbox.Server.ApiBaseUrl.ToString().TrimEnd('/') + "/v1" });
        await h.Client.GetContactAsync(1);

        Assert.Empty(await h.RequestsAsync("/api/state/"));
        Assert.Single(await h.RequestsAsync("/Cust12345/api/v1/Contact/1"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_tenant_in_maintenance_gives_TenantUnavailable(bool viaStateApi)
    {
        await using var h = await ClientHarness.StartAsync(stripWebApiUrlClaim: viaStateApi);
        await h.Client.GetContactAsync(1);
        await h.Sandbox.SetFaultsAsync(new { tenantState = "OfflineMaintenance" });

        var error = await Assert.ThrowsAsync<TenantUnavailableException>(() => h.Client.GetContactAsync(2));
        Assert.Equal("OfflineMaintenance", error.State);
        Assert.Equal("Cust12345", error.ContextIdentifier);
        Assert.True(error.IsTransient);
        Assert.Contains("OfflineMaintenance", error.Message);
    }

    [Fact]
    public async Task A_tenant_down_from_the_start_is_reported_before_any_api_call()
    {
        await using var h = await ClientHarness.StartAsync(o => o.TenantState = "Suspended", stripWebApiUrlClaim: true);

        var error = await Assert.ThrowsAsync<TenantUnavailableException>(() => h.Client.GetContactAsync(1));
        Assert.Equal("Suspended", error.State);
        Assert.Empty(await h.RequestsAsync("/Cust12345/api/"));
    }
}
