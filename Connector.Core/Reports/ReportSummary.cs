namespace Connector.Core.Reports;

/// <summary>
/// The diagnostics of one report run (<c>summary-{stamp}.json</c>, and the job's <c>Details</c>): how many sales
/// each stage kept, and when the report is empty, which stage dropped the rows.
/// </summary>
public sealed record ReportSummary
{
    public required string JobId { get; init; }
    public required string Trigger { get; init; }
    public DateTimeOffset? ScheduledFor { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset CompletedAt { get; init; }
    public long DurationMs { get; init; }

    public int PagesFetched { get; init; }
    public int SalesRead { get; init; }
    public int SalesWithCompany { get; init; }
    public int SalesWithoutCompany { get; init; }
    public int SalesWithProduct { get; init; }
    /// <summary>Sales with a company whose heading named no product.</summary>
    public int SalesWithoutProduct { get; init; }
    /// <summary>Up to 20 distinct headings (of sales with a company) that matched no product.</summary>
    public IReadOnlyList<string> SampleUnmatchedHeadings { get; init; } = [];

    public int SalesProductRows { get; init; }
    public int CustomerProductRows { get; init; }
    public int Customers { get; init; }
    /// <summary>The distinct products found; in the job's <c>Details</c> only the first ones when they would not fit (<see cref="ProductsTruncated"/>).</summary>
    public IReadOnlyList<string> Products { get; init; } = [];
    /// <summary>How many distinct products were found (also when <see cref="Products"/> is truncated).</summary>
    public int ProductCount { get; init; }
    /// <summary>True in a job's <c>Details</c> whose <see cref="Products"/> were cut to fit a table property; the summary blob has them all.</summary>
    public bool ProductsTruncated { get; init; }
    /// <summary>How many product family names were matched on; null when not used or not available.</summary>
    public int? ProductFamilies { get; init; }
    public string? ProductFamiliesProblem { get; init; }

    public bool Empty { get; init; }
    /// <summary>When empty: <see cref="ReportEmptyStage"/> code of the stage that dropped the rows.</summary>
    public string? EmptyStage { get; init; }
    public string? EmptyReason { get; init; }

    public required ReportBlobNames Blobs { get; init; }
    public required ReportSettings Settings { get; init; }
}
