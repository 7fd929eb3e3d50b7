using Connector.Core.Jobs;
using Connector.Core.Sync;

namespace Connector.Cli;

/// <summary>The job record of a sync an operator asked for (<c>sync</c>, <c>backfill</c>): event <c>manual</c>, so no event guards apply.</summary>
public static class ManualSyncJob
{
    public static JobRecord Create(string jobId, int contactId, string? tenant, DateTimeOffset now, JobStatus status, string message) => new()
    {
        JobId = jobId,
        Kind = JobKinds.ContactSync,
        Status = status,
        Event = SyncEvents.Manual,
        ContactId = contactId,
        ContextIdentifier = tenant,
        ReceivedAt = now,
        UpdatedAt = now,
        Message = message,
    };
}
