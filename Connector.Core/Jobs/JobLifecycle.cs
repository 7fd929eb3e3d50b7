using Connector.Core.Intake;
using Connector.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Connector.Core.Jobs;

/// <summary>
/// The life of a sync job once it exists: claimed by a worker (<c>Processing</c>), put back to wait
/// (<c>Queued</c>), retried later (<c>Retrying</c>), ended (<c>Completed</c>, <c>Skipped</c>, <c>Failed</c>). Every
/// status a sync job takes is written here (or by <see cref="SyncJobEnqueuer"/>, <see cref="RunClaims"/> and
/// <see cref="JobReplayer"/>, its siblings in this folder), never elsewhere.
/// </summary>
public sealed class JobLifecycle(JobStore store, SyncQueue queue, TimeProvider time, ILogger<JobLifecycle> logger)
{
    public Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default) => store.GetAsync(jobId, cancellationToken);

    /// <summary>Records a new job that its caller runs itself (the CLI's <c>sync</c>); null when one with that id exists.</summary>
    public Task<JobRecord?> CreateAsync(JobRecord job, CancellationToken cancellationToken = default) => store.TryAddAsync(job, cancellationToken);

    /// <summary>Records a job that is decided as it arrives (our own echo): inserted already ended; null when it existed.</summary>
    public async Task<JobRecord?> RecordEndedAsync(JobRecord job, JobOutcome outcome, CancellationToken cancellationToken = default)
    {
        var added = await store.TryAddAsync(job with { Status = outcome.Status, Reason = outcome.Reason, Message = outcome.Message }, cancellationToken)
            .ConfigureAwait(false);
        if (added is not null)
        {
            JobTelemetry.Ended(added, outcome);
        }
        return added;
    }

    /// <summary>The message's job; when its row is missing (a message written by hand, a deleted row) it is recorded as it arrives.</summary>
    public async Task<JobRecord> GetOrRecordAsync(SyncMessage message, CancellationToken cancellationToken = default) =>
        await store.GetAsync(message.JobId, cancellationToken).ConfigureAwait(false)
        ?? await store.TryAddAsync(JobRecords.ForOrphanMessage(message, time.GetUtcNow()), cancellationToken).ConfigureAwait(false)
        ?? await store.GetAsync(message.JobId, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"Job {message.JobId} could not be recorded.");

    /// <summary>
    /// Claims the job for this worker: <c>Processing</c>, one more attempt, guarded by the ETag of the job as read. A
    /// job left <c>Processing</c> by an attempt that died is claimed again (nobody wrote it since our read). When the
    /// write meets a change, the job is read again: intake's <c>Queued</c> mark is claimed over; another worker's claim
    /// (<c>Processing</c>) or an ended job is not. The job takes the current trace id (a replayed job runs in a new trace),
    /// and the time since its message became due is the queue lag.
    /// </summary>
    public async Task<JobClaim> ClaimAsync(JobRecord job, CancellationToken cancellationToken = default)
    {
        var reread = false;
        var (current, claimed) = await OptimisticUpdate.ApplyAsync(
            ct => store.GetAsync(job.JobId, ct),
            read =>
            {
                var someoneElse = reread && read?.Status == JobStatus.Processing;
                reread = true;
                return read is null || read.IsFinished || someoneElse
                    ? UpdateStep.Keep<JobRecord>()
                    : UpdateStep.Write(read with
                    {
                        Status = JobStatus.Processing,
                        Attempt = read.Attempt + 1,
                        UpdatedAt = time.GetUtcNow(),
                        TraceId = TraceContext.CurrentTraceId() ?? read.TraceId,
                    });
            },
            store.TryReplaceAsync, time, cancellationToken, firstRead: job).ConfigureAwait(false);
        if (claimed)
        {
            ConnectorMetrics.SyncQueueLag(current!.UpdatedAt - (current.QueuedAt ?? current.ReceivedAt));
        }
        return new JobClaim(claimed ? current : null, current);
    }

    // The message is sent again as it came (not rebuilt from the job), so whatever it carries travels on (its trace too).
    // QueuedAt becomes the time the message is due again, so the queue lag measured at the next claim leaves the delay out.
    /// <summary>Another job holds the contact: this one waits (<c>Queued</c> again, the attempt given back) and its message comes back after <paramref name="delay"/>.</summary>
    public async Task<JobRecord> WaitAsync(JobRecord job, SyncMessage message, TimeSpan delay, string note, string? details, CancellationToken cancellationToken = default)
    {
        await queue.SendAsync(message, delay, cancellationToken).ConfigureAwait(false);
        return await SaveClaimedAsync(job with { Status = JobStatus.Queued, Attempt = job.Attempt - 1, Message = note, QueuedAt = time.GetUtcNow() + delay },
                details, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>A transient failure: the message comes back after <paramref name="delay"/> and the job shows <c>Retrying</c> with the cause.</summary>
    public async Task<JobRecord> RetryLaterAsync(JobRecord job, SyncMessage message, TimeSpan delay, string cause, string? details, CancellationToken cancellationToken = default)
    {
        logger.LogWarning("Job {JobId} attempt {Attempt} failed transiently ({Cause}); retrying in {Delay}", job.JobId, job.Attempt, cause, delay);
        await queue.SendAsync(message, delay, cancellationToken).ConfigureAwait(false);
        return await SaveClaimedAsync(job with
            {
                Status = JobStatus.Retrying,
                Message = $"{cause} Next attempt in {delay.TotalSeconds:0} s.",
                QueuedAt = time.GetUtcNow() + delay,
            }, details, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The retries are used up: the message goes to the poison queue (where replay finds it) and the job fails.</summary>
    public async Task<JobRecord> GiveUpAsync(JobRecord job, SyncMessage message, string cause, string? details, CancellationToken cancellationToken = default)
    {
        logger.LogWarning("Job {JobId}: {Attempts} attempts failed transiently ({Cause}); its message goes to the poison queue", job.JobId, job.Attempt, cause);
        await queue.SendToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
        return await EndAsync(job, JobOutcome.Failed(JobReasons.RetriesExhausted, cause), details, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends a claimed job with its outcome and details. A failed job is an error: in the log, on its span, in the metric.</summary>
    public async Task<JobRecord> EndAsync(JobRecord job, JobOutcome outcome, string? details, CancellationToken cancellationToken = default)
    {
        var ended = await SaveClaimedAsync(job with { Status = outcome.Status, Reason = outcome.Reason, Message = outcome.Message }, details, cancellationToken)
            .ConfigureAwait(false);
        JobTelemetry.Ended(ended, outcome);
        if (outcome.Status == JobStatus.Failed)
        {
            logger.LogError("Job {JobId} for contact {ContactId}: {Status} {Reason}: {Message}", job.JobId, job.ContactId, outcome.Status, outcome.Reason, outcome.Message);
        }
        else
        {
            logger.LogInformation("Job {JobId} for contact {ContactId}: {Status} {Reason}", job.JobId, job.ContactId, outcome.Status, outcome.Reason);
        }
        return ended;
    }

    /// <summary>
    /// Fails a job that has not ended, whoever holds it (the host's last delivery of its message failed unexpectedly,
    /// or an operator stopped it); an ended job stays as it is.
    /// </summary>
    public async Task<JobRecord?> FailIfUnendedAsync(string jobId, JobOutcome outcome, CancellationToken cancellationToken = default)
    {
        var (current, ended) = await OptimisticUpdate.ApplyAsync(
            ct => store.GetAsync(jobId, ct),
            read => read is null || read.IsFinished
                ? UpdateStep.Keep<JobRecord>()
                : UpdateStep.Write(read with { Status = outcome.Status, Reason = outcome.Reason, Message = outcome.Message, UpdatedAt = time.GetUtcNow() }),
            store.TryReplaceAsync, time, cancellationToken).ConfigureAwait(false);
        if (ended)
        {
            JobTelemetry.Ended(current!, outcome);
        }
        return current;
    }

    /// <summary>The job was claimed with its ETag; nobody else writes it while it is <c>Processing</c>.</summary>
    private async Task<JobRecord> SaveClaimedAsync(JobRecord job, string? details, CancellationToken cancellationToken) =>
        await store.TryReplaceAsync(job with { UpdatedAt = time.GetUtcNow(), Details = details ?? job.Details }, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"Job {job.JobId} was changed while it was being processed.");
}
