using Connector.Core.Configuration;
using Connector.Core.SuperOffice;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Watchdog;

/// <summary>
/// Makes SuperOffice's webhook match the settings (the watchdog's first step, and the CLI's <c>webhook ensure</c>):
/// registers it when missing, updates target, events and secret when they differ, and sets it back to Active after
/// <c>TooManyErrors</c>, all in one <c>PUT</c> of the whole definition (docs/superoffice/webhooks.md).
/// </summary>
public sealed class WebhookEnsurer(
    SuperOfficeWebhookClient client,
    WatchdogStateStore state,
    IOptionsMonitor<WebhookOptions> options,
    ILogger<WebhookEnsurer> logger)
{
    public async Task<WebhookEnsureResult> EnsureAsync(bool dryRun, CancellationToken cancellationToken = default)
    {
        var desired = DesiredWebhook.From(options.CurrentValue);
        var fingerprint = desired.Secret is null ? null : (await state.GetAsync(cancellationToken).ConfigureAwait(false)).SecretFingerprint;
        var found = await client.GetWebhooksAsync(cancellationToken).ConfigureAwait(false);
        var plan = WebhookReconciliation.Plan(found, desired, fingerprint);
        if (dryRun || plan.Action is not (WebhookAction.Create or WebhookAction.Update))
        {
            return new WebhookEnsureResult(plan, false, plan.Found);
        }

        WebhookDefinition now;
        if (plan.Action == WebhookAction.Create)
        {
            now = await client.CreateWebhookAsync(new WebhookDefinition
            {
                Name = desired.Name,
                Events = desired.Events,
                TargetUrl = desired.TargetUrl,
                Secret = desired.Secret,
                State = WebhookDefinition.Active,
                Type = "webhook",
            }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var current = plan.Found!;
            logger.LogInformation("Updating webhook {WebhookId} (was {State}): {Changes}", current.WebhookId, current.State, string.Join(",", plan.Changes));
            now = await client.UpdateWebhookAsync(current with
            {
                TargetUrl = desired.TargetUrl ?? current.TargetUrl,
                Events = desired.Events,
                // Always sent when configured: a definition read without its secret must not clear it.
                Secret = desired.Secret ?? current.Secret,
                State = plan.Changes.Contains(WebhookChanges.State) ? WebhookDefinition.Active : current.State,
            }, cancellationToken).ConfigureAwait(false);
        }
        if (desired.Secret is not null && (plan.Action == WebhookAction.Create || !SecretFingerprint.Matches(fingerprint, desired.Secret)))
        {
            await state.SaveFingerprintAsync(SecretFingerprint.Create(desired.Secret), cancellationToken).ConfigureAwait(false);
        }
        return new WebhookEnsureResult(plan, true, now);
    }
}
