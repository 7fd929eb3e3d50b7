namespace Connector.Core.Jobs;

/// <summary>How many jobs ended with <see cref="Status"/> (and <see cref="Reason"/>, when given) in a time window.</summary>
public sealed record OutcomeCount(JobStatus Status, string? Reason, long Count);
