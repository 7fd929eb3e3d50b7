using Connector.Core.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Intake;

/// <summary>Warns at start-up when webhooks are accepted unsigned (allowed for local use only), and when the watchdog has no target URL.</summary>
public sealed class WebhookStartupCheck(IOptions<WebhookOptions> options, ILogger<WebhookStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Secrets.Any() && options.Value.AllowUnsigned)
        {
            logger.LogWarning("Webhook:AllowUnsigned is true and no Webhook:Secret is set: unsigned webhooks are accepted. Use this for local runs only.");
        }
        var webhook = options.Value;
        if (webhook.WatchdogEnabled && SecretUrl.IsUnresolvedReference(webhook.TargetUrl))
        {
            logger.LogWarning("Webhook:TargetUrl is a Key Vault reference that did not resolve; the watchdog cannot register or correct the webhook until it does (check the secret and the identity's access, then restart the app)");
        }
        else if (webhook.WatchdogEnabled && string.IsNullOrWhiteSpace(webhook.TargetUrl))
        {
            logger.LogWarning("Webhook:TargetUrl is empty: the watchdog re-enables and checks the webhook named {Name} but cannot register it or correct its target", webhook.Name);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
