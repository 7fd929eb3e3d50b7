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

public sealed class SandboxAuthTests
{
    private const string Claim = "http://schemes.superoffice.net/identity/";

    private static JsonElement JwtPayload(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        payload += new string('=', (4 - payload.Length % 4) % 4);
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.Clone();
    }

    [Fact]
    public async Task Refresh_grant_answers_a_bearer_token_and_an_id_token_pointing_at_the_sandbox()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var token = await sandbox.RequestTokenAsync();

        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal(3600, token.GetProperty("expires_in").GetInt32());
        var claims = JwtPayload(token.GetProperty("id_token").GetString()!);
        Assert.Equal(sandbox.Server.ApiBaseUrl.ToString(), claims.GetProperty(Claim + "webapi_url").GetString());
        Assert.Equal("Cust12345", claims.GetProperty(Claim + "ctx").GetString());
        Assert.Equal("528", claims.GetProperty(Claim + "associateid").GetString());
        Assert.EndsWith("/Cust12345/api/", sandbox.Server.ApiBaseUrl.ToString());
    }

    [Fact]
    public async Task The_id_token_verifies_against_the_published_jwks_key()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var jwt = (await sandbox.RequestTokenAsync()).GetProperty("id_token").GetString()!;
        var discovery = await SandboxFixture.JsonAsync(await sandbox.Http.GetAsync("login/.well-known/openid-configuration"));
        var jwks = await SandboxFixture.JsonAsync(await sandbox.Http.GetAsync(discovery.GetProperty("jwks_uri").GetString()));
        var key = jwks.GetProperty("keys")[0];
        static byte[] FromBase64Url(string text)
        {
            text = text.Replace('-', '+').Replace('_', '/');
            return Convert.FromBase64String(text + new string('=', (4 - text.Length % 4) % 4));
        }
        using var rsa = RSA.Create(new RSAParameters { Modulus = FromBase64Url(key.GetProperty("n").GetString()!), Exponent = FromBase64Url(key.GetProperty("e").GetString()!) });
        var parts = jwt.Split('.');
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        Assert.True(rsa.VerifyData(signed, FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.False(rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + ".x"), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(discovery.GetProperty("issuer").GetString(), JwtPayload(jwt).GetProperty("iss").GetString());
        Assert.Equal("sandbox-client", JwtPayload(jwt).GetProperty("aud").GetString());
    }

    [Fact]
    public async Task Token_parameters_in_the_query_string_are_accepted_and_expires_in_can_be_a_string()
    {
        await using var sandbox = await SandboxFixture.StartAsync(o => o.ExpiresInAsString = true);
        var o = sandbox.Options;
        using var response = await sandbox.Http.PostAsync(
            $"login/common/oauth/tokens?grant_type=refresh_token&client_id={o.ClientId}&client_secret={o.ClientSecret}&refresh_token={o.RefreshToken}", null);
        var token = await SandboxFixture.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3600", token.GetProperty("expires_in").GetString());
    }

    [Fact]
    public async Task A_wrong_refresh_token_is_an_invalid_grant()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var response = await sandbox.Http.PostAsync("login/common/oauth/tokens", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = "sandbox-client", ["client_secret"] = "sandbox-client-secret", ["refresh_token"] = "stolen",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (await SandboxFixture.JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Missing_and_unknown_tokens_get_401_with_WWW_Authenticate()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var anonymous = await sandbox.Http.GetAsync(new Uri(sandbox.V1, "Contact/1"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.NotEmpty(anonymous.Headers.WwwAuthenticate);

        using var api = sandbox.ApiClient("8A:Cust12345.made-up");
        using var unknown = await api.GetAsync("Contact/1");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("Bearer", unknown.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task An_access_token_expires_after_its_lifetime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sandbox = await SandboxFixture.StartAsync(o => o.AccessTokenLifetimeSeconds = 1, time);
        using var api = await sandbox.ApiClientAsync();
        using var fresh = await api.GetAsync("Contact/1");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);

        time.Advance(TimeSpan.FromSeconds(1.5));
        using var expired = await api.GetAsync("Contact/1");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task Admin_expire_ends_every_token_and_a_refreshed_one_works()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("User/currentPrincipal")).StatusCode);

        await sandbox.AdminSendAsync(HttpMethod.Post, "tokens/expire");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("User/currentPrincipal")).StatusCode);

        using var refreshed = await sandbox.ApiClientAsync();
        var principal = await SandboxFixture.JsonAsync(await refreshed.GetAsync("User/currentPrincipal"));
        Assert.Equal(528, principal.GetProperty("AssociateId").GetInt32());
    }

    private static string Sign(RSA key, string systemUserToken, DateTime at)
    {
        var data = systemUserToken + "." + at.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        return data + "." + Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(data), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private static async Task<JsonElement> AuthenticateAsync(SandboxFixture sandbox, string signed, string? appToken = null)
    {
        using var response = await sandbox.Http.PostAsJsonAsync("Login/api/PartnerSystemUser/Authenticate", new
        {
            SignedSystemToken = signed,
            ApplicationToken = appToken ?? sandbox.Options.ClientSecret,
            ContextIdentifier = sandbox.Options.ContextIdentifier,
            ReturnTokenType = "JWT",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SandboxFixture.JsonAsync(response);
    }

    [Fact]
    public async Task System_user_sign_in_verifies_the_signature_and_the_ticket_works_with_SO_AppToken()
    {
        using var key = RSA.Create(2048);
        await using var sandbox = await SandboxFixture.StartAsync(o => o.SystemUserPublicKeyPem = key.ExportSubjectPublicKeyInfoPem());

        var result = await AuthenticateAsync(sandbox, Sign(key, "SandboxApp-4711", DateTime.UtcNow));
        Assert.True(result.GetProperty("IsSuccessful").GetBoolean(), result.ToString());
        var ticket = JwtPayload(result.GetProperty("Token").GetString()!).GetProperty(Claim + "ticket").GetString()!;
        Assert.StartsWith("7T:", ticket);

        using var api = new HttpClient { BaseAddress = sandbox.V1 };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("SOTicket", ticket);
        using var withoutAppToken = await api.GetAsync("User/currentPrincipal");
        Assert.Equal(HttpStatusCode.Unauthorized, withoutAppToken.StatusCode);

        api.DefaultRequestHeaders.Add("SO-AppToken", sandbox.Options.ClientSecret);
        using var principal = await api.GetAsync("User/currentPrincipal");
        Assert.Equal(HttpStatusCode.OK, principal.StatusCode);
        Assert.Equal(528, (await SandboxFixture.JsonAsync(principal)).GetProperty("AssociateId").GetInt32());

        await sandbox.AdminSendAsync(HttpMethod.Post, "tokens/expire");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("User/currentPrincipal")).StatusCode);
        Assert.Contains(await sandbox.RequestsAsync(), r => r.GetProperty("auth").GetString() == "SOTicket");
    }

    [Fact]
    public async Task System_user_sign_in_refuses_another_key_a_stale_timestamp_and_a_wrong_app_token()
    {
        using var key = RSA.Create(2048);
        using var other = RSA.Create(2048);
        await using var sandbox = await SandboxFixture.StartAsync(o => o.SystemUserPublicKeyPem = key.ExportSubjectPublicKeyInfoPem());

        Assert.False((await AuthenticateAsync(sandbox, Sign(other, "SandboxApp-4711", DateTime.UtcNow))).GetProperty("IsSuccessful").GetBoolean());
        Assert.False((await AuthenticateAsync(sandbox, Sign(key, "SandboxApp-4711", DateTime.UtcNow.AddMinutes(-15)))).GetProperty("IsSuccessful").GetBoolean());
        Assert.False((await AuthenticateAsync(sandbox, Sign(key, "OtherApp-1", DateTime.UtcNow))).GetProperty("IsSuccessful").GetBoolean());
        var wrongApp = await AuthenticateAsync(sandbox, Sign(key, "SandboxApp-4711", DateTime.UtcNow), appToken: "nope");
        Assert.False(wrongApp.GetProperty("IsSuccessful").GetBoolean());
        Assert.False(string.IsNullOrEmpty(wrongApp.GetProperty("ErrorMessage").GetString()));
        Assert.True((await AuthenticateAsync(sandbox, Sign(key, "SandboxApp-4711", DateTime.UtcNow.AddMinutes(-5)))).GetProperty("IsSuccessful").GetBoolean());
    }
}
