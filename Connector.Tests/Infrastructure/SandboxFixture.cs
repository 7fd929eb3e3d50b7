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
public sealed class SandboxFixture : IAsyncDisposable
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

    public async Task<JsonElement> AdminGetAsync(string path)
    {
        using var response = await Http.GetAsync("admin/" + path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    public async Task<JsonElement> AdminSendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, "admin/" + path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} /admin/{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await JsonAsync(response);
    }

    public Task<JsonElement> SetFaultsAsync(object faults) => AdminSendAsync(HttpMethod.Put, "faults", faults);

    /// <summary>Moves the tenant to the sandbox's other host (<c>POST /admin/tenant/move</c>); returns the new API base.</summary>
    public async Task<Uri> MoveTenantAsync() => new((await AdminSendAsync(HttpMethod.Post, "tenant/move")).GetProperty("apiBaseUrl").GetString()!);

    /// <summary>Makes the JWTs the login host signs untrustworthy (<c>PUT /admin/tokens/faults</c>).</summary>
    public Task<JsonElement> SetTokenFaultsAsync(object faults) => AdminSendAsync(HttpMethod.Put, "tokens/faults", faults);

    public async Task<IReadOnlyList<JsonElement>> RequestsAsync() => [.. (await AdminGetAsync("requests")).EnumerateArray()];

    public async Task<IReadOnlyList<JsonElement>> DeliveriesAsync() => [.. (await AdminGetAsync("webhooks/deliveries")).EnumerateArray()];

    /// <summary>Waits until <paramref name="count"/> webhook deliveries match, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForDeliveriesAsync(Func<JsonElement, bool> match, int count = 1, TimeSpan? timeout = null) =>
        await Eventually.GetAsync(async () => (await DeliveriesAsync()).Where(match).ToList(), matching => matching.Count >= count,
            $"{count} matching webhook deliveries", timeout);

    /// <summary>Registers a webhook (the target must answer the test event with 200) and returns its JSON.</summary>
    /// <summary>The name <see cref="RegisterWebhookAsync"/> gives the webhook.</summary>
    public const string WebhookName = "sandbox test hook";

    public Task<JsonElement> SetWebhookFaultsAsync(object faults) => AdminSendAsync(HttpMethod.Put, "webhooks/faults", faults);

    public async Task<JsonElement> RegisterWebhookAsync(HttpClient api, Uri target, string? secret, params string[] events)
    {
        using var response = await api.PostAsJsonAsync("Webhook", new
        {
            Name = WebhookName,
            Events = events.Length == 0 ? ["contact.created", "contact.changed"] : events,
            TargetUrl = target.ToString(),
            Secret = secret,
            State = "Active",
            Type = "webhook",
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
