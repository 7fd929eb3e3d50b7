using System.Globalization;

namespace Connector.Core.Jobs;

/// <summary>
/// Where the job index lives in table <c>jobs</c>, next to the job rows. Index rows sit in one partition per hour of
/// the job's <see cref="JobRecord.ReceivedAt"/>, and both keys run backwards in time, so that one ascending range query
/// returns the newest jobs first and reads only the rows it returns:
/// <list type="bullet">
/// <item>every job: PartitionKey <c>idx-{inverted hour}-{yyyyMMddHH}</c>, RowKey <c>{inverted ticks}-{job id}</c>;</item>
/// <item>a failed job also: PartitionKey <c>idxf-{inverted hour}-{yyyyMMddHH}</c>, the same RowKey (removed when it is replayed);</item>
/// <item>outcome counts per hour: PartitionKey <c>stats-{yyyyMMdd}</c>, RowKey <c>{yyyyMMddHH}-{shard}</c>.</item>
/// </list>
/// None of these RowKeys starts with <c>job:</c> or <c>state:</c>, so the job and contact-state rows never mix with them.
/// </summary>
public static class JobIndexKeys
{
    public const string JobsPrefix = "idx-";
    public const string FailedPrefix = "idxf-";
    public const string StatsPrefix = "stats-";

    /// <summary>Counts of one hour are spread over this many rows, so that workers ending jobs together rarely update the same row.</summary>
    public const int StatsShards = 4;

    private const long MaxHour = 99_999_999;
    private static readonly long MaxTicks = DateTimeOffset.MaxValue.UtcTicks;

    public static long HourOf(DateTimeOffset time) => time.UtcTicks / TimeSpan.TicksPerHour;

    /// <summary>The partition of jobs received in <paramref name="time"/>'s hour (UTC).</summary>
    public static string JobsPartition(DateTimeOffset time) => Partition(JobsPrefix, time);

    public static string FailedPartition(DateTimeOffset time) => Partition(FailedPrefix, time);

    /// <summary>The lowest key of any partition of <paramref name="prefix"/> for this hour or an older one (keys run backwards).</summary>
    public static string PartitionFloor(string prefix, DateTimeOffset time) =>
        prefix + (MaxHour - HourOf(time)).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>The first key past the partitions of <paramref name="prefix"/> of hours up to <paramref name="time"/>'s (older hours sort after it).</summary>
    public static string PartitionCeiling(string prefix, DateTimeOffset time) =>
        prefix + (MaxHour - HourOf(time) + 1).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>The first key after every partition of <paramref name="prefix"/> (<c>-</c> is followed by <c>.</c>).</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + ".";

    public static string RowKey(DateTimeOffset receivedAt, string jobId) => TimeKey(receivedAt) + "-" + jobId;

    /// <summary>The RowKey prefix of a job received at <paramref name="time"/>; a RowKey at least this is of a job received at or before it.</summary>
    public static string TimeKey(DateTimeOffset time) => (MaxTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>A RowKey below this is of a job received at or after <paramref name="time"/>.</summary>
    public static string TimeKeyAfter(DateTimeOffset time) => (MaxTicks - time.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="rowKey"/> has the shape of an index RowKey (a paging cursor comes back from clients).</summary>
    public static bool IsRowKey(string? rowKey) =>
        rowKey is { Length: > 20 } && rowKey[19] == '-' && rowKey.AsSpan(0, 19).IndexOfAnyExceptInRange('0', '9') < 0 && JobStore.IsValidKey(rowKey);

    /// <summary>The receipt time written into an index RowKey.</summary>
    public static DateTimeOffset TimeOf(string rowKey) =>
        new(MaxTicks - long.Parse(rowKey.AsSpan(0, 19), CultureInfo.InvariantCulture), TimeSpan.Zero);

    public static string StatsPartition(DateTimeOffset hour) => StatsPrefix + hour.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string StatsRowKey(DateTimeOffset hour, int shard) =>
        hour.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture) + "-" + shard.ToString(CultureInfo.InvariantCulture);

    /// <summary>The hour a stats RowKey counts.</summary>
    public static DateTimeOffset StatsHourOf(string rowKey) =>
        new(DateTime.ParseExact(rowKey.AsSpan(0, 10), "yyyyMMddHH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);

    /// <summary>A stable shard per job id (string.GetHashCode changes between processes).</summary>
    public static int ShardOf(string jobId)
    {
        var hash = 0u;
        foreach (var c in jobId)
        {
            hash = (hash * 31) + c;
        }
        return (int)(hash % StatsShards);
    }

    private static string Partition(string prefix, DateTimeOffset time) =>
        PartitionFloor(prefix, time) + "-" + time.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
}
