namespace Connector.Core.Sync;

/// <summary>The visibility delay before a transient failure is tried again: exponential, or Retry-After when longer.</summary>
public static class RetryDelay
{
    public static readonly TimeSpan Cap = TimeSpan.FromMinutes(15);

    /// <param name="attempt">The attempt that just failed, from 1.</param>
    public static TimeSpan For(int attempt, TimeSpan baseDelay, TimeSpan? retryAfter)
    {
        var exponential = TimeSpan.FromTicks((long)Math.Min(baseDelay.Ticks * Math.Pow(4, Math.Max(0, attempt - 1)), Cap.Ticks));
        var delay = retryAfter is { } after && after > exponential ? after : exponential;
        return delay > Cap ? Cap : delay;
    }
}
