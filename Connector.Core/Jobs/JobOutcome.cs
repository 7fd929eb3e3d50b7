namespace Connector.Core.Jobs;

/// <summary>How a job ended: its final status, the reason code (always for Skipped and Failed) and a short note.</summary>
public sealed record JobOutcome(JobStatus Status, string? Reason, string? Message)
{
    public static JobOutcome Completed(string? reason, string message) => new(JobStatus.Completed, reason, message);
    public static JobOutcome Skipped(string reason, string message) => new(JobStatus.Skipped, reason, message);
    public static JobOutcome Failed(string reason, string message) => new(JobStatus.Failed, reason, message);
}
