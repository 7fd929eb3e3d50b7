using System.Text.Json;

namespace Connector.Core.Jobs;

/// <summary>A job as the API and the CLI show it: the record without storage internals, details as JSON.</summary>
public sealed record JobView(
    string JobId,
    string Kind,
    JobStatus Status,
    string? Reason,
    string? Event,
    int? ContactId,
    int? ChangedByAssociateId,
    DateTimeOffset? EventTimestamp,
    IReadOnlyList<string> Changes,
    DateTimeOffset ReceivedAt,
    int DeliveryRetry,
    DateTimeOffset? QueuedAt,
    DateTimeOffset UpdatedAt,
    int Attempt,
    string? Message,
    JsonElement? Details,
    string? TraceId = null)
{
    public static JobView From(JobRecord job) => new(
        job.JobId, job.Kind, job.Status, job.Reason, job.Event, job.ContactId, job.ChangedByAssociateId,
        job.EventTimestamp, job.Changes, job.ReceivedAt, job.DeliveryRetry, job.QueuedAt, job.UpdatedAt,
        job.Attempt, job.Message, ParseDetails(job.Details), job.TraceId);

    private static JsonElement? ParseDetails(string? details)
    {
        if (string.IsNullOrWhiteSpace(details))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(details);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(details, ConnectorJson.Default.String);
        }
    }
}
