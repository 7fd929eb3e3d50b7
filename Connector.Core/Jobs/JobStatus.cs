namespace Connector.Core.Jobs;

/// <summary>Where a job is in its life. Stored by name.</summary>
public enum JobStatus
{
    Received,
    Queued,
    Processing,
    Retrying,
    Completed,
    Skipped,
    Failed,
}
