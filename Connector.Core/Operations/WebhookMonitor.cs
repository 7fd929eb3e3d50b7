using Connector.Core.SuperOffice;
using Microsoft.Extensions.Logging;

namespace Connector.Core.Operations;

/// <summary>
/// The tenant's webhooks with their health (docs/superoffice/webhooks.md): <c>GET v1/Webhook</c> for the state, the
/// Webhook archive (<c>GET v1/Archive/Webhook</c>, columns <c>webhookUsage/*</c>) for the error counters and the last
/// error; and re-activation of one that SuperOffice stopped with <c>TooManyErrors</c>.
/// </summary>
public sealed class WebhookMonitor(SuperOfficeWebhookClient webhooks, SuperOfficeArchiveClient archives, ILogger<WebhookMonitor> logger)
{
    public const string ArchivePath = "v1/Archive/Webhook";

    private static readonly ArchiveQuery UsageQuery = new()
    {
        Select =
        [
            "webhookId", "webhookUsage/consecutiveErrors", "webhookUsage/totalCalls", "webhookUsage/totalErrors",
            "webhookUsage/lastError", "webhookUsage/lastEvent",
        ],
        OrderBy = "webhookId",
        PageSize = 200,
        Limit = 1000,
    };

    public async Task<IReadOnlyList<WebhookHealth>> GetAsync(CancellationToken cancellationToken = default)
    {
        var definitions = await webhooks.GetWebhooksAsync(cancellationToken).ConfigureAwait(false);
        var usage = await ReadUsageAsync(cancellationToken).ConfigureAwait(false);
        var health = new List<WebhookHealth>();
        foreach (var webhook in definitions.OrderBy(w => w.WebhookId))
        {
            var row = usage?.GetValueOrDefault(webhook.WebhookId);
            var lastError = row?.LastError;
            if (usage is null)
            {
                lastError = await webhooks.GetWebhookLastErrorAsync(webhook.WebhookId, cancellationToken).ConfigureAwait(false);
            }
            health.Add(new WebhookHealth(webhook.WebhookId, webhook.Name, webhook.State, webhook.Events ?? [], Configuration.SecretUrl.Mask(webhook.TargetUrl),
                string.IsNullOrWhiteSpace(lastError) ? null : lastError, row?.ConsecutiveErrors, row?.TotalCalls, row?.TotalErrors, row?.LastEvent));
        }
        return health;
    }

    /// <summary>Sets the webhook back to <c>Active</c> and returns it as it is then (null when there is no such webhook).</summary>
    public async Task<WebhookHealth?> ReactivateAsync(int webhookId, CancellationToken cancellationToken = default)
    {
        try
        {
            await webhooks.ActivateWebhookAsync(webhookId, cancellationToken).ConfigureAwait(false);
        }
        catch (SuperOfficeApiException e) when (e.IsNotFound)
        {
            return null;
        }
        return (await GetAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(w => w.WebhookId == webhookId);
    }

    /// <summary>The usage rows by webhook id; null when the archive cannot be read (then the state and LastError still show).</summary>
    private async Task<Dictionary<int, WebhookUsage>?> ReadUsageAsync(CancellationToken cancellationToken)
    {
        try
        {
            var usage = new Dictionary<int, WebhookUsage>();
            await foreach (var row in archives.QueryAsync(ArchivePath, UsageQuery, cancellationToken).ConfigureAwait(false))
            {
                if ((row.GetInt("webhookId") ?? row.PrimaryKey) is { } id)
                {
                    usage[id] = new WebhookUsage(row.GetInt("webhookUsage/consecutiveErrors"), row.GetInt("webhookUsage/totalCalls"),
                        row.GetInt("webhookUsage/totalErrors"), row.GetText("webhookUsage/lastError"), row.GetDate("webhookUsage/lastEvent"));
                }
            }
            return usage;
        }
        catch (SuperOfficeApiException e) when (!e.IsTransient)
        {
            logger.LogWarning("The Webhook archive could not be read ({Status}); webhook error counters are not shown", (int?)e.StatusCode);
            return null;
        }
    }
}
