using Azure.Data.Tables;

namespace Connector.Core.Jobs;

/// <summary>
/// Conditions on job records, as the OData filter <see cref="JobStore.QueryAsync"/> takes (always limited to the job
/// rows, <see cref="JobEntityMapper.RowFilter"/>).
/// </summary>
public sealed record JobFilter
{
    public JobStatus? Status { get; init; }
    /// <summary>Jobs received at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }
    public int? ContactId { get; init; }
    public string? Kind { get; init; }

    public string ToODataFilter()
    {
        var conditions = new List<string> { JobEntityMapper.RowFilter };
        if (Status is { } status)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Status eq {status.ToString()}"));
        }
        if (Since is { } since)
        {
            conditions.Add(TableClient.CreateQueryFilter($"ReceivedAt ge {since.ToUniversalTime()}"));
        }
        if (ContactId is { } contactId)
        {
            conditions.Add(TableClient.CreateQueryFilter($"ContactId eq {contactId}"));
        }
        if (Kind is { } kind)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Kind eq {kind}"));
        }
        return string.Join(" and ", conditions);
    }
}
