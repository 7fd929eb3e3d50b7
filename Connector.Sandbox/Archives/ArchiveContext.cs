namespace Connector.Sandbox.Archives;

/// <summary>What a query is relative to: the caller (for <c>currentAssociate</c>) and now (for <c>today</c>, <c>thisWeek</c>, ...).</summary>
public sealed record ArchiveContext(int CurrentAssociateId, DateTime UtcNow);
