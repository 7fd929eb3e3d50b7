using Azure;
using Azure.Data.Tables;
using Connector.Core.Storage;

namespace Connector.Core.Jobs;

/// <summary>
/// Reads the job index (see <see cref="JobIndexKeys"/>): lists of jobs newest first, the failed ones, and the counts
/// by outcome. A list is one range query over the partitions of its time range and returns only the rows it shows
/// (plus one to know whether there is more); a filter on kind or contact is applied by the table service within that
/// range. Failed jobs have their own partitions, so listing them never passes other jobs.
/// </summary>
public sealed class JobHistory(TableServiceClient tables, StorageNames names, JobCounts counts, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(names.JobsTable);

    public async Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(query));
        }
        var to = query.To ?? time.GetUtcNow();
        var from = query.From ?? to - JobQuery.DefaultRange;
        var prefix = query.Status == JobStatus.Failed ? JobIndexKeys.FailedPrefix : JobIndexKeys.JobsPrefix;
        var newest = query.Cursor is { } cursor && JobIndexKeys.TimeOf(cursor) < to ? JobIndexKeys.TimeOf(cursor) : to;

        var conditions = new List<string>
        {
            TableClient.CreateQueryFilter($"PartitionKey ge {JobIndexKeys.PartitionFloor(prefix, newest)}"),
            TableClient.CreateQueryFilter($"PartitionKey lt {JobIndexKeys.PartitionCeiling(prefix, from)}"),
            TableClient.CreateQueryFilter($"RowKey ge {JobIndexKeys.TimeKey(to)}"),
            TableClient.CreateQueryFilter($"RowKey lt {JobIndexKeys.TimeKeyAfter(from)}"),
        };
        if (query.Cursor is not null)
        {
            conditions.Add(TableClient.CreateQueryFilter($"RowKey gt {query.Cursor}"));
        }
        if (query.Status is { } status && status != JobStatus.Failed)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Status eq {status.ToString()}"));
        }
        if (query.Kind is { } kind)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Kind eq {kind}"));
        }
        if (query.ContactId is { } contactId)
        {
            conditions.Add(TableClient.CreateQueryFilter($"ContactId eq {contactId}"));
        }

        var jobs = new List<JobSummary>(query.Limit + 1);
        var read = 0;
        string? lastRowKey = null;
        try
        {
            await foreach (var page in _table.QueryAsync<TableEntity>(string.Join(" and ", conditions), maxPerPage: query.Limit + 1, cancellationToken: cancellationToken)
                               .AsPages().ConfigureAwait(false))
            {
                foreach (var row in page.Values)
                {
                    read++;
                    if (jobs.Count == query.Limit)
                    {
                        return new JobPage(jobs, lastRowKey, read);
                    }
                    jobs.Add(JobIndexEntityMapper.FromEntity(row));
                    lastRowKey = row.RowKey;
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No jobs table yet.
        }
        return new JobPage(jobs, null, read);
    }

    /// <summary>Failed jobs received since <paramref name="since"/>, newest first.</summary>
    public Task<JobPage> FailedAsync(DateTimeOffset since, string? cursor = null, int limit = JobQuery.DefaultLimit, CancellationToken cancellationToken = default) =>
        ListAsync(new JobQuery { Status = JobStatus.Failed, From = since, Cursor = cursor, Limit = limit }, cancellationToken);

    /// <summary>The counts of the last 24 hours and 7 days, and per hour of the 7 days.</summary>
    public async Task<JobStats> StatsAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var thisHour = new DateTimeOffset(JobIndexKeys.HourOf(now) * TimeSpan.TicksPerHour, TimeSpan.Zero);
        var firstHour = thisHour.AddHours(-167);
        var dayAgo = thisHour.AddHours(-23);
        var (hours, rows, read) = await counts.ReadAsync(firstHour, thisHour, cancellationToken).ConfigureAwait(false);
        return new JobStats(now, Sum(rows.Where(r => r.Hour >= dayAgo)), Sum(rows), hours, read);
    }

    private static List<OutcomeCount> Sum(IEnumerable<(DateTimeOffset Hour, JobStatus Status, string? Reason, long Count)> rows) =>
        rows.GroupBy(r => (r.Status, r.Reason))
            .Select(g => new OutcomeCount(g.Key.Status, g.Key.Reason, g.Sum(r => r.Count)))
            .OrderBy(c => c.Status).ThenBy(c => c.Reason is null ? 0 : 1).ThenByDescending(c => c.Count).ThenBy(c => c.Reason, StringComparer.Ordinal)
            .ToList();
}
