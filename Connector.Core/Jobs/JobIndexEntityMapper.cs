using Azure.Data.Tables;

namespace Connector.Core.Jobs;

/// <summary>Maps <see cref="JobSummary"/> to an index row (see <see cref="JobIndexKeys"/>) and back.</summary>
internal static class JobIndexEntityMapper
{
    public static TableEntity ToEntity(string partitionKey, JobSummary job) => new(partitionKey, JobIndexKeys.RowKey(job.ReceivedAt, job.JobId))
    {
        [nameof(JobSummary.JobId)] = job.JobId,
        [nameof(JobSummary.Kind)] = job.Kind,
        [nameof(JobSummary.Status)] = job.Status.ToString(),
        [nameof(JobSummary.Reason)] = job.Reason,
        [nameof(JobSummary.Event)] = job.Event,
        [nameof(JobSummary.ContactId)] = job.ContactId,
        [nameof(JobSummary.ReceivedAt)] = job.ReceivedAt,
        [nameof(JobSummary.UpdatedAt)] = job.UpdatedAt,
        [nameof(JobSummary.Attempt)] = job.Attempt,
        [nameof(JobSummary.Message)] = job.Message,
        [nameof(JobSummary.TraceId)] = job.TraceId,
        [nameof(JobSummary.Revision)] = job.Revision,
    };

    public static JobSummary FromEntity(TableEntity entity) => new(
        entity.GetString(nameof(JobSummary.JobId)) ?? entity.RowKey[20..],
        entity.GetString(nameof(JobSummary.Kind)) ?? JobKinds.ContactSync,
        Enum.TryParse<JobStatus>(entity.GetString(nameof(JobSummary.Status)), out var status) ? status : JobStatus.Received,
        entity.GetString(nameof(JobSummary.Reason)),
        entity.GetString(nameof(JobSummary.Event)),
        entity.GetInt32(nameof(JobSummary.ContactId)),
        entity.GetDateTimeOffset(nameof(JobSummary.ReceivedAt)) ?? JobIndexKeys.TimeOf(entity.RowKey),
        entity.GetDateTimeOffset(nameof(JobSummary.UpdatedAt)) ?? default,
        entity.GetInt32(nameof(JobSummary.Attempt)) ?? 0,
        entity.GetString(nameof(JobSummary.Message)),
        entity.GetString(nameof(JobSummary.TraceId)),
        entity.GetInt32(nameof(JobSummary.Revision)) ?? 0);
}
