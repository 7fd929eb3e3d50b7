namespace Connector.Core.Jobs;

/// <summary>One page of a job list; <see cref="NextCursor"/> asks for the next one (null: this was the last).
/// <see cref="RowsRead"/> is how many table rows the page took.</summary>
public sealed record JobPage(IReadOnlyList<JobSummary> Jobs, string? NextCursor, int RowsRead);
