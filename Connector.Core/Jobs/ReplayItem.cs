namespace Connector.Core.Jobs;

/// <summary>What a replay did with one job, and the job's status afterwards (null when there is no such job).</summary>
public sealed record ReplayItem(string JobId, ReplayOutcome Outcome, JobStatus? Status);
