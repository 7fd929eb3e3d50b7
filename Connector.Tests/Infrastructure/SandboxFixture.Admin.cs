using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Connector.Tests.Infrastructure;

/// <summary>The admin shortcuts of <see cref="SandboxFixture"/>; they assert (xunit), so they live apart from the part the benchmarks link.</summary>
public sealed partial class SandboxFixture
{
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

    public Task<JsonElement> SetWebhookFaultsAsync(object faults) => AdminSendAsync(HttpMethod.Put, "webhooks/faults", faults);

    /// <summary>Registers a webhook (the target must answer the test event with 200) and returns its JSON.</summary>
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
}
