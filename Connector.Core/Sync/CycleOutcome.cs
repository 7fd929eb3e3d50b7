using Connector.Core.Jobs;

namespace Connector.Core.Sync;

/// <summary>
/// How one sync cycle ended: the job's outcome, or <see cref="BusyWith"/> when another job holds the contact (the job
/// then waits). <see cref="PendingStateWrite"/> is the contact-state write still running, awaited with the job's save.
/// </summary>
internal sealed record CycleOutcome(JobOutcome? Outcome, string? BusyWith = null, Task? PendingStateWrite = null);
