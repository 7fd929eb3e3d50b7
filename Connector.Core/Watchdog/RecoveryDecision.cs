namespace Connector.Core.Watchdog;

/// <summary>The watchdog's decision about missed changes, with the window and why (recorded in the job).</summary>
public sealed record RecoveryDecision(RecoveryKind Kind, RecoveryWindow? Window, string Reason)
{
    /// <summary>How far before the last known event a window starts: a change made shortly before may have been delivered late, or not at all.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(10);

    /// <summary>Pure: from the kept state, the webhook found, the time and the silence limit.</summary>
    public static RecoveryDecision Decide(WatchdogState state, WebhookPlan plan, DateTimeOffset now, TimeSpan silence)
    {
        if (plan.Action is WebhookAction.LeaveStopped or WebhookAction.CannotCreate)
        {
            return new(RecoveryKind.None, null, "the webhook cannot deliver (stopped, or not registered): nothing to recover into");
        }
        if (state.PendingRecovery is { } pending)
        {
            return new(RecoveryKind.Resume, pending, "an earlier pass did not finish its recovery");
        }
        if (state.CoveredUntil is not { } covered)
        {
            return new(RecoveryKind.Baseline, null, "no accepted event or recovery is recorded yet; this pass is the starting point");
        }
        var window = new RecoveryWindow(covered - Overlap, now);
        if (plan.WasDown)
        {
            return new(RecoveryKind.Recover, window, plan.Found is null ? "the webhook was missing" : $"the webhook was {plan.FoundState}");
        }
        return now - covered > silence
            ? new(RecoveryKind.RecoverIfChanged, window, $"no event for more than {silence.TotalMinutes:0} minutes")
            : new(RecoveryKind.None, null, "events are arriving");
    }
}
