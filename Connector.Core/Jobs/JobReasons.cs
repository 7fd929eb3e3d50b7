namespace Connector.Core.Jobs;

/// <summary>The reason codes a job carries with <see cref="JobStatus.Skipped"/>, <see cref="JobStatus.Failed"/> and some completions.</summary>
public static class JobReasons
{
    public const string SelfChange = "SelfChange";
    public const string Duplicate = "Duplicate";
    public const string NoRelevantChange = "NoRelevantChange";
    public const string NoChange = "NoChange";
    public const string LoopSuspected = "LoopSuspected";
    public const string ContactNotFound = "ContactNotFound";
    public const string NotEnrichable = "NotEnrichable";
    public const string Superseded = "Superseded";
    /// <summary>A dry run (<c>Sync:DryRun</c>, the CLI's <c>sync --dry-run</c>): the job records what it would have written.</summary>
    public const string DryRun = "DryRun";
    /// <summary>Company Explorer refused the request for good (not a transient error).</summary>
    public const string EnrichmentFailed = "EnrichmentFailed";
    /// <summary>A mapped field changed between our read and our write, and again after we read it once more: nothing written.</summary>
    public const string ConcurrentEdit = "ConcurrentEdit";
    /// <summary>Transient failures went on past <c>Sync:MaxAttempts</c>; the message is in the poison queue.</summary>
    public const string RetriesExhausted = "RetriesExhausted";
    /// <summary>An unexpected error on the host's last delivery of the message.</summary>
    public const string UnexpectedError = "Error";
}
