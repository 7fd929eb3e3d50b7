namespace Connector.Core.Watchdog;

/// <summary>What asking for a watchdog pass led to.</summary>
public enum WatchdogOutcome
{
    /// <summary>The pass ran; its job says what it found and did.</summary>
    Completed,
    /// <summary>The pass ran and could not do its work (SuperOffice refused, the webhook cannot be registered, ...); its job is <c>Failed</c>.</summary>
    Failed,
    /// <summary>This occurrence is done already or running elsewhere; nothing was repeated.</summary>
    AlreadyHandled,
    /// <summary><c>Webhook:WatchdogSchedule</c> is empty: nothing ran, no job.</summary>
    Disabled,
    /// <summary>A dry run: the plan, nothing done, no job.</summary>
    DryRun,
}
