namespace Connector.Core.Sync;

/// <summary>
/// What a sync cycle has running while its job is being claimed: the conditional write that takes the contact's lease
/// and, when the contact was quiet on this instance, the GET of the contact started with the table reads. Overlapping
/// them keeps the table round trips off the critical path; the contact is only used once both the lease and the claim
/// are held.
/// </summary>
internal sealed class CycleStart(Task<(ContactState State, bool Applied)> lease, ContactRead? read) : IDisposable
{
    public Task<(ContactState State, bool Applied)> Lease { get; } = lease;

    /// <summary>The GET started early, or null when the contact was busy here lately (it is read once the lease is held).</summary>
    public ContactRead? Read { get; } = read;

    public Task DiscardReadAsync() => Read?.DiscardAsync() ?? Task.CompletedTask;

    public void Dispose() => Read?.Dispose();
}
