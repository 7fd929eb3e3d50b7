using Azure;
using Azure.Data.Tables;
using Connector.Core.Storage;

namespace Connector.Core.Jobs;

/// <summary>
/// Job records in Table storage, with optimistic concurrency through ETags. Every write counts the job's
/// <see cref="JobRecord.Revision"/> up and is followed by the job index (<see cref="JobIndex"/>).
/// </summary>
public sealed class JobStore(TableServiceClient tables, StorageNames names, JobIndex index)
{
    private readonly TableClient _table = tables.GetTableClient(names.JobsTable);
    private readonly AsyncOnce _created = new(() => tables.GetTableClient(names.JobsTable).CreateIfNotExistsAsync());

    /// <summary>Inserts the job and returns it with its ETag; null when a job with that id exists already.</summary>
    public async Task<JobRecord?> TryAddAsync(JobRecord job, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        JobRecord added;
        try
        {
            job = job with { Revision = 1 };
            var response = await _table.AddEntityAsync(JobEntityMapper.ToEntity(job), cancellationToken).ConfigureAwait(false);
            added = job with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
        await index.FollowAsync(added).ConfigureAwait(false);
        return added;
    }

    public async Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default)
    {
        if (!IsValidKey(jobId))
        {
            return null;
        }
        await EnsureCreatedAsync().ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(jobId, JobEntityMapper.RowKeyFor(jobId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue ? JobEntityMapper.FromEntity(response.Value!) : null;
    }

    /// <summary>
    /// Replaces the job if it is unchanged since it was read (its ETag); returns the stored record with its new
    /// ETag, or null when someone else changed it first.
    /// </summary>
    public async Task<JobRecord?> TryReplaceAsync(JobRecord job, CancellationToken cancellationToken = default)
    {
        JobRecord replaced;
        try
        {
            job = job with { Revision = job.Revision + 1 };
            var response = await _table.UpdateEntityAsync(JobEntityMapper.ToEntity(job), job.ETag, TableUpdateMode.Replace, cancellationToken)
                .ConfigureAwait(false);
            replaced = job with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
        await index.FollowAsync(replaced).ConfigureAwait(false);
        return replaced;
    }

    /// <summary>
    /// Marks a job <see cref="JobStatus.Queued"/> if it is unchanged since it was read: a merge of the three
    /// properties that change, the cheapest conditional write (intake's hot path). False when someone else changed it.
    /// </summary>
    public async Task<bool> TryMarkQueuedAsync(JobRecord job, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var patch = new TableEntity(job.JobId, JobEntityMapper.RowKeyFor(job.JobId))
        {
            [nameof(JobRecord.Status)] = nameof(JobStatus.Queued),
            [nameof(JobRecord.QueuedAt)] = now,
            [nameof(JobRecord.UpdatedAt)] = now,
            [nameof(JobRecord.Revision)] = job.Revision + 1,
        };
        try
        {
            await _table.UpdateEntityAsync(patch, job.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
        await index.FollowAsync(job with { Status = JobStatus.Queued, QueuedAt = now, UpdatedAt = now, Revision = job.Revision + 1 }).ConfigureAwait(false);
        return true;
    }

    /// <summary>Jobs matching an OData filter (see <see cref="TableClient.CreateQueryFilter(FormattableString)"/>).</summary>
    public async IAsyncEnumerable<JobRecord> QueryAsync(string? filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync().ConfigureAwait(false);
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return JobEntityMapper.FromEntity(entity);
        }
    }

    /// <summary>Deletes a job row whatever it holds (retention); its index rows are the caller's.</summary>
    internal Task DeleteAsync(string jobId, CancellationToken cancellationToken) =>
        TableRows.DeleteAsync(_table, jobId, JobEntityMapper.RowKeyFor(jobId), cancellationToken);

    internal Task EnsureCreatedAsync() => _created.RunAsync();

    /// <summary>The RowKey of a job's row (its PartitionKey is the job id), for tools that touch the table directly.</summary>
    public static string RowKeyFor(string jobId) => JobEntityMapper.RowKeyFor(jobId);

    /// <summary>Table keys may not hold '/', '\', '#', '?' or control characters.</summary>
    public static bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= 512 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
