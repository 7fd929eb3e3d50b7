using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Sandbox;

/// <summary>The sandbox's webhook faults (<c>PUT /admin/webhooks/faults</c>) and re-activation by PUT with State Active.</summary>
public sealed class SandboxWebhookFaultsTests
{
    [Fact]
    public async Task An_outage_fails_every_delivery_without_reaching_the_target_until_TooManyErrors_and_PUT_Active_resumes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await SandboxFixture.StartAsync(o => o.WebhookRetryDelaysMs = [10, 10]);
        using var api = await sandbox.ApiClientAsync();
        var id = (await sandbox.RegisterWebhookAsync(api, receiver.Url, "s")).GetProperty("WebhookId").GetInt32();

        await sandbox.SetWebhookFaultsAsync(new { outageStatus = 503 });
        await sandbox.AdminSendAsync(HttpMethod.Post, "contacts", new { name = "Während Des Ausfalls" });
        await Eventually.TrueAsync(async () => (await api.GetFromJsonAsync<JsonElement>($"Webhook/{id}")).GetProperty("State").GetString() == "TooManyErrors",
            "the webhook is TooManyErrors");

        var failed = (await sandbox.DeliveriesAsync()).Where(d => d.GetProperty("event").GetString() == "contact.created").ToList();
        Assert.Equal(9, failed.Count); // three cycles of three attempts
        Assert.All(failed, d => Assert.Equal(503, d.GetProperty("status").GetInt32()));
        Assert.Single(receiver.Requests); // only the registration's test event reached the target
        Assert.Equal("HTTP 503 (sandbox outage switch)", await api.GetFromJsonAsync<string>($"Webhook/{id}/LastError"));

        await sandbox.SetWebhookFaultsAsync(new { endOutage = true });
        using var put = await api.PutAsJsonAsync($"Webhook/{id}", new { State = "Active" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await sandbox.AdminSendAsync(HttpMethod.Post, "contacts", new { name = "Nach Dem Ausfall" });
        await Eventually.TrueAsync(() => receiver.Requests.Count == 2, "the next event reached the target");
    }

    [Fact]
    public async Task Refused_rights_answer_403_and_hidden_secrets_answer_null()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        await sandbox.RegisterWebhookAsync(api, receiver.Url, "hush");

        await sandbox.SetWebhookFaultsAsync(new { hideSecrets = true });
        var listed = Assert.Single((await api.GetFromJsonAsync<JsonElement>("Webhook")).EnumerateArray());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("Secret").ValueKind);

        await sandbox.SetWebhookFaultsAsync(new { apiForbidden = true });
        using var refused = await api.GetAsync("Webhook");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Forbidden", (await SandboxFixture.JsonAsync(refused)).GetProperty("ErrorType").GetString());
    }
}
