using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Sandbox;

/// <summary>The login host's keys and the system user JWT and ticket as SuperOffice documents them.</summary>
public sealed class SandboxSigningTests
{
    private static async Task<JsonElement> JwksAsync(SandboxFixture sandbox) =>
        await SandboxFixture.JsonAsync(await sandbox.Http.GetAsync("login/.well-known/jwks"));

    private static async Task<string> SystemUserJwtAsync(SandboxFixture sandbox, RSA key, DateTimeOffset at)
    {
        var data = "SandboxApp-4711." + at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        var signed = data + "." + Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(data), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        using var response = await sandbox.Http.PostAsJsonAsync("Login/api/PartnerSystemUser/Authenticate", new
        {
            SignedSystemToken = signed, ApplicationToken = sandbox.Options.ClientSecret, ContextIdentifier = "Cust12345", ReturnTokenType = "JWT",
        });
        var answer = await SandboxFixture.JsonAsync(response);
        Assert.True(answer.GetProperty("IsSuccessful").GetBoolean(), answer.ToString());
        return answer.GetProperty("Token").GetString()!;
    }

    [Fact]
    public async Task The_metadata_names_the_login_host_as_issuer_and_its_jwks_under_login()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var metadata = await SandboxFixture.JsonAsync(await sandbox.Http.GetAsync("login/.well-known/openid-configuration"));

        Assert.Equal(sandbox.Server.BaseUrl.ToString().TrimEnd('/'), metadata.GetProperty("issuer").GetString());
        Assert.Equal(sandbox.Server.BaseUrl + "login/.well-known/jwks", metadata.GetProperty("jwks_uri").GetString());
        Assert.Equal("RS256", metadata.GetProperty("id_token_signing_alg_values_supported")[0].GetString());
    }

    [Fact]
    public async Task A_rotated_key_signs_new_tokens_and_the_old_key_is_no_longer_published()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var before = (await JwksAsync(sandbox)).GetProperty("keys")[0].GetProperty("kid").GetString();
        Assert.Equal(before, SandboxTokens.Header((await sandbox.RequestTokenAsync()).GetProperty("id_token").GetString()!).GetProperty("kid").GetString());

        var rotated = (await sandbox.AdminSendAsync(HttpMethod.Post, "keys/rotate")).GetProperty("keyId").GetString();

        Assert.NotEqual(before, rotated);
        var keys = (await JwksAsync(sandbox)).GetProperty("keys");
        Assert.Equal(rotated, Assert.Single(keys.EnumerateArray()).GetProperty("kid").GetString());
        Assert.Equal(rotated, SandboxTokens.Header((await sandbox.RequestTokenAsync()).GetProperty("id_token").GetString()!).GetProperty("kid").GetString());
    }

    [Fact]
    public async Task The_system_user_jwt_is_issued_by_SuperOffice_AS_for_spn_serial_and_expires_long_before_the_ticket()
    {
        using var key = RSA.Create(2048);
        await using var sandbox = await SandboxFixture.StartAsync(o => o.SystemUserPublicKeyPem = key.ExportSubjectPublicKeyInfoPem());

        var claims = SandboxTokens.Payload(await SystemUserJwtAsync(sandbox, key, DateTimeOffset.UtcNow));

        Assert.Equal("SuperOffice AS", claims.GetProperty("iss").GetString());
        Assert.Equal("spn:" + sandbox.Options.Serial, claims.GetProperty("aud").GetString());
        Assert.Equal(sandbox.Options.Serial, claims.GetProperty(SandboxTokens.Claim + "serial").GetString());
        Assert.Equal(sandbox.Options.SystemUserJwtLifetimeSeconds, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.True(sandbox.Options.SystemUserJwtLifetimeSeconds < sandbox.Options.TicketLifetimeMinutes * 60);
    }

    [Fact]
    public async Task A_ticket_lives_six_hours_after_its_last_use()
    {
        using var key = RSA.Create(2048);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sandbox = await SandboxFixture.StartAsync(o => o.SystemUserPublicKeyPem = key.ExportSubjectPublicKeyInfoPem(), time);
        var ticket = SandboxTokens.Payload(await SystemUserJwtAsync(sandbox, key, time.GetUtcNow())).GetProperty(SandboxTokens.Claim + "ticket").GetString()!;
        using var api = new HttpClient { BaseAddress = sandbox.V1 };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("SOTicket", ticket);
        api.DefaultRequestHeaders.Add("SO-AppToken", sandbox.Options.ClientSecret);
        async Task<HttpStatusCode> UseAsync() => (await api.GetAsync("User/currentPrincipal")).StatusCode;

        // Used every five hours, it outlives its first six hours...
        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromHours(5));
            Assert.Equal(HttpStatusCode.OK, await UseAsync());
        }
        // ...and six idle hours end it.
        time.Advance(TimeSpan.FromHours(6) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, await UseAsync());
    }
}
