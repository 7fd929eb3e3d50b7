namespace Connector.Core.Recovery;

/// <summary>One company a recovery found: its job, and whether this run queued it (false: it was queued before).</summary>
public sealed record RecoveredCompany(int ContactId, string JobId, bool Queued);
