using System.Diagnostics;
using Connector.Core.Intake;
using Connector.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Connector.Core.Jobs;

/// <summary>
/// Records a sync job and puts its message on <c>contact-sync</c>, exactly once per job id, for every way a job comes
/// to be (a webhook, the CLI, a backfill, a recovery).
/// <para>
/// The job id is the dedupe key: the caller that inserts the job claims it (<see cref="JobRecord.ClaimedUntil"/>),
/// sends the message, then marks it <c>Queued</c>. A repeat of the id finds the job queued and writes nothing; if it
/// finds the job still <c>Received</c> with the claim lapsed (the first caller died between the insert and the send),
/// it takes the claim over with an ETag-guarded update and finishes the job, so a crash never drops a job that is
/// asked for again. If the process dies after the send, before the mark, the job stays <c>Received</c> with its
/// message on the queue: the worker runs a Received job like a Queued one, and a repeat at worst sends a second
/// message, which the worker ignores (the job is claimed with its ETag and ended jobs are skipped).
/// </para>
/// </summary>
public sealed class SyncJobEnqueuer(JobStore store, SyncQueue queue, TimeProvider time, ILogger<SyncJobEnqueuer> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <param name="job">A new <c>Received</c> job (see <see cref="JobRecords"/>).</param>
    /// <param name="claimTimeout">How long this caller owns queueing the job before a repeat may take over.</param>
    public async Task<EnqueueResult> EnqueueAsync(JobRecord job, TimeSpan claimTimeout, CancellationToken cancellationToken = default)
    {
        var fresh = job with { Status = JobStatus.Received, ClaimedUntil = time.GetUtcNow() + claimTimeout };
        // The common case is a new job: insert without reading first.
        if (await RecordAsync(fresh, cancellationToken).ConfigureAwait(false) is { } recorded)
        {
            return await SendAsync(recorded, cancellationToken).ConfigureAwait(false);
        }

        var tookOver = false;
        var (current, claimed) = await OptimisticUpdate.ApplyAsync(
            ct => store.GetAsync(job.JobId, ct),
            existing =>
            {
                var step = Repeat(existing, fresh, claimTimeout);
                tookOver = existing is not null && step is UpdateStep<JobRecord>.Write;
                return step;
            },
            (next, ct) => next.ETag == default ? store.TryAddAsync(next, ct) : store.TryReplaceAsync(next, ct),
            time, cancellationToken).ConfigureAwait(false);
        if (!claimed)
        {
            logger.LogInformation("Job {JobId} is a repeat ({Status}); nothing new written", job.JobId, current!.Status);
            return new EnqueueResult(EnqueueOutcome.AlreadyQueued, current!);
        }
        if (tookOver)
        {
            logger.LogWarning("Job {JobId} was recorded but never queued; this attempt (delivery retry {Retry}) completes it", job.JobId, job.DeliveryRetry);
        }
        return await SendAsync(current!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A repeat of the job id: nothing to do once it is queued; wait while another caller holds the claim; else take it over.</summary>
    private UpdateStep<JobRecord> Repeat(JobRecord? existing, JobRecord fresh, TimeSpan claimTimeout)
    {
        var now = time.GetUtcNow();
        return existing switch
        {
            null => UpdateStep.Write(fresh with { ETag = default }),
            { Status: not JobStatus.Received } => UpdateStep.Keep<JobRecord>(),
            { ClaimedUntil: { } until } when until > now => UpdateStep.Wait<JobRecord>(until - now < PollInterval ? until - now : PollInterval),
            _ => UpdateStep.Write(existing with { ClaimedUntil = now + claimTimeout, DeliveryRetry = fresh.DeliveryRetry, UpdatedAt = now }),
        };
    }

    private async Task<JobRecord?> RecordAsync(JobRecord job, CancellationToken cancellationToken)
    {
        using var span = ConnectorTelemetry.Source.StartActivity("job record");
        span?.SetTag(TelemetryAttributes.JobId, job.JobId);
        return await store.TryAddAsync(job, cancellationToken).ConfigureAwait(false);
    }

    private async Task<EnqueueResult> SendAsync(JobRecord job, CancellationToken cancellationToken)
    {
        // The message carries this span's trace context: the worker's span continues the trace (see TraceContext).
        using var span = ConnectorTelemetry.Source.StartActivity("job queue", ActivityKind.Producer);
        span?.SetTag(TelemetryAttributes.JobId, job.JobId);
        try
        {
            await queue.SendAsync(JobRecords.MessageFor(job) with { TraceParent = TraceContext.CurrentTraceParent() }, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            JobTelemetry.Failed(span, e);
            // Give the claim up so that a repeat (SuperOffice's retry of the event) can queue the job at once.
            await TryReleaseClaimAsync(job).ConfigureAwait(false);
            throw;
        }
        return new EnqueueResult(EnqueueOutcome.Queued, job) { Settled = MarkQueuedAsync(job) };
    }

    /// <summary>Records that the job's message is on the queue; runs after the message went out and never throws.</summary>
    private async Task MarkQueuedAsync(JobRecord job)
    {
        try
        {
            // The claim (ClaimedUntil) is left as it is: it only matters while the job is Received.
            if (!await store.TryMarkQueuedAsync(job, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false))
            {
                logger.LogInformation("Job {JobId} moved on before it was marked Queued (a worker took it already)", job.JobId);
            }
        }
        catch (Exception e)
        {
            // The message is on the queue, so the job is safe; the worker moves it on from Received.
            logger.LogWarning(e, "Job {JobId} is queued but its status could not be updated", job.JobId);
        }
    }

    private async Task TryReleaseClaimAsync(JobRecord job)
    {
        try
        {
            await store.TryReplaceAsync(job with { ClaimedUntil = time.GetUtcNow() }).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Job {JobId}: the claim could not be released; a repeat takes over when it lapses", job.JobId);
        }
    }
}
