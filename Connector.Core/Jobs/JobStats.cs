namespace Connector.Core.Jobs;

/// <summary>
/// Jobs that ended in the last 24 hours and the last 7 days, by outcome and by outcome and reason, and per hour for
/// the chart. A window counts whole hours: the current one and the 23 (or 167) before it.
/// <see cref="RowsRead"/> is how many table rows the answer took.
/// </summary>
public sealed record JobStats(
    DateTimeOffset Now,
    IReadOnlyList<OutcomeCount> Last24Hours,
    IReadOnlyList<OutcomeCount> Last7Days,
    IReadOnlyList<HourCounts> Hours,
    int RowsRead);
