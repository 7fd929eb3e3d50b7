namespace Connector.Core.Intake;

/// <summary>The message on queue <c>contact-sync</c>: which job to run and the event facts the worker's guards need.</summary>
public sealed record SyncMessage(
    string JobId,
    int ContactId,
    string Event,
    DateTimeOffset? EventTimestamp,
    IReadOnlyList<string> Changes,
    int ChangedByAssociateId,
    string? ContextIdentifier);
