namespace Connector.Core.Jobs;

/// <summary>Jobs that ended in one hour (UTC), by outcome.</summary>
public sealed record HourCounts(DateTimeOffset Hour, long Completed, long Skipped, long Failed);
