using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Sandbox;

public sealed class SandboxWebhookTests
{
    private const string Secret = "whsec-sandbox-ü-7";

    /// <summary>Independent of the sandbox's code: incremental HMAC over the received bytes.</summary>
    private static string ExpectedSignature(string secret, byte[] body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(body);
        return Convert.ToBase64String(hmac.GetHashAndReset());
    }

    private static Task<SandboxFixture> StartWithFastRetriesAsync(int failuresBeforeTooManyErrors) => SandboxFixture.StartAsync(o =>
    {
        o.WebhookRetryDelaysMs = [20, 40];
        o.WebhookFailuresBeforeTooManyErrors = failuresBeforeTooManyErrors;
    });

    private static Task WaitUntilAsync(Func<bool> condition, string what) => Eventually.TrueAsync(condition, what);

    [Fact]
    public async Task Registration_sends_a_signed_test_event_and_lists_the_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();

        var webhook = await sandbox.RegisterWebhookAsync(api, receiver.Url, Secret);

        var test = Assert.Single(receiver.Requests);
        Assert.Equal("test", test.Header("X-SuperOffice-Event"));
        Assert.Equal("true", test.Header("X-Hook-Test"));
        Assert.Equal(ExpectedSignature(Secret, test.Body), test.Header("X-SuperOffice-Signature"));
        Assert.Equal("test", test.Json.GetProperty("Event").GetString());
        Assert.Equal(0, test.Json.GetProperty("PrimaryKey").GetInt32());
        Assert.Equal("Active", webhook.GetProperty("State").GetString());
        var id = webhook.GetProperty("WebhookId").GetInt32();
        var listed = (await SandboxFixture.JsonAsync(await api.GetAsync("Webhook"))).EnumerateArray().Single();
        Assert.Equal(id, listed.GetProperty("WebhookId").GetInt32());
        Assert.Equal(receiver.Url.ToString(), (await SandboxFixture.JsonAsync(await api.GetAsync($"Webhook/{id}"))).GetProperty("TargetUrl").GetString());
    }

    [Fact]
    public async Task Registration_fails_when_the_target_does_not_answer_200()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 404);
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        using var response = await api.PostAsJsonAsync("Webhook", new { Name = "x", Events = new[] { "contact.changed" }, TargetUrl = receiver.Url.ToString(), State = "Active" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(receiver.Requests);
        Assert.Equal(0, (await SandboxFixture.JsonAsync(await api.GetAsync("Webhook"))).GetArrayLength());
    }

    [Fact]
    public async Task An_api_patch_sends_a_signed_contact_changed_naming_the_api_user_and_the_changed_columns()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        await sandbox.RegisterWebhookAsync(api, receiver.Url, Secret);

        using var patch = await api.SendAsync(SandboxFixture.Patch("Contact/3", """{"Name":"Größer Bau GmbH","UserDefinedFields":{"SuperOffice:5":"Construction"}}"""));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        await WaitUntilAsync(() => receiver.Requests.Count >= 2, "contact.changed");

        var received = receiver.Requests[1];
        Assert.Equal(ExpectedSignature(Secret, received.Body), received.Header("X-SuperOffice-Signature"));
        Assert.NotEqual(ExpectedSignature("another secret", received.Body), received.Header("X-SuperOffice-Signature"));
        Assert.StartsWith("NetServer-Webhook/", received.Header("User-Agent"));
        Assert.Equal("contact.changed", received.Header("X-SuperOffice-Event"));
        Assert.Equal("0", received.Header("X-SuperOffice-Retry"));
        var body = received.Json;
        Assert.Equal(received.Header("X-SuperOffice-EventId"), body.GetProperty("EventId").GetString());
        Assert.Equal(3, body.GetProperty("PrimaryKey").GetInt32());
        Assert.Equal("contact", body.GetProperty("Entity").GetString());
        Assert.Equal("Cust12345", body.GetProperty("ContextIdentifier").GetString());
        Assert.Equal(528, body.GetProperty("ChangedByAssociateId").GetInt32());
        var changes = body.GetProperty("Changes").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("name", changes);
        Assert.Contains("userdef_id", changes);
        Assert.Contains("updated_associate_id", changes);
        Assert.DoesNotContain("department", changes);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$", body.GetProperty("Timestamp").GetString());

        // A patch that changes nothing raises no event (recorded before the answer), so nothing is sent.
        var raised = (await sandbox.AdminGetAsync("webhooks/events")).GetArrayLength();
        using var same = await api.SendAsync(SandboxFixture.Patch("Contact/3", """{"Name":"Größer Bau GmbH"}"""));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(raised, (await sandbox.AdminGetAsync("webhooks/events")).GetArrayLength());
    }

    [Fact]
    public async Task Admin_edits_and_creates_are_made_by_a_person()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = await sandbox.ApiClientAsync();
        var hook = await sandbox.RegisterWebhookAsync(api, receiver.Url, secret: null);
        var webhookId = hook.GetProperty("WebhookId").GetInt32();

        await sandbox.AdminSendAsync(HttpMethod.Post, "contacts/2/edit", new { fields = new Dictionary<string, string> { ["Department"] = "Vertrieb Süd" } });
        var created = await sandbox.AdminSendAsync(HttpMethod.Post, "contacts", new { name = "Abenteuer Freizeit GmbH", url = "https://abenteuer.example", udfs = new Dictionary<string, string> { ["SuperOffice:1"] = "K-9" } });
        var newId = created.GetProperty("ContactId").GetInt32();

        var changed = (await sandbox.WaitForDeliveriesAsync(d => d.GetProperty("event").GetString() == "contact.changed")).Single();
        Assert.Equal(12, changed.GetProperty("changedByAssociateId").GetInt32());
        Assert.Equal(2, changed.GetProperty("primaryKey").GetInt32());
        Assert.Equal(webhookId, changed.GetProperty("webhookId").GetInt32());
        Assert.Equal(200, changed.GetProperty("status").GetInt32());
        var createdEvent = (await sandbox.WaitForDeliveriesAsync(d => d.GetProperty("event").GetString() == "contact.created")).Single();
        Assert.Equal(newId, createdEvent.GetProperty("primaryKey").GetInt32());
        Assert.Equal(12, createdEvent.GetProperty("changedByAssociateId").GetInt32());
        Assert.All(receiver.Requests, r => Assert.False(r.Headers.ContainsKey("X-SuperOffice-Signature")));

        await sandbox.AdminSendAsync(HttpMethod.Post, $"contacts/{newId}/edit", new { fields = new Dictionary<string, string> { ["Name"] = "X" }, associateId = 77 });
        Assert.Single(await sandbox.WaitForDeliveriesAsync(d => d.GetProperty("changedByAssociateId").GetInt32() == 77));
        var stored = await sandbox.AdminGetAsync($"contacts/{newId}");
        Assert.Equal("X", stored.GetProperty("Name").GetString());
        Assert.Equal("https://abenteuer.example", stored.GetProperty("Urls")[0].GetProperty("Value").GetString());
    }

    [Fact]
    public async Task Failed_deliveries_retry_within_a_cycle_then_requeue_with_a_new_event_id_until_TooManyErrors()
    {
        // The test event succeeds; every notification after it fails.
        await using var receiver = await WebhookReceiver.StartAsync(n => n == 1 ? 200 : 500);
        await using var sandbox = await StartWithFastRetriesAsync(failuresBeforeTooManyErrors: 6);
        using var api = await sandbox.ApiClientAsync();
        var id = (await sandbox.RegisterWebhookAsync(api, receiver.Url, Secret)).GetProperty("WebhookId").GetInt32();

        await api.SendAsync(SandboxFixture.Patch("Contact/1", """{"Department":"Retry"}"""));
        var failures = await sandbox.WaitForDeliveriesAsync(d => d.GetProperty("event").GetString() == "contact.changed", count: 6);
        await WaitUntilAsync(() => receiver.Requests.Count >= 7, "six notification attempts");

        var notifications = receiver.Requests.Skip(1).ToList();
        Assert.Equal(["0", "1", "2", "0", "1", "2"], notifications.Select(r => r.Header("X-SuperOffice-Retry")));
        var eventIds = notifications.Select(r => r.Header("X-SuperOffice-EventId")).ToList();
        Assert.Single(eventIds.Take(3).Distinct());
        Assert.Single(eventIds.Skip(3).Distinct());
        Assert.NotEqual(eventIds[0], eventIds[3]);
        Assert.All(failures, f => Assert.Equal(500, f.GetProperty("status").GetInt32()));
        Assert.Equal([1, 2, 3, 4, 5, 6], failures.Select(f => f.GetProperty("attempt").GetInt32()));

        var webhook = await SandboxFixture.JsonAsync(await api.GetAsync($"Webhook/{id}"));
        Assert.Equal("TooManyErrors", webhook.GetProperty("State").GetString());
        Assert.Contains("500", (await SandboxFixture.JsonAsync(await api.GetAsync($"Webhook/{id}/LastError"))).GetString());

        // A stopped webhook is given no more events (recorded before the answer), until it is set Active again.
        await api.SendAsync(SandboxFixture.Patch("Contact/1", """{"Department":"Ignored"}"""));
        var ignored = (await sandbox.AdminGetAsync("webhooks/events")).EnumerateArray().Last();
        Assert.Equal(1, ignored.GetProperty("contactId").GetInt32());
        Assert.Empty(ignored.GetProperty("queuedFor").EnumerateArray());
        Assert.Equal(7, receiver.Requests.Count);
        using var reactivate = await api.PutAsJsonAsync($"Webhook/{id}", new { State = "Active" });
        Assert.Equal("Active", (await SandboxFixture.JsonAsync(reactivate)).GetProperty("State").GetString());
    }

    [Fact]
    public async Task A_delivery_that_succeeds_on_retry_resets_the_errors()
    {
        await using var receiver = await WebhookReceiver.StartAsync(n => n is 2 or 3 or 5 or 6 ? 503 : 200);
        await using var sandbox = await StartWithFastRetriesAsync(failuresBeforeTooManyErrors: 3);
        using var api = await sandbox.ApiClientAsync();
        var id = (await sandbox.RegisterWebhookAsync(api, receiver.Url, null)).GetProperty("WebhookId").GetInt32();

        await api.SendAsync(SandboxFixture.Patch("Contact/1", """{"Department":"A"}"""));
        var deliveries = await sandbox.WaitForDeliveriesAsync(d => d.GetProperty("status").GetInt32() == 200 && d.GetProperty("event").GetString() == "contact.changed");
        Assert.Equal(3, deliveries.Single().GetProperty("attempt").GetInt32());

        // Two more failures reach the limit of 3 only if the earlier two still counted.
        await api.SendAsync(SandboxFixture.Patch("Contact/1", """{"Department":"B"}"""));
        await sandbox.WaitForDeliveriesAsync(d => d.GetProperty("status").GetInt32() == 200 && d.GetProperty("event").GetString() == "contact.changed", count: 2);
        Assert.Equal("Active", (await SandboxFixture.JsonAsync(await api.GetAsync($"Webhook/{id}"))).GetProperty("State").GetString());
    }

    [Fact]
    public async Task A_target_that_refuses_connections_is_recorded_as_status_0()
    {
        var port = Azurite.FreePort();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await SandboxFixture.StartAsync(o => o.WebhookRetryDelaysMs = [10]);
        using var api = await sandbox.ApiClientAsync();
        var id = (await sandbox.RegisterWebhookAsync(api, receiver.Url, null)).GetProperty("WebhookId").GetInt32();
        using var moved = await api.PutAsJsonAsync($"Webhook/{id}", new { TargetUrl = $"http://127.0.0.1:{port}/gone" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        await api.SendAsync(SandboxFixture.Patch("Contact/1", """{"Department":"Nowhere"}"""));
        var failure = (await sandbox.WaitForDeliveriesAsync(d => d.GetProperty("event").GetString() == "contact.changed")).First();
        Assert.Equal(0, failure.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(failure.GetProperty("error").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"Webhook/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"Webhook/{id}")).StatusCode);
    }
}
