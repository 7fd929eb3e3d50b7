namespace Connector.Core.Jobs;

/// <summary>
/// A job as the job index holds it: what a list shows, without the details (read the job itself for those).
/// <see cref="Revision"/> is the job row's revision this summary was made from.
/// </summary>
public sealed record JobSummary(
    string JobId,
    string Kind,
    JobStatus Status,
    string? Reason,
    string? Event,
    int? ContactId,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    int Attempt,
    string? Message,
    string? TraceId,
    int Revision)
{
    /// <summary>The note is cut to this length in the index; the job row has it whole.</summary>
    public const int MaxMessageLength = 500;

    public static JobSummary From(JobRecord job) => new(
        job.JobId, job.Kind, job.Status, job.Reason, job.Event, job.ContactId, job.ReceivedAt, job.UpdatedAt, job.Attempt,
        job.Message is { Length: > MaxMessageLength } message ? message[..(MaxMessageLength - 1)] + "…" : job.Message,
        job.TraceId, job.Revision);

    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Skipped or JobStatus.Failed;
}
