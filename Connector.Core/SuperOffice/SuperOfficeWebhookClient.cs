using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Connector.Core.SuperOffice;

/// <summary>
/// <c>v1/Webhook</c>: list, get, create, update, re-activate (after <c>TooManyErrors</c>), and the last error.
/// Creating one makes SuperOffice POST a test event to the target URL, which must answer 200 (docs/superoffice/webhooks.md).
/// </summary>
public sealed class SuperOfficeWebhookClient(SuperOfficeHttp http, ILogger<SuperOfficeWebhookClient> logger)
{
    public async Task<IReadOnlyList<WebhookDefinition>> GetWebhooksAsync(CancellationToken cancellationToken = default)
    {
        using var document = await http.SendForJsonAsync(HttpMethod.Get, "v1/Webhook", null, cancellationToken).ConfigureAwait(false);
        if (JsonValues.ArrayOf(document.RootElement) is not { } array)
        {
            return [];
        }
        return array.EnumerateArray().Select(Read).OfType<WebhookDefinition>().ToArray();
    }

    public async Task<WebhookDefinition> GetWebhookAsync(int webhookId, CancellationToken cancellationToken = default)
    {
        using var document = await http.SendForJsonAsync(HttpMethod.Get, Path(webhookId), null, cancellationToken).ConfigureAwait(false);
        return Read(document.RootElement) ?? throw NotAWebhook(Path(webhookId));
    }

    public async Task<WebhookDefinition> CreateWebhookAsync(WebhookDefinition webhook, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(webhook with { WebhookId = 0 }, SuperOfficeJson.Default.WebhookDefinition);
        using var document = await http.SendForJsonAsync(HttpMethod.Post, "v1/Webhook", body, cancellationToken).ConfigureAwait(false);
        var created = Read(document.RootElement) ?? throw NotAWebhook("v1/Webhook");
        logger.LogInformation("Registered webhook {WebhookId} {Name} for {Events}", created.WebhookId, created.Name, string.Join(",", created.Events ?? []));
        return created;
    }

    /// <summary><c>PUT v1/Webhook/{id}</c> with the whole definition (properties we do not model ride along in <see cref="WebhookDefinition.Extra"/>).</summary>
    public async Task<WebhookDefinition> UpdateWebhookAsync(WebhookDefinition webhook, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(webhook, SuperOfficeJson.Default.WebhookDefinition);
        using var document = await http.SendForJsonAsync(HttpMethod.Put, Path(webhook.WebhookId), body, cancellationToken).ConfigureAwait(false);
        return Read(document.RootElement) ?? webhook;
    }

    /// <summary>Sets <c>State</c> back to <c>Active</c> (GET → change → PUT), e.g. after SuperOffice stopped it with <c>TooManyErrors</c>.</summary>
    public async Task<WebhookDefinition> ActivateWebhookAsync(int webhookId, CancellationToken cancellationToken = default)
    {
        var webhook = await GetWebhookAsync(webhookId, cancellationToken).ConfigureAwait(false);
        if (string.Equals(webhook.State, WebhookDefinition.Active, StringComparison.OrdinalIgnoreCase))
        {
            return webhook;
        }
        logger.LogInformation("Re-activating webhook {WebhookId} (was {State})", webhookId, webhook.State);
        return await UpdateWebhookAsync(webhook with { State = WebhookDefinition.Active }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET v1/Webhook/{id}/LastError</c>: the error text (a JSON string is unquoted; anything else is returned as raw JSON), or null when there is none.</summary>
    public async Task<string?> GetWebhookLastErrorAsync(int webhookId, CancellationToken cancellationToken = default)
    {
        var text = await http.SendAsync(HttpMethod.Get, Path(webhookId) + "/LastError", null, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => document.RootElement.GetString() is { Length: > 0 } error ? error : null,
                _ => text,
            };
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static string Path(int webhookId) => "v1/Webhook/" + webhookId.ToString(CultureInfo.InvariantCulture);

    private static WebhookDefinition? Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        try
        {
            return element.Deserialize(SuperOfficeJson.Default.WebhookDefinition);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static SuperOfficeApiException NotAWebhook(string path) =>
        new($"SuperOffice's answer to {path} is not a webhook definition.", System.Net.HttpStatusCode.OK, null, isTransient: false);
}
