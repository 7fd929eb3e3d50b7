using Microsoft.Extensions.Options;

namespace Connector.Core.Configuration;

public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.Secret) && !options.AllowUnsigned)
        {
            failures.Add("Webhook:Secret is empty; set it to the secret of the SuperOffice webhook in local.settings.json " +
                         "or the app settings (or set Webhook:AllowUnsigned=true, for local use only).");
        }
        if (options.EventSet.Count == 0)
        {
            failures.Add("Webhook:Events is empty; list the events to process, e.g. contact.created,contact.changed.");
        }
        var unsupported = options.EventSet
            .Where(e => !WebhookOptions.SupportedEvents.Contains(e, StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (unsupported.Length > 0)
        {
            failures.Add($"Webhook:Events lists {string.Join(", ", unsupported)}; the connector processes only " +
                         $"{string.Join(" and ", WebhookOptions.SupportedEvents)} (it enriches companies), so list only those.");
        }
        // Under 1 second the claim lapses while the first delivery is still queueing, and simultaneous copies each queue the job.
        if (options.ClaimTimeoutSeconds is not (>= 1 and <= 60))
        {
            failures.Add("Webhook:ClaimTimeoutSeconds must be between 1 and 60.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
