namespace Connector.Core.Jobs;

/// <summary>What one purge deleted: job rows, index rows (the jobs' and the failed ones') and count rows, all received before <see cref="Cutoff"/>.</summary>
public sealed record PurgeResult(DateTimeOffset Cutoff, long JobRows, long IndexRows, long CountRows);
