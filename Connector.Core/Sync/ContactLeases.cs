using Connector.Core.Intake;
using Connector.Core.Jobs;
using Microsoft.Extensions.Logging;

namespace Connector.Core.Sync;

/// <summary>
/// One job at a time works on a contact: it holds the contact's lease (in its <see cref="ContactState"/> row) from
/// before the read until its result is recorded, so the other jobs for the contact wait and are then usually covered by
/// its enrichment (coalescing). The lease lapses by itself should its holder die.
/// </summary>
public sealed class ContactLeases(ContactStateStore states, TimeProvider time, ILogger<ContactLeases> logger)
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);

    public Task<ContactState> ReadAsync(int contactId, CancellationToken cancellationToken) => states.GetAsync(contactId, cancellationToken);

    /// <summary>
    /// Takes the lease for the job, in one conditional write on the state just read, unless the state decides the job
    /// first (<see cref="SyncDecisions.ForState"/>). Returns the state as it is and whether the lease is held.
    /// </summary>
    public Task<(ContactState State, bool Applied)> TakeAsync(JobRecord job, SyncMessage message, ContactState read, int maxWritesPerHour,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return states.UpdateAsync(message.ContactId,
            s => SyncDecisions.ForState(job, message, s, now, maxWritesPerHour) == StateVerdict.Free
                ? s with { LeaseJobId = job.JobId, LeaseUntil = now + Duration }
                : null,
            cancellationToken, read);
    }

    /// <summary>Applies the job's final change to the contact's state and gives the lease up: one conditional write, re-read only on conflict.</summary>
    public async Task ReleaseAsync(ContactState leased, string jobId, Func<ContactState, ContactState> change, CancellationToken cancellationToken)
    {
        ContactState? Release(ContactState s)
        {
            var next = change(s);
            return s.LeaseJobId == jobId ? next with { LeaseJobId = null, LeaseUntil = null } : next;
        }

        try
        {
            if (!await states.TryReplaceAsync(Release(leased)!, cancellationToken).ConfigureAwait(false))
            {
                await states.UpdateAsync(leased.ContactId, Release, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lease lapses by itself; the write, if any, is recorded in the job.
            logger.LogWarning(e, "Contact {ContactId}: state could not be updated after job {JobId}", leased.ContactId, jobId);
        }
    }
}
