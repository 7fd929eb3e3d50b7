using Connector.Core.Sync;

namespace Connector.Core.Configuration;

/// <summary>Settings of section <c>Webhook</c>: how incoming SuperOffice webhooks are verified and filtered.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhook";
    public const string DefaultEvents = SyncEvents.ContactCreated + "," + SyncEvents.ContactChanged;

    /// <summary>The events the connector can process: it enriches companies (entity <c>contact</c>) only.</summary>
    public static IReadOnlyList<string> SupportedEvents { get; } = [SyncEvents.ContactCreated, SyncEvents.ContactChanged];

    /// <summary>The shared secret SuperOffice signs with (HMAC-SHA256). Secret.</summary>
    public string? Secret { get; set; }

    /// <summary>The previous secret, accepted too while a rotation is under way. Secret.</summary>
    public string? PreviousSecret { get; set; }

    /// <summary>Accept unsigned webhooks when no secret is set. Local use only; warned about at start-up.</summary>
    public bool AllowUnsigned { get; set; }

    /// <summary>
    /// Comma-separated event names that become jobs, from <see cref="SupportedEvents"/>; other events, and any
    /// event about an entity other than a contact, are answered 200 and ignored.
    /// </summary>
    public string Events { get; set; } = DefaultEvents;

    /// <summary>
    /// How long a delivery that recorded a job may take to queue it before a retry of the same
    /// EventId takes over (the first delivery is presumed dead). 1 to 60.
    /// </summary>
    public double ClaimTimeoutSeconds { get; set; } = 5;

    public const string DefaultName = "SuperOffice enrichment connector";
    public const string DefaultWatchdogSchedule = "0 */10 * * * *";

    /// <summary>The name of the app's webhook in SuperOffice; the watchdog finds its webhook by it (or by <see cref="TargetUrl"/>).</summary>
    public string Name { get; set; } = DefaultName;

    /// <summary>
    /// This app's webhook URL as SuperOffice should call it, function key (<c>?code=</c>) included. Its key is a secret:
    /// shown only masked (<see cref="SecretUrl.Mask"/>). Empty: the watchdog cannot create or correct the webhook.
    /// </summary>
    public string? TargetUrl { get; set; }

    /// <summary>Six-field NCRONTAB (UTC) of the <c>WebhookWatchdog</c> timer; empty disables the watchdog.</summary>
    public string? WatchdogSchedule { get; set; } = DefaultWatchdogSchedule;

    /// <summary>No event for longer than this while companies changed: the watchdog recovers the changes since the last event.</summary>
    public int SilenceMinutes { get; set; } = 120;

    /// <summary>At most this many recovery jobs queued per second (recovery, <c>recover</c>).</summary>
    public double RecoveryRatePerSecond { get; set; } = 10;

    public bool WatchdogEnabled => !string.IsNullOrWhiteSpace(WatchdogSchedule);

    public IReadOnlySet<string> EventSet =>
        Events.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Secrets =>
        new[] { Secret, PreviousSecret }.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!);
}
