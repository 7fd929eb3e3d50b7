using Connector.Core.Jobs;

namespace Connector.Core.Watchdog;

/// <summary>The outcome of a watchdog pass, with its job as stored (null when none was recorded) and what it found and did.</summary>
public sealed record WatchdogResult(WatchdogOutcome Outcome, string JobId, JobRecord? Job, WatchdogDetails? Details, string? Error = null)
{
    /// <summary>The reconciliation's plan (also for a dry run).</summary>
    public WebhookPlan? Plan { get; init; }
}
