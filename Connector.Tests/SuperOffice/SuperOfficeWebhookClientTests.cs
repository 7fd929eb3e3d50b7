using Connector.Core.SuperOffice;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.SuperOffice;

/// <summary>Webhook definitions through the client: register (the target answers the test event), list, get, update, re-activate, last error.</summary>
public sealed class SuperOfficeWebhookClientTests
{
    [Fact]
    public async Task A_webhook_is_registered_listed_stopped_reactivated_and_its_last_error_read()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var h = await ClientHarness.StartAsync();

        var created = await h.Webhooks.CreateWebhookAsync(new WebhookDefinition
        {
            Name = "enrichment connector",
            Events = ["contact.created", "contact.changed"],
            TargetUrl = receiver.Url.ToString(),
            Secret = "whsec-client-test-1234",
            State = WebhookDefinition.Active,
        });
        Assert.True(created.WebhookId > 0);
        Assert.Contains(receiver.Requests, r => r.Header("X-SuperOffice-Event") == "test");

        Assert.Contains(await h.Webhooks.GetWebhooksAsync(), w => w.WebhookId == created.WebhookId && w.Name == "enrichment connector");
        var fetched = await h.Webhooks.GetWebhookAsync(created.WebhookId);
        Assert.Equal(["contact.created", "contact.changed"], fetched.Events);

        var stopped = await h.Webhooks.UpdateWebhookAsync(fetched with { State = "Stopped" });
        Assert.Equal("Stopped", stopped.State);
        Assert.Equal("Stopped", (await h.Webhooks.GetWebhookAsync(created.WebhookId)).State);

        var active = await h.Webhooks.ActivateWebhookAsync(created.WebhookId);
        Assert.Equal(WebhookDefinition.Active, active.State);
        Assert.Equal(fetched.Name, active.Name);
        Assert.Equal(fetched.TargetUrl, active.TargetUrl);

        var lastError = await h.Webhooks.GetWebhookLastErrorAsync(created.WebhookId);
        Assert.True(lastError is null || lastError.Length > 0);
    }

    [Fact]
    public async Task A_target_that_fails_the_test_event_is_refused_with_a_typed_error()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 500);
        await using var h = await ClientHarness.StartAsync();

        var error = await Assert.ThrowsAsync<SuperOfficeApiException>(() => h.Webhooks.CreateWebhookAsync(new WebhookDefinition
        {
            Name = "broken target",
            Events = ["contact.changed"],
            TargetUrl = receiver.Url.ToString(),
            State = WebhookDefinition.Active,
        }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.False(error.IsTransient);
    }
}
