using System.Security.Cryptography;
using Connector.Core.SuperOffice;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.SuperOffice;

/// <summary>Refresh-token and system-user sign-in against the sandbox over HTTP.</summary>
public sealed class SuperOfficeAuthTests
{
    [Fact]
    public async Task One_token_serves_many_calls_and_travels_in_the_form_body()
    {
        await using var h = await ClientHarness.StartAsync();
        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(i, (await h.Client.GetContactAsync(i)).ContactId);
        }

        var token = Assert.Single(await h.RequestsAsync("/login/common/oauth/tokens"));
        Assert.Equal("POST", token.GetProperty("method").GetString());
        Assert.Equal("", token.GetProperty("query").GetString());
        Assert.All(await h.RequestsAsync("/v1/Contact/"), r => Assert.Equal("Bearer", r.GetProperty("auth").GetString()));
    }

    [Fact]
    public async Task Fifty_concurrent_calls_share_one_sign_in_and_one_renewal()
    {
        await using var h = await ClientHarness.StartAsync();

        var contacts = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => h.Client.GetContactAsync(1 + i % 20)));
        Assert.Equal(50, contacts.Length);
        Assert.Equal(1, await h.TokenCallsAsync());

        // Every token the sandbox issued expires: the next 50 concurrent calls get 401s, and share one renewal.
        await h.Sandbox.AdminSendAsync(HttpMethod.Post, "tokens/expire");
        await h.ClearRequestsAsync();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => h.Client.GetContactAsync(1 + i % 20)));

        Assert.Equal(1, await h.TokenCallsAsync());
        var answers = (await h.RequestsAsync("/v1/Contact/")).Select(r => r.GetProperty("status").GetInt32()).ToList();
        Assert.Equal(50, answers.Count(s => s == 200));
        Assert.All(answers, s => Assert.True(s is 200 or 401));
    }

    [Fact]
    public async Task A_token_that_expires_mid_run_is_renewed_before_use()
    {
        // expires_in "2" (a string): renewed a tenth of its life early, so no call meets a 401.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await ClientHarness.StartAsync(o => { o.AccessTokenLifetimeSeconds = 2; o.ExpiresInAsString = true; }, time: time);
        await h.Client.GetContactAsync(1);
        time.Advance(TimeSpan.FromSeconds(2.1));
        await h.Client.GetContactAsync(2);

        Assert.Equal(2, await h.TokenCallsAsync());
        Assert.DoesNotContain(await h.RequestsAsync("/v1/"), r => r.GetProperty("status").GetInt32() == 401);
    }

    [Fact]
    public async Task A_token_refused_mid_run_is_renewed_once_and_the_call_retried_once()
    {
        await using var h = await ClientHarness.StartAsync();
        await h.Client.GetContactAsync(1);
        await h.Sandbox.AdminSendAsync(HttpMethod.Post, "tokens/expire");
        await h.ClearRequestsAsync();

        Assert.Equal(2, (await h.Client.GetContactAsync(2)).ContactId);

        var calls = (await h.RequestsAsync()).Select(r => $"{r.GetProperty("method").GetString()} {r.GetProperty("status").GetInt32()}").ToList();
        Assert.Equal(["GET 401", "POST 200", "GET 200"], calls);
    }

    [Fact]
    public async Task A_refused_refresh_token_fails_naming_the_settings_without_the_secret()
    {
        await using var h = await ClientHarness.StartAsync(settings: new() { ["SuperOffice:RefreshToken"] = "revoked-refresh-token-000" });

        var error = await Assert.ThrowsAsync<SuperOfficeAuthenticationException>(() => h.Client.GetContactAsync(1));
        Assert.Contains("SuperOffice:RefreshToken", error.Message);
        Assert.Contains("invalid_grant", error.Message);
        Assert.False(error.IsTransient);
        Assert.DoesNotContain("revoked-refresh-token-000", error.ToString());
        Assert.DoesNotContain(h.Sandbox.Options.ClientSecret, error.ToString());
        Assert.Equal(1, await h.TokenCallsAsync());
    }

    [Fact]
    public async Task System_user_signs_in_with_a_signed_token_and_sends_ticket_and_app_token()
    {
        using var rsa = RSA.Create(2048);
        await using var h = await ClientHarness.StartAsync(
            o => o.SystemUserPublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem(),
            new()
            {
                ["SuperOffice:AuthMode"] = "SystemUser",
                ["SuperOffice:ClientId"] = null,
                ["SuperOffice:RefreshToken"] = null,
                ["SuperOffice:SystemUserToken"] = "SandboxApp-4711",
                ["SuperOffice:PrivateKey"] = rsa.ExportPkcs8PrivateKeyPem(),
            });

        var principal = await h.Client.GetCurrentPrincipalAsync();
        Assert.Equal(528, principal.AssociateId);
        Assert.Single(await h.RequestsAsync("/Login/api/PartnerSystemUser/Authenticate"));
        Assert.Empty(await h.RequestsAsync("/login/common/oauth/tokens"));
        // The sandbox refuses SOTicket calls without the right SO-AppToken, so a 200 proves both headers.
        var call = Assert.Single(await h.RequestsAsync("/v1/User/currentPrincipal"));
        Assert.Equal(("SOTicket", 200), (call.GetProperty("auth").GetString(), call.GetProperty("status").GetInt32()));
        Assert.StartsWith("7T:", Assert.Single(h.IssuedTokens));

        // An expired ticket is renewed on the 401.
        await h.Sandbox.AdminSendAsync(HttpMethod.Post, "tokens/expire");
        Assert.Equal(528, (await h.Client.GetCurrentPrincipalAsync()).AssociateId);
        Assert.Equal(2, (await h.RequestsAsync("/Login/api/PartnerSystemUser/Authenticate")).Count);
    }

    [Fact]
    public async Task System_user_with_the_wrong_key_is_refused_with_superoffices_reason()
    {
        using var registered = RSA.Create(2048);
        using var other = RSA.Create(2048);
        await using var h = await ClientHarness.StartAsync(
            o => o.SystemUserPublicKeyPem = registered.ExportSubjectPublicKeyInfoPem(),
            new()
            {
                ["SuperOffice:AuthMode"] = "SystemUser",
                ["SuperOffice:SystemUserToken"] = "SandboxApp-4711",
                ["SuperOffice:PrivateKey"] = other.ToXmlString(includePrivateParameters: true),
            });

        var error = await Assert.ThrowsAsync<SuperOfficeAuthenticationException>(() => h.Client.GetCurrentPrincipalAsync());
        Assert.Contains("signature does not verify", error.Message);
        Assert.Contains("SuperOffice:PrivateKey", error.Message);
    }
}
