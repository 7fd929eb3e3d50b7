using Connector.Core.Intake;
using Connector.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Connector.Core.Jobs;

/// <summary>Puts a failed sync job back on <c>contact-sync</c> (encoded as the trigger reads it), with its attempts reset.</summary>
public sealed class JobReplayer(JobStore jobs, SyncQueue queue, TimeProvider time, ILogger<JobReplayer> logger)
{
    public async Task<(ReplayOutcome Outcome, JobRecord? Job)> ReplayAsync(string jobId, CancellationToken cancellationToken = default)
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
            Message = $"Replayed after: {job.Reason} {job.Message}".Trim(),
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
        logger.LogInformation("Job {JobId} replayed", jobId);
        return (ReplayOutcome.Replayed, queued);
    }
}
