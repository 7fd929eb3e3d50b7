namespace Connector.Core.Watchdog;

/// <summary>What the watchdog keeps between passes (one row in the jobs table, see <see cref="WatchdogStateStore"/>). No secret.</summary>
public sealed record WatchdogState
{
    /// <summary>When intake last accepted a delivery (answered 200); written at most every <see cref="LastEventRecorder.Interval"/> per instance, so it may be a little early.</summary>
    public DateTimeOffset? LastEventAt { get; init; }

    /// <summary>A salted, slow hash of the secret the watchdog last gave SuperOffice (<see cref="SecretFingerprint"/>).</summary>
    public string? SecretFingerprint { get; init; }

    /// <summary>A recovery that started and has not finished: the next pass resumes it with the same job ids.</summary>
    public RecoveryWindow? PendingRecovery { get; init; }

    /// <summary>The end of the last window a recovery covered completely (or the first pass's baseline).</summary>
    public DateTimeOffset? RecoveredThrough { get; init; }

    /// <summary>Where missed changes can start: the later of the last event and the last recovered window's end; null when nothing is known.</summary>
    public DateTimeOffset? CoveredUntil =>
        LastEventAt is { } last && RecoveredThrough is { } through ? (last > through ? last : through) : LastEventAt ?? RecoveredThrough;
}
