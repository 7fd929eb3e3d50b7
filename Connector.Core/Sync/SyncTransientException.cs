namespace Connector.Core.Sync;

/// <summary>A failure worth trying again later (429, 5xx, timeouts, tenant unavailable, enrichment pending).</summary>
public sealed class SyncTransientException(string cause, TimeSpan? retryAfter = null, Exception? inner = null) : Exception(cause, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
