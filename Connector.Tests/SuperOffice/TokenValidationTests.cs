using System.Security.Cryptography;
using Connector.Core.SuperOffice;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.SuperOffice;

/// <summary>
/// Every JWT from SuperOffice is validated before a claim is used
/// (https://docs.superoffice.com/en/api/authentication/online/validate-security-tokens.html): signature against the
/// keys of the metadata's jwks_uri, issuer, audience, lifetime. A refused token says what failed, never the token.
/// </summary>
public sealed class TokenValidationTests
{
    /// <summary>Every JWT starts with the base64url of <c>{"</c>.</summary>
    private const string JwtPrefix = "eyJ";

    private static async Task<SuperOfficeAuthenticationException> RefusedAsync(ClientHarness h)
    {
        var error = await Assert.ThrowsAsync<SuperOfficeAuthenticationException>(() => h.Client.GetContactAsync(1));
        Assert.False(error.IsTransient);
        Assert.DoesNotContain(JwtPrefix, error.ToString());
        Assert.DoesNotContain(JwtPrefix, h.Logs.AllText);
        Assert.Empty(await h.RequestsAsync("/Cust12345/api/"));
        return error;
    }

    [Fact]
    public async Task A_tampered_id_token_is_refused_and_the_address_it_names_is_never_called()
    {
        await using var elsewhere = await SandboxFixture.StartAsync();
        await using var h = await ClientHarness.StartAsync();
        await h.Sandbox.SetTokenFaultsAsync(new { tamperedWebApiUrl = elsewhere.Server.ApiBaseUrl.ToString() });

        var error = await RefusedAsync(h);

        Assert.Contains("id_token", error.Message);
        Assert.Contains("signature does not verify", error.Message);
        Assert.Empty(await elsewhere.RequestsAsync());
        Assert.Empty(h.IssuedTokens);
    }

    [Fact]
    public async Task An_id_token_signed_with_a_foreign_key_is_refused()
    {
        await using var h = await ClientHarness.StartAsync();
        await h.Sandbox.SetTokenFaultsAsync(new { foreignKey = true });

        var error = await RefusedAsync(h);

        Assert.Contains("signature does not verify", error.Message);
        Assert.Contains("/login/.well-known/jwks", error.Message);
    }

    [Theory]
    [InlineData("audience", "someone-else", "audience 'someone-else' is not 'sandbox-client'")]
    [InlineData("issuer", "https://login.example.invalid", "issuer 'https://login.example.invalid' is not")]
    [InlineData("lifetimeSeconds", "-3600", "expired at")]
    public async Task An_id_token_with_the_wrong_audience_issuer_or_lifetime_is_refused(string fault, string value, string expected)
    {
        await using var h = await ClientHarness.StartAsync();
        await h.Sandbox.SetTokenFaultsAsync(fault == "lifetimeSeconds"
            ? new Dictionary<string, object> { [fault] = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) }
            : new Dictionary<string, object> { [fault] = value });

        var error = await RefusedAsync(h);

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task A_rotated_signing_key_is_followed_with_one_metadata_refresh()
    {
        await using var h = await ClientHarness.StartAsync();
        await h.Client.GetContactAsync(1);
        Assert.Single(await h.RequestsAsync("/login/.well-known/openid-configuration"));

        await h.Sandbox.AdminSendAsync(HttpMethod.Post, "keys/rotate");
        await h.Sandbox.AdminSendAsync(HttpMethod.Post, "tokens/expire");
        Assert.Equal(2, (await h.Client.GetContactAsync(2)).ContactId);
        Assert.Equal(3, (await h.Client.GetContactAsync(3)).ContactId);

        Assert.Equal(2, (await h.RequestsAsync("/login/.well-known/openid-configuration")).Count);
        Assert.Equal(2, (await h.RequestsAsync("/login/.well-known/jwks")).Count);
        Assert.Equal(2, await h.TokenCallsAsync());
    }

    [Fact]
    public async Task A_token_signed_with_an_unpublished_key_id_is_refused_after_one_metadata_refresh()
    {
        await using var h = await ClientHarness.StartAsync();
        await h.Client.GetContactAsync(1);
        await h.Sandbox.AdminSendAsync(HttpMethod.Post, "keys/rotate");
        await h.Sandbox.AdminSendAsync(HttpMethod.Post, "tokens/expire");
        await h.ClearRequestsAsync();
        // The next tokens name the new key id but carry another key's signature.
        await h.Sandbox.SetTokenFaultsAsync(new { foreignKey = true });

        var error = await Assert.ThrowsAsync<SuperOfficeAuthenticationException>(() => h.Client.GetContactAsync(2));

        Assert.Contains("signature does not verify", error.Message);
        Assert.Single(await h.RequestsAsync("/login/.well-known/openid-configuration"));
        Assert.DoesNotContain(await h.RequestsAsync("/Cust12345/api/"), r => r.GetProperty("status").GetInt32() == 200);
    }

    [Theory]
    [InlineData("tamperedWebApiUrl", "signature does not verify")]
    [InlineData("audience", "audience 'sandbox-client' is not 'spn:1801550193'")]
    public async Task A_system_user_token_that_does_not_validate_is_refused(string fault, string expected)
    {
        using var key = RSA.Create(2048);
        await using var h = await ClientHarness.StartAsync(o => o.SystemUserPublicKeyPem = key.ExportSubjectPublicKeyInfoPem(), ClientHarness.SystemUserSettings(key));
        await h.Sandbox.SetTokenFaultsAsync(new Dictionary<string, object> { [fault] = fault == "audience" ? "sandbox-client" : "http://127.0.0.1:9/Cust12345/api/" });

        var error = await RefusedAsync(h);

        Assert.Contains("system user token", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Empty(h.IssuedTokens);
    }

    [Theory]
    [InlineData("https://sod.superoffice.com/login/.well-known/jwks", "https://sod.superoffice.com/", true)]
    [InlineData("http://sod.superoffice.com/login/.well-known/jwks", "https://sod.superoffice.com/", false)]
    [InlineData("http://127.0.0.1:5080/login/.well-known/jwks", "http://127.0.0.1:5080/", true)]
    [InlineData("http://localhost:5080/login/.well-known/jwks", "https://sod.superoffice.com/", true)]
    [InlineData("http://emulator.test:8080/login/.well-known/jwks", "http://emulator.test:8080/", true)]
    [InlineData("http://keys.example.invalid/jwks", "http://emulator.test:8080/", false)]
    [InlineData("ftp://sod.superoffice.com/jwks", "https://sod.superoffice.com/", false)]
    public void Keys_are_read_over_https_only_except_on_loopback_or_an_http_login_base(string address, string loginBase, bool allowed) =>
        Assert.Equal(allowed, SuperOfficeMetadataRetriever.IsAllowed(new Uri(address), new Uri(loginBase)));
}
