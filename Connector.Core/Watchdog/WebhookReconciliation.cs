using System.Security.Cryptography;
using System.Text;
using Connector.Core.SuperOffice;

namespace Connector.Core.Watchdog;

/// <summary>
/// Compares SuperOffice's webhooks with the one the settings declare (pure; no I/O). The app's webhook is the one
/// named <see cref="DesiredWebhook.Name"/> (the lowest id when several are), else the one calling
/// <see cref="DesiredWebhook.TargetUrl"/>.
/// </summary>
public static class WebhookReconciliation
{
    public const string TooManyErrors = "TooManyErrors";
    public const string Stopped = "Stopped";

    /// <param name="found">SuperOffice's webhooks (<c>GET v1/Webhook</c>).</param>
    /// <param name="desired">The settings.</param>
    /// <param name="fingerprint">The fingerprint of the secret last given to SuperOffice, for when SuperOffice does not show its secret.</param>
    public static WebhookPlan Plan(IReadOnlyList<WebhookDefinition> found, DesiredWebhook desired, string? fingerprint)
    {
        var ours = found.Where(w => string.Equals(w.Name?.Trim(), desired.Name, StringComparison.OrdinalIgnoreCase)).MinBy(w => w.WebhookId)
                   ?? (desired.TargetUrl is null ? null : found.Where(w => SameTarget(w.TargetUrl, desired.TargetUrl)).MinBy(w => w.WebhookId));
        if (ours is null)
        {
            return new WebhookPlan(desired.TargetUrl is null ? WebhookAction.CannotCreate : WebhookAction.Create, [], null);
        }

        var changes = new List<string>();
        if (desired.TargetUrl is not null && !SameTarget(ours.TargetUrl, desired.TargetUrl))
        {
            changes.Add(WebhookChanges.TargetUrl);
        }
        var events = (ours.Events ?? []).Select(e => e.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal);
        if (!events.SequenceEqual(desired.Events, StringComparer.Ordinal))
        {
            changes.Add(WebhookChanges.Events);
        }
        if (SecretDiffers(ours.Secret, desired.Secret, fingerprint))
        {
            changes.Add(WebhookChanges.Secret);
        }
        var state = ours.State ?? "";
        if (string.Equals(state, Stopped, StringComparison.OrdinalIgnoreCase))
        {
            return new WebhookPlan(WebhookAction.LeaveStopped, changes, ours);
        }
        if (!string.Equals(state, WebhookDefinition.Active, StringComparison.OrdinalIgnoreCase))
        {
            // TooManyErrors (SuperOffice gave up delivering), or Unknown: the receiver sets it back to Active.
            changes.Add(WebhookChanges.State);
        }
        return new WebhookPlan(changes.Count == 0 ? WebhookAction.None : WebhookAction.Update, changes, ours);
    }

    /// <summary>
    /// Whether SuperOffice's secret is not the configured one. When SuperOffice shows its secret, that decides; when it
    /// shows none (it may not return secrets: UNCONFIRMED), the fingerprint of what the watchdog last set decides, and
    /// without one the secret is set once. No configured secret (unsigned, local use) changes nothing.
    /// </summary>
    public static bool SecretDiffers(string? held, string? configured, string? fingerprint)
    {
        if (configured is null)
        {
            return false;
        }
        // A value of asterisks only is a masked secret, not one shown.
        if (!string.IsNullOrEmpty(held) && held.Any(c => c != '*'))
        {
            return !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(held), Encoding.UTF8.GetBytes(configured));
        }
        return !SecretFingerprint.Matches(fingerprint, configured);
    }

    /// <summary>Two target URLs are the same when equal as text, ignoring the case of the scheme and host.</summary>
    public static bool SameTarget(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return false;
        }
        if (Uri.TryCreate(a.Trim(), UriKind.Absolute, out var x) && Uri.TryCreate(b.Trim(), UriKind.Absolute, out var y))
        {
            return Uri.Compare(x, y, UriComponents.AbsoluteUri, UriFormat.UriEscaped, StringComparison.Ordinal) == 0;
        }
        return string.Equals(a.Trim(), b.Trim(), StringComparison.Ordinal);
    }
}
