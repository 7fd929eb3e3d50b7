using Connector.Sandbox.Tenant;

namespace Connector.Sandbox.Archives;

/// <summary>
/// The Webhook archive behind <c>GET {api}/v1/Archive/Webhook</c>: each webhook with its usage statistics
/// (<c>webhookUsage/*</c>: calls, errors, consecutive errors, the last error and the time of the last call), with the
/// restriction types of SuperOffice's Webhook archive provider reference. <c>webhookUsage/lastEvent</c> is a
/// <c>datetime</c> column there; the engine's date type stands in for it.
/// </summary>
public static class WebhookArchive
{
    public static ArchiveProvider<WebhookRecord> Create() => new(
        "Webhook", "webhook", "webhookId",
        [
            new("webhookId", ArchiveColumnType.Int, w => w.WebhookId),
            new("name", ArchiveColumnType.String, w => w.Name),
            new("events", ArchiveColumnType.String, w => string.Join(",", w.Events)),
            new("targetUrl", ArchiveColumnType.String, w => w.TargetUrl),
            new("type", ArchiveColumnType.String, w => w.Type),
            new("eventCount", ArchiveColumnType.Int, w => w.Events.Count, CanOrderBy: false),
            new("registeredDate", ArchiveColumnType.Date, w => w.Registered),
            new("webhookUsage/totalCalls", ArchiveColumnType.Int, w => w.TotalCalls),
            new("webhookUsage/totalErrors", ArchiveColumnType.Int, w => w.TotalErrors),
            new("webhookUsage/consecutiveErrors", ArchiveColumnType.Int, w => w.ConsecutiveErrors),
            new("webhookUsage/lastError", ArchiveColumnType.String, w => w.LastError),
            new("webhookUsage/lastEvent", ArchiveColumnType.Date, w => w.LastEvent ?? DateTime.MinValue),
        ],
        ["webhookId", "name", "targetUrl"]);
}
