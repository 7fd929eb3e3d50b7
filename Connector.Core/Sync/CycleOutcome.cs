using Connector.Core.Jobs;

namespace Connector.Core.Sync;

/// <summary>How one sync cycle ended; <see cref="BusyWith"/> set means another job holds the contact.</summary>
internal sealed record CycleOutcome(JobStatus Status, string? Reason, string? Message, string? BusyWith = null)
{
    /// <summary>The contact-state write still running when the cycle returned; it is awaited with the job's save.</summary>
    public Task? PendingStateWrite { get; init; }

    public static CycleOutcome Skipped(string reason, string message) => new(JobStatus.Skipped, reason, message);
    public static CycleOutcome Completed(string? reason, string message) => new(JobStatus.Completed, reason, message);
    public static CycleOutcome Busy(string otherJobId) => new(JobStatus.Queued, null, $"Waiting: job {otherJobId} is working on this contact.", otherJobId);
}
