namespace Connector.Core.Sync;

/// <summary>How a guarded write ended, with the contact and the plan its last attempt was based on.</summary>
internal sealed record GuardedWriteResult(GuardedWriteStatus Status, SyncContact Contact, SyncPlan Plan, int Conflicts);
