namespace Connector.Core.Jobs;

/// <summary>
/// What <see cref="SyncJobEnqueuer"/> did. <see cref="Settled"/> is the <c>Queued</c> mark still being written after the
/// message went out: the event is safe already, so a caller in a hurry (intake) answers before it ends. It never faults.
/// </summary>
public sealed record EnqueueResult(EnqueueOutcome Outcome, JobRecord Job)
{
    public Task Settled { get; init; } = Task.CompletedTask;
}
