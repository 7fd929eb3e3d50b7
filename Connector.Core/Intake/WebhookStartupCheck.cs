using Connector.Core.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Intake;

/// <summary>Warns at start-up when webhooks are accepted unsigned (allowed for local use only).</summary>
public sealed class WebhookStartupCheck(IOptions<WebhookOptions> options, ILogger<WebhookStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Secrets.Any() && options.Value.AllowUnsigned)
        {
            logger.LogWarning("Webhook:AllowUnsigned is true and no Webhook:Secret is set: unsigned webhooks are accepted. Use this for local runs only.");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
