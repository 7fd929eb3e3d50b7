using Connector.Core.Jobs;

namespace Connector.Core.Sync;

/// <summary>
/// What one enrichment means for a contact (see <see cref="SyncDecisions.Plan"/>): the fields to write with the values
/// each write must still find (<see cref="Diff"/>), or, when there is nothing to write or it is a dry run, how the job
/// ends (<see cref="Outcome"/>).
/// </summary>
public sealed record SyncPlan(SyncDiff.Result Diff, JobOutcome? Outcome)
{
    public bool Writes => Outcome is null;
}
