namespace Connector.Core.Sync;

/// <summary>
/// The visibility delay before a transient failure is tried again: four times longer with each attempt, spread by
/// jitter so that contacts that failed together (a tenant-wide outage) do not all come back in the same second, never
/// earlier than <c>Retry-After</c>, and capped.
/// </summary>
public static class RetryDelay
{
    public static readonly TimeSpan Cap = TimeSpan.FromMinutes(15);

    /// <summary>The share of the delay the jitter moves it by, either way.</summary>
    public const double Spread = 0.25;

    /// <param name="attempt">The attempt that just failed, from 1.</param>
    /// <param name="jitter">A random number in [0, 1): 0 gives the shortest delay, 0.5 the plain exponential one.</param>
    public static TimeSpan For(int attempt, TimeSpan baseDelay, TimeSpan? retryAfter, double jitter)
    {
        var exponential = Math.Min(baseDelay.Ticks * Math.Pow(4, Math.Max(0, attempt - 1)), Cap.Ticks);
        var spread = TimeSpan.FromTicks((long)(exponential * (1 - Spread + 2 * Spread * Math.Clamp(jitter, 0, 1))));
        var delay = retryAfter is { } after && after > spread ? after : spread;
        return delay > Cap ? Cap : delay;
    }
}
