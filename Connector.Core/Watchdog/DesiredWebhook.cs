using Connector.Core.Configuration;

namespace Connector.Core.Watchdog;

/// <summary>The app's webhook as the settings declare it (section <c>Webhook</c>). Holds the secret: never log it.</summary>
public sealed record DesiredWebhook(string Name, string? TargetUrl, IReadOnlyList<string> Events, string? Secret)
{
    public static DesiredWebhook From(WebhookOptions options) =>
        new(options.Name.Trim(), string.IsNullOrWhiteSpace(options.TargetUrl) || SecretUrl.IsUnresolvedReference(options.TargetUrl) ? null : options.TargetUrl.Trim(),
            [.. options.EventSet.Select(e => e.ToLowerInvariant()).Order(StringComparer.Ordinal)],
            string.IsNullOrEmpty(options.Secret) ? null : options.Secret);

    public override string ToString() => $"Webhook \"{Name}\" → {SecretUrl.Mask(TargetUrl)}";
}
