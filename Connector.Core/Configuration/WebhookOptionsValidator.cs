using Connector.Core.Reports;
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
        if (options.WatchdogEnabled && !ReportSchedule.TryParse(options.WatchdogSchedule, out _))
        {
            failures.Add($"Webhook:WatchdogSchedule '{options.WatchdogSchedule}' is not a six-field NCRONTAB expression (seconds first, UTC), " +
                         $"e.g. '{WebhookOptions.DefaultWatchdogSchedule}' for every 10 minutes; leave it empty to turn the watchdog off.");
        }
        if (!string.IsNullOrWhiteSpace(options.TargetUrl) && !SecretUrl.IsUnresolvedReference(options.TargetUrl) && SecretUrl.TargetProblem(options.TargetUrl) is { } problem)
        {
            failures.Add($"Webhook:TargetUrl '{SecretUrl.Mask(options.TargetUrl)}' {problem}");
        }
        if (string.IsNullOrWhiteSpace(options.Name) || options.Name.Length > 200)
        {
            failures.Add("Webhook:Name must hold 1 to 200 characters: the watchdog finds the app's webhook in SuperOffice by it.");
        }
        if (options.SilenceMinutes is < 10 or > 10_080)
        {
            failures.Add("Webhook:SilenceMinutes must be between 10 and 10080 (a week).");
        }
        if (options.RecoveryRatePerSecond is not (>= 0.1 and <= 1000) || double.IsNaN(options.RecoveryRatePerSecond))
        {
            failures.Add("Webhook:RecoveryRatePerSecond must be between 0.1 and 1000 (jobs queued per second by a recovery).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
