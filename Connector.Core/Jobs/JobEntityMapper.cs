using Azure.Data.Tables;

namespace Connector.Core.Jobs;

/// <summary>
/// Maps <see cref="JobRecord"/> to a table row and back (PartitionKey = job id, RowKey = <c>job:{job id}</c>).
/// <para>The RowKey is unique by itself on purpose: the local storage emulator slows down on rows that share a RowKey
/// (docs/benchmarks.md); Azure Table storage does not care either way.</para>
/// </summary>
internal static class JobEntityMapper
{
    private const string RowKeyPrefix = "job:";

    /// <summary>The job rows, apart from the other rows in the table (contact states): a RowKey range.</summary>
    public const string RowFilter = "RowKey ge 'job:' and RowKey lt 'job;'";

    public static string RowKeyFor(string jobId) => RowKeyPrefix + jobId;

    public static TableEntity ToEntity(JobRecord job)
    {
        var entity = new TableEntity(job.JobId, RowKeyFor(job.JobId))
        {
            [nameof(JobRecord.Kind)] = job.Kind,
            [nameof(JobRecord.Status)] = job.Status.ToString(),
            [nameof(JobRecord.Reason)] = job.Reason,
            [nameof(JobRecord.Event)] = job.Event,
            [nameof(JobRecord.ContactId)] = job.ContactId,
            [nameof(JobRecord.ContextIdentifier)] = job.ContextIdentifier,
            [nameof(JobRecord.ChangedByAssociateId)] = job.ChangedByAssociateId,
            [nameof(JobRecord.EventTimestamp)] = job.EventTimestamp,
            [nameof(JobRecord.Changes)] = string.Join(",", job.Changes),
            [nameof(JobRecord.ReceivedAt)] = job.ReceivedAt,
            [nameof(JobRecord.DeliveryRetry)] = job.DeliveryRetry,
            [nameof(JobRecord.QueuedAt)] = job.QueuedAt,
            [nameof(JobRecord.UpdatedAt)] = job.UpdatedAt,
            [nameof(JobRecord.Attempt)] = job.Attempt,
            [nameof(JobRecord.Message)] = job.Message,
            [nameof(JobRecord.Details)] = job.Details,
            [nameof(JobRecord.ClaimedUntil)] = job.ClaimedUntil,
            [nameof(JobRecord.TraceId)] = job.TraceId,
            [nameof(JobRecord.Revision)] = job.Revision,
        };
        entity.ETag = job.ETag;
        return entity;
    }

    public static JobRecord FromEntity(TableEntity entity) => new()
    {
        JobId = entity.PartitionKey,
        Kind = entity.GetString(nameof(JobRecord.Kind)) ?? JobKinds.ContactSync,
        Status = Enum.TryParse<JobStatus>(entity.GetString(nameof(JobRecord.Status)), out var status) ? status : JobStatus.Received,
        Reason = entity.GetString(nameof(JobRecord.Reason)),
        Event = entity.GetString(nameof(JobRecord.Event)),
        ContactId = entity.GetInt32(nameof(JobRecord.ContactId)),
        ContextIdentifier = entity.GetString(nameof(JobRecord.ContextIdentifier)),
        ChangedByAssociateId = entity.GetInt32(nameof(JobRecord.ChangedByAssociateId)),
        EventTimestamp = entity.GetDateTimeOffset(nameof(JobRecord.EventTimestamp)),
        Changes = (entity.GetString(nameof(JobRecord.Changes)) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        ReceivedAt = entity.GetDateTimeOffset(nameof(JobRecord.ReceivedAt)) ?? default,
        DeliveryRetry = entity.GetInt32(nameof(JobRecord.DeliveryRetry)) ?? 0,
        QueuedAt = entity.GetDateTimeOffset(nameof(JobRecord.QueuedAt)),
        UpdatedAt = entity.GetDateTimeOffset(nameof(JobRecord.UpdatedAt)) ?? default,
        Attempt = entity.GetInt32(nameof(JobRecord.Attempt)) ?? 0,
        Message = entity.GetString(nameof(JobRecord.Message)),
        Details = entity.GetString(nameof(JobRecord.Details)),
        ClaimedUntil = entity.GetDateTimeOffset(nameof(JobRecord.ClaimedUntil)),
        TraceId = entity.GetString(nameof(JobRecord.TraceId)),
        Revision = entity.GetInt32(nameof(JobRecord.Revision)) ?? 0,
        ETag = entity.ETag,
    };
}
