using Connector.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Connector.Core.Jobs;

/// <summary>
/// Runs that must happen once per id (a report occurrence, a watchdog pass): the job insert is the claim. A running
/// job holds a claim (<see cref="JobRecord.ClaimedUntil"/>) that its run renews while it works; a <c>Failed</c> job, or
/// a <c>Processing</c> one whose claim lapsed (its run died), is taken over with an ETag-guarded update and run again.
/// </summary>
public sealed class RunClaims(JobStore store, TimeProvider time, ILogger<RunClaims> logger)
{
    /// <summary>Claims the run of <paramref name="fresh"/> for <paramref name="duration"/>, unless it is done or running elsewhere.</summary>
    public async Task<JobClaim> ClaimAsync(JobRecord fresh, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var started = fresh with { Status = JobStatus.Processing, Attempt = 1, ClaimedUntil = time.GetUtcNow() + duration };
        if (await store.TryAddAsync(started, cancellationToken).ConfigureAwait(false) is { } added)
        {
            return new JobClaim(added, added);
        }

        var (current, claimed) = await OptimisticUpdate.ApplyAsync(
            ct => store.GetAsync(fresh.JobId, ct),
            existing =>
            {
                var now = time.GetUtcNow();
                return existing switch
                {
                    null => UpdateStep.Write(started with { ClaimedUntil = now + duration }),
                    { Status: JobStatus.Completed or JobStatus.Skipped } => UpdateStep.Keep<JobRecord>(),
                    { Status: not JobStatus.Failed, ClaimedUntil: { } until } when until > now => UpdateStep.Keep<JobRecord>(),
                    _ => UpdateStep.Write(existing with
                    {
                        Status = JobStatus.Processing,
                        Reason = null,
                        Message = null,
                        Details = null,
                        Attempt = existing.Attempt + 1,
                        ClaimedUntil = now + duration,
                        UpdatedAt = now,
                    }),
                };
            },
            (next, ct) => next.ETag == default ? store.TryAddAsync(next, ct) : store.TryReplaceAsync(next, ct),
            time, cancellationToken).ConfigureAwait(false);
        if (claimed && current!.Attempt > 1)
        {
            logger.LogWarning("Run {JobId} did not finish before; attempt {Attempt} runs it again", current.JobId, current.Attempt);
        }
        return new JobClaim(claimed ? current : null, current);
    }

    /// <summary>
    /// Renews the claim once half of it is used, with a progress note; throws <see cref="JobClaimLostException"/> when
    /// another run took the job over meanwhile.
    /// </summary>
    public async Task<JobRecord> RenewAsync(JobRecord job, TimeSpan duration, string progress, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (job.ClaimedUntil is { } until && until - now > duration / 2)
        {
            return job;
        }
        return await store.TryReplaceAsync(job with { ClaimedUntil = now + duration, UpdatedAt = now, Message = progress }, cancellationToken).ConfigureAwait(false)
               ?? throw new JobClaimLostException(job.JobId);
    }

    /// <summary>Ends the run and gives its claim up; null when the claim was lost meanwhile (the job is then the other run's).</summary>
    public async Task<JobRecord?> EndAsync(JobRecord job, JobOutcome outcome, string? details)
    {
        var ended = job with
        {
            Status = outcome.Status,
            Reason = outcome.Reason,
            Message = outcome.Message,
            Details = details ?? job.Details,
            ClaimedUntil = null,
            UpdatedAt = time.GetUtcNow(),
        };
        // Not cancellable: a run that did its work records it even while the host shuts down.
        var stored = await store.TryReplaceAsync(ended, CancellationToken.None).ConfigureAwait(false);
        if (stored is null)
        {
            logger.LogWarning("Run {JobId} ended {Status} but its job changed meanwhile (its claim was lost)", job.JobId, outcome.Status);
        }
        else
        {
            JobTelemetry.Ended(stored, outcome);
        }
        return stored;
    }
}
