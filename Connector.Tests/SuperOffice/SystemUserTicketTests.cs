using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.SuperOffice;

/// <summary>
/// The system user ticket is the credential, not the JWT it came in; it lives six hours after its last use and is
/// renewed only when SuperOffice refuses it (https://docs.superoffice.com/en/api/authentication/online/auth-application/index.html).
/// </summary>
public sealed class SystemUserTicketTests
{
    private static Task<ClientHarness> StartAsync(RSA key, TimeProvider? time = null) =>
        ClientHarness.StartAsync(o => o.SystemUserPublicKeyPem = key.ExportSubjectPublicKeyInfoPem(), ClientHarness.SystemUserSettings(key), time: time);

    [Fact]
    public async Task The_ticket_outlives_its_jwt_and_slides_with_use_and_is_renewed_only_after_six_idle_hours()
    {
        using var key = RSA.Create(2048);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await StartAsync(key, time);
        await h.Client.GetCurrentPrincipalAsync();
        Assert.Equal(1, await h.SystemUserSignInsAsync());

        // Past the JWT's exp (600 s in the sandbox): the ticket is still good, no sign-in.
        time.Advance(TimeSpan.FromSeconds(h.Sandbox.Options.SystemUserJwtLifetimeSeconds) + TimeSpan.FromMinutes(10));
        await h.Client.GetCurrentPrincipalAsync();
        // Used every five hours, it outlives its first six.
        time.Advance(TimeSpan.FromHours(5));
        await h.Client.GetCurrentPrincipalAsync();
        time.Advance(TimeSpan.FromHours(5));
        await h.Client.GetCurrentPrincipalAsync();
        Assert.Equal(1, await h.SystemUserSignInsAsync());

        // Six idle hours: renewed before the call, so SuperOffice never sees the stale ticket.
        time.Advance(TimeSpan.FromHours(6));
        await h.Client.GetCurrentPrincipalAsync();
        Assert.Equal(2, await h.SystemUserSignInsAsync());
        Assert.DoesNotContain(await h.RequestsAsync("/v1/User/currentPrincipal"), r => r.GetProperty("status").GetInt32() == 401);
        Assert.Equal(2, h.IssuedTokens.Distinct().Count());
    }

    [Fact]
    public async Task A_refused_ticket_costs_one_401_and_one_sign_in_shared_by_concurrent_callers()
    {
        using var key = RSA.Create(2048);
        await using var h = await StartAsync(key);
        await h.Client.GetCurrentPrincipalAsync();

        await h.Sandbox.AdminSendAsync(HttpMethod.Post, "tokens/expire");
        await h.ClearRequestsAsync();
        await h.Client.GetCurrentPrincipalAsync();
        var calls = (await h.RequestsAsync()).Where(r => !r.GetProperty("path").GetString()!.Contains("/.well-known/"))
            .Select(r => $"{r.GetProperty("path").GetString()} {r.GetProperty("status").GetInt32()}").ToList();
        Assert.Equal(["/Cust12345/api/v1/User/currentPrincipal 401", "/Login/api/PartnerSystemUser/Authenticate 200", "/Cust12345/api/v1/User/currentPrincipal 200"], calls);

        await h.Sandbox.AdminSendAsync(HttpMethod.Post, "tokens/expire");
        await h.ClearRequestsAsync();
        var principals = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => h.Client.GetCurrentPrincipalAsync())));

        Assert.All(principals, p => Assert.Equal(528, p.AssociateId));
        Assert.Equal(1, await h.SystemUserSignInsAsync());
        Assert.Equal(3, h.IssuedTokens.Count);
    }
}
