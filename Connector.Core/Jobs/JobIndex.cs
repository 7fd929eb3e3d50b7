using Azure.Data.Tables;
using Connector.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Connector.Core.Jobs;

/// <summary>
/// Keeps the job index (see <see cref="JobIndexKeys"/>) in step with the job rows: <see cref="JobStore"/> calls
/// <see cref="FollowAsync"/> after every write of a job, with the job as stored.
/// <para>
/// The index row is written only when it holds an older <see cref="JobRecord.Revision"/> (an ETag-guarded
/// read-decide-write), so two writers of one job whose index writes arrive out of order leave the newer one. A job
/// that becomes <c>Failed</c> also gets a row in the failed index, removed when it leaves <c>Failed</c>; a job that
/// ends is counted in its hour (<see cref="JobCounts"/>). The job row is the truth: an index write that fails is
/// logged and the job's next write repairs it.
/// </para>
/// </summary>
public sealed class JobIndex(TableServiceClient tables, StorageNames names, JobCounts counts, TimeProvider time, ILogger<JobIndex> logger)
{
    private readonly TableClient _table = tables.GetTableClient(names.JobsTable);

    /// <summary>Brings the index rows of <paramref name="job"/> (as stored) up to date; never throws.</summary>
    public async Task FollowAsync(JobRecord job)
    {
        // Not cancellable: the job row is written already, and its index should say so.
        try
        {
            var summary = JobSummary.From(job);
            var (written, previous) = await WriteSummaryAsync(summary, CancellationToken.None).ConfigureAwait(false);
            if (!written)
            {
                return;
            }
            await Task.WhenAll(
                FollowFailedAsync(summary, previous),
                CountAsync(summary, previous)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Job {JobId}: its index rows could not be updated to {Status} (revision {Revision}); its next write repairs them",
                job.JobId, job.Status, job.Revision);
        }
    }

    /// <summary>Removes the index rows of a job (retention), whatever they hold.</summary>
    internal Task ForgetAsync(JobSummary job, CancellationToken cancellationToken) => Task.WhenAll(
        TableRows.DeleteAsync(_table, JobIndexKeys.JobsPartition(job.ReceivedAt), JobIndexKeys.RowKey(job.ReceivedAt, job.JobId), cancellationToken),
        TableRows.DeleteAsync(_table, JobIndexKeys.FailedPartition(job.ReceivedAt), JobIndexKeys.RowKey(job.ReceivedAt, job.JobId), cancellationToken));

    private async Task<(bool Written, JobSummary? Previous)> WriteSummaryAsync(JobSummary job, CancellationToken cancellationToken)
    {
        var partition = JobIndexKeys.JobsPartition(job.ReceivedAt);
        var row = JobIndexEntityMapper.ToEntity(partition, job);
        // A new job has no index row yet: insert it without reading first.
        if (job.Revision <= 1 && await TableRows.TryWriteAsync(_table, row, cancellationToken).ConfigureAwait(false) is not null)
        {
            return (true, null);
        }

        JobSummary? previous = null;
        var (_, written) = await OptimisticUpdate.ApplyAsync(
            ct => TableRows.ReadAsync(_table, partition, row.RowKey, ct),
            stored =>
            {
                previous = stored is null ? null : JobIndexEntityMapper.FromEntity(stored);
                if (previous is not null && previous.Revision >= job.Revision)
                {
                    return UpdateStep.Keep<TableEntity>();
                }
                var next = JobIndexEntityMapper.ToEntity(partition, job);
                next.ETag = stored?.ETag ?? default;
                return UpdateStep.Write(next);
            },
            (next, ct) => TableRows.TryWriteAsync(_table, next, ct),
            time, cancellationToken).ConfigureAwait(false);
        return (written, previous);
    }

    private async Task FollowFailedAsync(JobSummary job, JobSummary? previous)
    {
        var partition = JobIndexKeys.FailedPartition(job.ReceivedAt);
        if (job.Status == JobStatus.Failed)
        {
            await _table.UpsertEntityAsync(JobIndexEntityMapper.ToEntity(partition, job), TableUpdateMode.Replace).ConfigureAwait(false);
        }
        else if (previous?.Status == JobStatus.Failed)
        {
            await TableRows.DeleteAsync(_table, partition, JobIndexKeys.RowKey(job.ReceivedAt, job.JobId), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>A job counts once each time it reaches an outcome (a replayed job that fails again counts again).</summary>
    private Task CountAsync(JobSummary job, JobSummary? previous) =>
        job.IsFinished && (previous is null || previous.Status != job.Status || previous.Reason != job.Reason)
            ? counts.AddAsync(job.UpdatedAt, job.JobId, job.Status, job.Reason)
            : Task.CompletedTask;
}
