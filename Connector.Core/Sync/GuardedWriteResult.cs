namespace Connector.Core.Sync;

/// <summary>How a guarded write ended, with the contact and the decision its last attempt was based on.</summary>
internal sealed record GuardedWriteResult(GuardedWriteStatus Status, SyncContact Contact, SyncDiff.Result Diff, int Conflicts);
