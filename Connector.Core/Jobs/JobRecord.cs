using Azure;

namespace Connector.Core.Jobs;

/// <summary>
/// One job in table <c>jobs</c>. Never holds a secret: only ids, names, times, statuses and what was changed.
/// </summary>
public sealed record JobRecord
{
    public required string JobId { get; init; }
    public required string Kind { get; init; }
    public JobStatus Status { get; init; }
    public string? Reason { get; init; }
    public string? Event { get; init; }
    public int? ContactId { get; init; }
    public string? ContextIdentifier { get; init; }
    public int? ChangedByAssociateId { get; init; }
    public DateTimeOffset? EventTimestamp { get; init; }
    public IReadOnlyList<string> Changes { get; init; } = [];
    public DateTimeOffset ReceivedAt { get; init; }
    /// <summary>The delivery's <c>X-SuperOffice-Retry</c> count.</summary>
    public int DeliveryRetry { get; init; }
    public DateTimeOffset? QueuedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>How many times processing has started.</summary>
    public int Attempt { get; init; }
    /// <summary>A short human-readable note (the cause of a retry or failure).</summary>
    public string? Message { get; init; }
    /// <summary>Area-specific details as JSON (fields written, call counts, step times, report blobs).</summary>
    public string? Details { get; init; }
    /// <summary>Until when the delivery that recorded this job owns queueing it (see WebhookIntake).</summary>
    public DateTimeOffset? ClaimedUntil { get; init; }

    /// <summary>The W3C trace id of the trace the job ran in (from the webhook's request on), for finding it in telemetry.</summary>
    public string? TraceId { get; init; }

    /// <summary>How many times the row was written (1 when inserted); the job index follows the highest it has seen.</summary>
    public int Revision { get; init; }

    public ETag ETag { get; init; }

    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Skipped or JobStatus.Failed;
}
