namespace Connector.Core.Sync;

/// <summary>A failure that retrying cannot fix (a 400, a refused write); the job ends at once with <see cref="Reason"/>.</summary>
public sealed class SyncPermanentException(string reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Reason { get; } = reason;
}
