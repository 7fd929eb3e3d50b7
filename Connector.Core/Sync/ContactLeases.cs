using Azure;
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

    /// <summary>
    /// Pauses before the final state write is tried again. Each try has had the storage SDK's own retries; these ride out
    /// a short outage, because a lost record would leave the lease held for its whole duration and our values unknown.
    /// </summary>
    private static readonly TimeSpan[] ReleaseRetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

    /// <summary>
    /// Applies the job's final change to the contact's state and gives the lease up: one conditional write, re-read on a
    /// conflict or after a failed try (a try that failed may still have landed; the change is safe to apply twice).
    /// </summary>
    public async Task ReleaseAsync(ContactState leased, string jobId, Func<ContactState, ContactState> change, CancellationToken cancellationToken)
    {
        ContactState? Release(ContactState s)
        {
            var next = change(s);
            return s.LeaseJobId == jobId ? next with { LeaseJobId = null, LeaseUntil = null } : next;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (attempt > 0 || !await states.TryReplaceAsync(Release(leased)!, cancellationToken).ConfigureAwait(false))
                {
                    await states.UpdateAsync(leased.ContactId, Release, cancellationToken).ConfigureAwait(false);
                }
                return;
            }
            catch (RequestFailedException e) when (attempt < ReleaseRetryDelays.Length)
            {
                logger.LogInformation("Contact {ContactId}: state write after job {JobId} failed ({Status}); trying again", leased.ContactId, jobId, e.Status);
                await Task.Delay(ReleaseRetryDelays[attempt], time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The lease lapses by itself; the write, if any, is recorded in the job.
                logger.LogWarning(e, "Contact {ContactId}: state could not be updated after job {JobId}", leased.ContactId, jobId);
                return;
            }
        }
    }
}
