namespace Connector.Core.Jobs;

/// <summary>
/// Which jobs to list from the job index, newest first: received between <see cref="From"/> and <see cref="To"/>
/// (default: the last 7 days), optionally of one status, kind or contact, <see cref="Limit"/> at a time, after
/// <see cref="Cursor"/> (the previous page's <see cref="JobPage.NextCursor"/>).
/// </summary>
public sealed record JobQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(7);

    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public JobStatus? Status { get; init; }
    public string? Kind { get; init; }
    public int? ContactId { get; init; }
    public string? Cursor { get; init; }
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>What is wrong with the query, or null when it can run.</summary>
    public string? Problem() =>
        Limit is < 1 or > MaxLimit ? $"limit must be between 1 and {MaxLimit}."
        : Cursor is not null && !JobIndexKeys.IsRowKey(Cursor) ? "cursor is not one this API gave out."
        : From is { } from && To is { } to && from > to ? "from must not be after to."
        : Kind is not null && !JobStore.IsValidKey(Kind) ? "kind holds a character a job kind never has."
        : null;
}
