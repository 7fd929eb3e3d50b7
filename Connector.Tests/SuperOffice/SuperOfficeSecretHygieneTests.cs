using Connector.Core.SuperOffice;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.SuperOffice;

/// <summary>
/// A full run (sign-in, reads, writes, paging, webhooks, a refused token, throttling, client and server errors) with
/// every log line captured down to Trace: no secret and no token may appear in the logs or in an exception.
/// </summary>
public sealed class SuperOfficeSecretHygieneTests
{
    [Fact]
    public async Task No_secret_or_token_reaches_the_logs_or_exception_messages()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var h = await ClientHarness.StartAsync(o => o.SaleCount = 450, new() { ["SuperOffice:Http:MaxRetryAttempts"] = "2" });
        var errors = new List<Exception>();

        await h.Client.GetCurrentPrincipalAsync();
        var layout = await h.Client.GetContactUdefLayoutAsync();
        await h.Client.PatchUserDefinedFieldsAsync(1, UserDefinedFieldsWriter.EncodeAll(layout, new Dictionary<string, string?> { ["Region"] = "2" }));
        await foreach (var _ in h.Archive.GetSalesAsync(new ArchiveQuery { Select = ["saleId"], PageSize = 100 }))
        {
        }
        var hook = await h.Webhooks.CreateWebhookAsync(new WebhookDefinition
        {
            Name = "hygiene", Events = ["contact.changed"], TargetUrl = receiver.Url.ToString(), Secret = "whsec-hygiene-5678", State = "Active",
        });
        await h.Webhooks.ActivateWebhookAsync(hook.WebhookId);

        await h.Sandbox.AdminSendAsync(HttpMethod.Post, "tokens/expire");
        await h.Client.GetContactAsync(2);

        errors.Add(await Assert.ThrowsAnyAsync<SuperOfficeApiException>(() => h.Client.PatchUserDefinedFieldsAsync(1, new Dictionary<string, string?> { ["Nope:1"] = "x" })));
        await h.Sandbox.SetFaultsAsync(new { throttleShare = 1.0, retryAfterSeconds = 0 });
        errors.Add(await Assert.ThrowsAnyAsync<SuperOfficeApiException>(() => h.Client.GetContactAsync(3)));
        await h.Sandbox.SetFaultsAsync(new { throttleShare = 0.0, serverErrorShare = 1.0 });
        errors.Add(await Assert.ThrowsAnyAsync<SuperOfficeApiException>(() => h.Client.GetContactAsync(4)));
        await h.Sandbox.SetFaultsAsync(new { serverErrorShare = 0.0, tenantState = "OfflineMaintenance" });
        errors.Add(await Assert.ThrowsAnyAsync<SuperOfficeApiException>(() => h.Client.GetContactAsync(5)));

        await using var refused = await ClientHarness.StartAsync(settings: new() { ["SuperOffice:RefreshToken"] = "revoked-refresh-token-4242" });
        errors.Add(await Assert.ThrowsAnyAsync<SuperOfficeApiException>(() => refused.Client.GetContactAsync(1)));

        var secrets = new List<string>
        {
            h.Sandbox.Options.ClientSecret, h.Sandbox.Options.RefreshToken, "revoked-refresh-token-4242", "whsec-hygiene-5678",
        };
        secrets.AddRange(h.IssuedTokens);
        secrets.AddRange(refused.IssuedTokens);
        Assert.True(h.IssuedTokens.Count >= 2, "the run should have signed in twice");

        var logs = h.Logs.AllText + "\n" + refused.Logs.AllText;
        Assert.Contains("Sending HTTP request", logs);
        Assert.Contains("v1/Contact", logs);
        var thrown = string.Join("\n", errors.Select(e => e.ToString()));
        foreach (var secret in secrets)
        {
            Assert.False(logs.Contains(secret, StringComparison.Ordinal), $"a secret ({secret[..4]}…) is in the logs");
            Assert.False(thrown.Contains(secret, StringComparison.Ordinal), $"a secret ({secret[..4]}…) is in an exception");
        }
        // Token-shaped text never appears either (access tokens are "8A:Cust12345.…").
        Assert.DoesNotContain("8A:Cust12345.", logs);
        Assert.DoesNotContain("Authorization: Bearer", logs);
    }
}
