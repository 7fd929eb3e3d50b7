namespace Connector.Core.Jobs;

public enum ReplayOutcome
{
    Replayed,
    NotFound,
    /// <summary>Only failed jobs are replayed.</summary>
    NotFailed,
}
