using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Connector.Sandbox;

namespace Connector.Tests.Infrastructure;

/// <summary>
/// A <see cref="SandboxServer"/> on a free loopback port, with an HttpClient and shortcuts for tokens, the REST
/// API and the admin endpoints. <c>await using var sandbox = await SandboxFixture.StartAsync(o => o.CompanyCount = 20);</c>
/// </summary>
public sealed partial class SandboxFixture : IAsyncDisposable
{
    private SandboxFixture(SandboxServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public SandboxServer Server { get; }

    /// <summary>A client on <see cref="SandboxServer.BaseUrl"/> without credentials.</summary>
    public HttpClient Http { get; }

    public SandboxOptions Options => Server.Options;

    /// <summary>The REST v1 base, "{ApiBaseUrl}v1/".</summary>
    public Uri V1 => new(Server.ApiBaseUrl, "v1/");

    /// <summary>
    /// Starts a small sandbox (20 companies, 50 sales) unless <paramref name="configure"/> says otherwise; its tokens
    /// and tickets follow <paramref name="time"/> (default: the system clock).
    /// </summary>
    public static async Task<SandboxFixture> StartAsync(Action<SandboxOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new SandboxOptions { CompanyCount = 20, SaleCount = 50 };
        configure?.Invoke(options);
        return new SandboxFixture(await SandboxServer.StartAsync(options, time ?? TimeProvider.System));
    }

    /// <summary>The connector's settings that point it at this sandbox (SuperOffice by refresh token, and Company Explorer).</summary>
    public Dictionary<string, string?> ConnectorSettings() => new()
    {
        ["SuperOffice:Environment"] = "sod",
        ["SuperOffice:LoginBaseUrl"] = Server.BaseUrl.ToString(),
        ["SuperOffice:ContextIdentifier"] = Options.ContextIdentifier,
        ["SuperOffice:ApiAssociateId"] = Options.ApiAssociateId.ToString(),
        ["SuperOffice:ClientId"] = Options.ClientId,
        ["SuperOffice:ClientSecret"] = Options.ClientSecret,
        ["SuperOffice:RefreshToken"] = Options.RefreshToken,
        ["SuperOffice:RedirectUri"] = "http://localhost/callback",
        ["CompanyExplorer:BaseUrl"] = Server.CompanyExplorerBaseUrl.ToString(),
        ["CompanyExplorer:ApiKey"] = Options.CompanyExplorerApiKey,
    };

    /// <summary>The refresh-token grant, form-encoded; returns the whole token answer.</summary>
    public async Task<JsonElement> RequestTokenAsync(string? refreshToken = null)
    {
        using var response = await Http.PostAsync("login/common/oauth/tokens", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
            ["refresh_token"] = refreshToken ?? Options.RefreshToken,
        }));
        return await JsonAsync(response);
    }

    public async Task<string> GetAccessTokenAsync() => (await RequestTokenAsync()).GetProperty("access_token").GetString()!;

    /// <summary>A client on "{ApiBaseUrl}v1/" sending <c>Authorization: Bearer</c> with a fresh access token.</summary>
    public async Task<HttpClient> ApiClientAsync() => ApiClient(await GetAccessTokenAsync());

    public HttpClient ApiClient(string accessToken)
    {
        var client = new HttpClient { BaseAddress = V1, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static HttpRequestMessage Patch(string path, string json, string contentType = "application/json") =>
        new(HttpMethod.Patch, path) { Content = new StringContent(json, Encoding.UTF8, contentType) };

    /// <summary>The name <see cref="RegisterWebhookAsync"/> gives the webhook.</summary>
    public const string WebhookName = "sandbox test hook";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
