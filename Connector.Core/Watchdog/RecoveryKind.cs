namespace Connector.Core.Watchdog;

/// <summary>What the watchdog decided about missed changes.</summary>
public enum RecoveryKind
{
    /// <summary>Nothing was missed (or nothing can be done while the webhook is stopped).</summary>
    None,
    /// <summary>Nothing is known yet (first pass): the pass starts the record here, recovers nothing.</summary>
    Baseline,
    /// <summary>The webhook was down: recover the window.</summary>
    Recover,
    /// <summary>Silent longer than <c>Webhook:SilenceMinutes</c>: recover the window if companies changed in it.</summary>
    RecoverIfChanged,
    /// <summary>An earlier pass stopped inside a recovery: finish it (same window, same job ids).</summary>
    Resume,
}
