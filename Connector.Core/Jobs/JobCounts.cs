using System.Globalization;
using Azure.Data.Tables;
using Connector.Core.Storage;

namespace Connector.Core.Jobs;

/// <summary>
/// Counts of ended jobs per hour and outcome (see <see cref="JobIndexKeys"/>: one partition per day, a few rows per
/// hour), kept by <see cref="JobIndex"/> as jobs end, so that the page's counts read at most
/// 24 × 8 × <see cref="JobIndexKeys.StatsShards"/> rows whatever the number of jobs. Each count is an ETag-guarded
/// read-add-write (<see cref="OptimisticUpdate"/>).
/// </summary>
public sealed class JobCounts(TableServiceClient tables, StorageNames names, TimeProvider time)
{
    private const char ReasonSeparator = '_';
    private readonly TableClient _table = tables.GetTableClient(names.JobsTable);

    /// <summary>Counts one job that ended at <paramref name="at"/> with <paramref name="status"/> and <paramref name="reason"/>.</summary>
    public async Task AddAsync(DateTimeOffset at, string jobId, JobStatus status, string? reason, CancellationToken cancellationToken = default)
    {
        var partition = JobIndexKeys.StatsPartition(at);
        var rowKey = JobIndexKeys.StatsRowKey(at, JobIndexKeys.ShardOf(jobId));
        var names = reason is null ? [status.ToString()] : new[] { status.ToString(), status + ReasonSeparator.ToString() + PropertyName(reason) };
        await OptimisticUpdate.ApplyAsync(
            ct => TableRows.ReadAsync(_table, partition, rowKey, ct),
            row =>
            {
                row ??= new TableEntity(partition, rowKey);
                foreach (var name in names)
                {
                    row[name] = (row.GetInt64(name) ?? 0) + 1;
                }
                return UpdateStep.Write(row);
            },
            (row, ct) => TableRows.TryWriteAsync(_table, row, ct),
            time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The counts of the hours from <paramref name="firstHour"/> to <paramref name="lastHour"/> (both UTC hour starts).</summary>
    public async Task<(IReadOnlyList<HourCounts> Hours, IReadOnlyList<(DateTimeOffset Hour, JobStatus Status, string? Reason, long Count)> Rows, int RowsRead)> ReadAsync(
        DateTimeOffset firstHour, DateTimeOffset lastHour, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {JobIndexKeys.StatsPartition(firstHour)} and PartitionKey le {JobIndexKeys.StatsPartition(lastHour)}");
        var perHour = new Dictionary<DateTimeOffset, (long Completed, long Skipped, long Failed)>();
        var counts = new List<(DateTimeOffset, JobStatus, string?, long)>();
        var read = 0;
        try
        {
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                read++;
                var hour = JobIndexKeys.StatsHourOf(row.RowKey);
                if (hour < firstHour || hour > lastHour)
                {
                    continue;
                }
                foreach (var (name, value) in row)
                {
                    if (value is not (int or long) || !TryParse(name, out var status, out var reason))
                    {
                        continue;
                    }
                    var count = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                    counts.Add((hour, status, reason, count));
                    if (reason is null)
                    {
                        var (c, s, f) = perHour.GetValueOrDefault(hour);
                        perHour[hour] = status switch
                        {
                            JobStatus.Completed => (c + count, s, f),
                            JobStatus.Skipped => (c, s + count, f),
                            JobStatus.Failed => (c, s, f + count),
                            _ => (c, s, f),
                        };
                    }
                }
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // No jobs table yet: nothing was counted.
        }

        var hours = new List<HourCounts>();
        for (var hour = firstHour; hour <= lastHour; hour = hour.AddHours(1))
        {
            var (c, s, f) = perHour.GetValueOrDefault(hour);
            hours.Add(new HourCounts(hour, c, s, f));
        }
        return (hours, counts, read);
    }

    /// <summary>A reason as a table property name: letters, digits and '_' only.</summary>
    private static string PropertyName(string reason) =>
        string.Concat(reason.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));

    private static bool TryParse(string name, out JobStatus status, out string? reason)
    {
        var separator = name.IndexOf(ReasonSeparator);
        reason = separator < 0 ? null : name[(separator + 1)..];
        return Enum.TryParse(separator < 0 ? name : name[..separator], out status) && status is JobStatus.Completed or JobStatus.Skipped or JobStatus.Failed;
    }
}
