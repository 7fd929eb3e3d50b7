using Connector.Core.Intake;
using Connector.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Connector.Core.Jobs;

/// <summary>Puts a failed sync job back on <c>contact-sync</c> (encoded as the trigger reads it), with its attempts reset.</summary>
public sealed class JobReplayer(JobStore jobs, SyncQueue queue, TimeProvider time, ILogger<JobReplayer> logger)
{
    public Task<(ReplayOutcome Outcome, JobRecord? Job)> ReplayAsync(string jobId, CancellationToken cancellationToken = default) =>
        ReplayAsync(jobId, null, cancellationToken);

    /// <summary>
    /// Replays the job if it is <c>Failed</c>: the move to <c>Queued</c> is guarded by the ETag of the job as read, so
    /// of two replays of one job only one queues it. <paramref name="requestedBy"/> (who asked) goes into the job's note.
    /// </summary>
    public async Task<(ReplayOutcome Outcome, JobRecord? Job)> ReplayAsync(string jobId, string? requestedBy, CancellationToken cancellationToken = default)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job is null || job.Kind != JobKinds.ContactSync || job.ContactId is null)
        {
            return (ReplayOutcome.NotFound, job);
        }
        if (job.Status != JobStatus.Failed)
        {
            return (ReplayOutcome.NotFailed, job);
        }

        var queued = await jobs.TryReplaceAsync(job with
        {
            Status = JobStatus.Queued,
            Reason = null,
            Attempt = 0,
            Message = $"Replayed{(requestedBy is null ? "" : " by " + requestedBy)} after: {job.Reason} {job.Message}".Trim(),
            QueuedAt = time.GetUtcNow(),
            UpdatedAt = time.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
        if (queued is null)
        {
            // Replayed by someone else a moment ago.
            return (ReplayOutcome.NotFailed, await jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false));
        }

        // The replay starts a new trace (the operator's request); the job takes its id when a worker claims it.
        await queue.SendAsync(JobRecords.MessageFor(job) with { TraceParent = TraceContext.CurrentTraceParent() }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        logger.LogInformation("Job {JobId} replayed (requested by {RequestedBy})", jobId, requestedBy ?? "unknown");
        return (ReplayOutcome.Replayed, queued);
    }
}
