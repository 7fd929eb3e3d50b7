using Azure;
using Azure.Data.Tables;
using Connector.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Jobs;

/// <summary>
/// Deletes jobs received more than <c>Jobs:RetentionDays</c> ago, found through the job index: round after round, it
/// reads at most <c>Jobs:PurgeBatchSize</c> index rows of expired hours, deletes their job rows, then the index rows
/// themselves in one batch transaction per partition. Memory holds one round whatever the number of rows; a purge
/// that stops halfway leaves index rows whose jobs are gone, which the next purge deletes. Count rows of expired days
/// go too. <paramref name="scanJobRows"/> also finds expired job rows that have no index row (written before the
/// index existed): that query passes every job row.
/// </summary>
public sealed class JobRetention(
    TableServiceClient tables,
    StorageNames names,
    JobStore store,
    JobIndex index,
    IOptionsMonitor<JobsOptions> options,
    TimeProvider time,
    ILogger<JobRetention> logger)
{
    private const int ParallelDeletes = 8;
    private readonly TableClient _table = tables.GetTableClient(names.JobsTable);

    public DateTimeOffset CutoffFor(DateTimeOffset now) => now - TimeSpan.FromDays(options.CurrentValue.RetentionDays);

    public async Task<PurgeResult> PurgeAsync(bool scanJobRows = false, IProgress<PurgeResult>? progress = null, CancellationToken cancellationToken = default)
    {
        await store.EnsureCreatedAsync().ConfigureAwait(false);
        var cutoff = CutoffFor(time.GetUtcNow());
        var batch = options.CurrentValue.PurgeBatchSize;
        var result = new PurgeResult(cutoff, 0, 0, 0);
        logger.LogInformation("Purging jobs received before {Cutoff:o}", cutoff);

        var expiredJobs = Expired(JobIndexKeys.JobsPrefix, cutoff);
        while (await ReadBatchAsync(expiredJobs, batch, cancellationToken).ConfigureAwait(false) is { Count: > 0 } rows)
        {
            await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = ParallelDeletes, CancellationToken = cancellationToken },
                async (row, ct) => await store.DeleteAsync(JobIndexEntityMapper.FromEntity(row).JobId, ct).ConfigureAwait(false)).ConfigureAwait(false);
            await DeleteRowsAsync(rows, cancellationToken).ConfigureAwait(false);
            result = result with { JobRows = result.JobRows + rows.Count, IndexRows = result.IndexRows + rows.Count };
            progress?.Report(result);
        }

        var expiredFailed = Expired(JobIndexKeys.FailedPrefix, cutoff);
        while (await ReadBatchAsync(expiredFailed, batch, cancellationToken).ConfigureAwait(false) is { Count: > 0 } rows)
        {
            await DeleteRowsAsync(rows, cancellationToken).ConfigureAwait(false);
            result = result with { IndexRows = result.IndexRows + rows.Count };
        }

        // A day's counts go once the whole day is past the cutoff.
        var expiredCounts = TableClient.CreateQueryFilter(
            $"PartitionKey ge {JobIndexKeys.StatsPrefix} and PartitionKey lt {JobIndexKeys.StatsPartition(cutoff)}");
        while (await ReadBatchAsync(expiredCounts, batch, cancellationToken).ConfigureAwait(false) is { Count: > 0 } rows)
        {
            await DeleteRowsAsync(rows, cancellationToken).ConfigureAwait(false);
            result = result with { CountRows = result.CountRows + rows.Count };
        }

        if (scanJobRows)
        {
            var expiredRows = JobEntityMapper.RowFilter + " and " + TableClient.CreateQueryFilter($"ReceivedAt lt {cutoff.ToUniversalTime()}");
            while (await ReadBatchAsync(expiredRows, batch, cancellationToken).ConfigureAwait(false) is { Count: > 0 } rows)
            {
                await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = ParallelDeletes, CancellationToken = cancellationToken },
                    async (row, ct) =>
                    {
                        await index.ForgetAsync(JobSummary.From(JobEntityMapper.FromEntity(row)), ct).ConfigureAwait(false);
                        await TableRows.DeleteAsync(_table, row.PartitionKey, row.RowKey, ct).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                result = result with { JobRows = result.JobRows + rows.Count };
                progress?.Report(result);
            }
        }

        logger.LogInformation("Purged {JobRows} jobs, {IndexRows} index rows and {CountRows} count rows received before {Cutoff:o}",
            result.JobRows, result.IndexRows, result.CountRows, cutoff);
        return result;
    }

    /// <summary>Index rows of <paramref name="prefix"/> of jobs received before <paramref name="cutoff"/>.</summary>
    private static string Expired(string prefix, DateTimeOffset cutoff) => TableClient.CreateQueryFilter(
        $"PartitionKey ge {JobIndexKeys.PartitionFloor(prefix, cutoff)} and PartitionKey lt {JobIndexKeys.PrefixEnd(prefix)} and RowKey ge {JobIndexKeys.TimeKeyAfter(cutoff)}");

    /// <summary>The first rows the filter finds; the rows deleted by the round before are gone, so each round starts afresh.</summary>
    private async Task<List<TableEntity>> ReadBatchAsync(string filter, int batch, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>(batch);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: batch, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
            if (rows.Count == batch)
            {
                break;
            }
        }
        return rows;
    }

    private async Task DeleteRowsAsync(List<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
        {
            var actions = partition.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.PartitionKey, r.RowKey), ETag.All));
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException)
            {
                // One row went meanwhile (a concurrent purge): delete the rest one by one.
                foreach (var row in partition)
                {
                    await TableRows.DeleteAsync(_table, row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
