namespace Connector.Core.Intake;

/// <summary>
/// The message on queue <c>contact-sync</c>: which job to run, the event facts the worker's guards need, and the W3C
/// <c>traceparent</c> of the trace the job belongs to (null when none was recorded).
/// </summary>
public sealed record SyncMessage(
    string JobId,
    int ContactId,
    string Event,
    DateTimeOffset? EventTimestamp,
    IReadOnlyList<string> Changes,
    int ChangedByAssociateId,
    string? ContextIdentifier,
    string? TraceParent = null);
