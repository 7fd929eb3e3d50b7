using Connector.Core.Intake;
using Connector.Core.Reports;
using Connector.Core.SuperOffice;
using Connector.Core.Sync;
using Connector.Core.Watchdog;
using Connector.Core.Telemetry;

namespace Connector.Core.Jobs;

/// <summary>
/// The one place a job record is made, one method per way a job comes to be. Each carries the trace it was made in
/// (<see cref="JobRecord.TraceId"/>), so an operator can go from a job to its trace.
/// </summary>
public static class JobRecords
{
    /// <summary>A webhook event: the job id is its EventId, so every delivery of one event lands on one job.</summary>
    public static JobRecord ForWebhook(WebhookPayload payload, int deliveryRetry, DateTimeOffset now) => new()
    {
        JobId = WebhookJobId(payload.EventId),
        Kind = JobKinds.ContactSync,
        Status = JobStatus.Received,
        Event = payload.Event,
        ContactId = payload.PrimaryKey,
        ContextIdentifier = payload.ContextIdentifier,
        ChangedByAssociateId = payload.ChangedByAssociateId,
        EventTimestamp = payload.Timestamp,
        Changes = payload.Changes,
        ReceivedAt = now,
        UpdatedAt = now,
        TraceId = TraceContext.CurrentTraceId(),
        DeliveryRetry = deliveryRetry,
    };

    /// <summary>The job id of a webhook event.</summary>
    public static string WebhookJobId(Guid eventId) => eventId.ToString("D");

    /// <summary>A sync an operator or the connector itself asked for (CLI <c>sync</c>, backfill, recovery): no event guards apply.</summary>
    public static JobRecord ForManualSync(string jobId, int contactId, string? tenant, DateTimeOffset now, string note) => new()
    {
        JobId = jobId,
        Kind = JobKinds.ContactSync,
        Status = JobStatus.Received,
        Event = SyncEvents.Manual,
        ContactId = contactId,
        ContextIdentifier = tenant,
        ReceivedAt = now,
        UpdatedAt = now,
        TraceId = TraceContext.CurrentTraceId(),
        Message = note,
    };

    /// <summary>A queue message whose job row is missing (written by hand, or its row was deleted): recorded as it arrives.</summary>
    public static JobRecord ForOrphanMessage(SyncMessage message, DateTimeOffset now) => new()
    {
        JobId = message.JobId,
        Kind = JobKinds.ContactSync,
        Status = JobStatus.Queued,
        Event = message.Event,
        ContactId = message.ContactId,
        ContextIdentifier = message.ContextIdentifier,
        ChangedByAssociateId = message.ChangedByAssociateId,
        EventTimestamp = message.EventTimestamp,
        Changes = message.Changes,
        ReceivedAt = now,
        UpdatedAt = now,
        TraceId = TraceContext.CurrentTraceId(),
    };

    /// <summary>The queue message that runs a sync job.</summary>
    public static SyncMessage MessageFor(JobRecord job) =>
        new(job.JobId, job.ContactId ?? throw new InvalidOperationException($"Job {job.JobId} has no contact."),
            job.Event ?? SyncEvents.Manual, job.EventTimestamp, job.Changes, job.ChangedByAssociateId ?? 0, job.ContextIdentifier);

    /// <summary>A product report run, claimed by whoever inserts it (see <see cref="RunClaims"/>).</summary>
    public static JobRecord ForReport(ReportRun run, DateTimeOffset now) => new()
    {
        JobId = run.JobId,
        Kind = JobKinds.Report,
        Status = JobStatus.Received,
        Event = run.Trigger,
        EventTimestamp = run.ScheduledFor,
        ReceivedAt = now,
        UpdatedAt = now,
        TraceId = TraceContext.CurrentTraceId(),
    };

    /// <summary>A watchdog pass, claimed by whoever inserts it (see <see cref="RunClaims"/>).</summary>
    public static JobRecord ForWatchdog(WatchdogRun run, DateTimeOffset now) => new()
    {
        JobId = run.JobId,
        Kind = JobKinds.Watchdog,
        Status = JobStatus.Received,
        Event = run.Trigger,
        EventTimestamp = run.ScheduledFor,
        ReceivedAt = now,
        UpdatedAt = now,
    };
}
