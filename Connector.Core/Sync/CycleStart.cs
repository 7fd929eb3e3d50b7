namespace Connector.Core.Sync;

/// <summary>
/// What a sync cycle starts while its job is being claimed: the conditional write that takes the contact's lease and,
/// when the state just read says the lease is free, the GET of the contact. Overlapping them keeps the table round trips
/// off the critical path; the contact is only used once both the lease and the claim are held.
/// </summary>
internal sealed class CycleStart(Task<(ContactState State, bool Applied)> lease, Task<SyncContact?>? read, DateTimeOffset readAt,
    CancellationTokenSource readCancellation) : IDisposable
{
    public Task<(ContactState State, bool Applied)> Lease { get; } = lease;

    /// <summary>The GET started early, or null when the state said the lease was taken or the event covered.</summary>
    public Task<SyncContact?>? Read { get; } = read;

    /// <summary>When the early GET started (our clock): what the coalescing guard compares later events with.</summary>
    public DateTimeOffset ReadAt { get; } = readAt;

    /// <summary>Cancels the early GET (the lease or the claim was not won) and waits for it, so nothing runs on unobserved.</summary>
    public async Task DiscardReadAsync()
    {
        if (Read is null)
        {
            return;
        }
        await readCancellation.CancelAsync().ConfigureAwait(false);
        try
        {
            await Read.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Cancelled or failed: its result is not used either way.
        }
    }

    public void Dispose() => readCancellation.Dispose();
}
