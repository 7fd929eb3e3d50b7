namespace Connector.Core.Sync;

/// <summary>A GET of the contact started ahead of the guards that decide whether it is used, and when it started.</summary>
internal sealed class ContactRead(Task<SyncContact?> reading, DateTimeOffset startedAt, CancellationTokenSource cancellation) : IDisposable
{
    public Task<SyncContact?> Reading { get; } = reading;

    /// <summary>When the GET started (our clock): what the coalescing guard compares later events with.</summary>
    public DateTimeOffset StartedAt { get; } = startedAt;

    public static ContactRead Start(Func<CancellationToken, Task<SyncContact?>> get, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return new ContactRead(get(cancellation.Token), now, cancellation);
    }

    /// <summary>Cancels the GET (its result is not wanted) and waits for it, so nothing runs on unobserved.</summary>
    public async Task DiscardAsync()
    {
        await cancellation.CancelAsync().ConfigureAwait(false);
        try
        {
            await Reading.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Cancelled or failed: its result is not used either way.
        }
    }

    public void Dispose() => cancellation.Dispose();
}
