using Azure;

namespace Connector.Core.Sync;

/// <summary>
/// What the worker remembers per contact: the values it last wrote (for <see cref="OverwritePolicy.OverwriteOwn"/>
/// and the unreadable-UDF echo check), when it wrote (the loop guard), and which change it has already served
/// (coalescing: an event not newer than <see cref="CoveredUpdatedDate"/> was seen by an earlier enrichment).
/// </summary>
public sealed record ContactState
{
    public required int ContactId { get; init; }
    public IReadOnlyDictionary<string, string> LastWritten { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<DateTimeOffset> WriteTimes { get; init; } = [];
    /// <summary>The contact's UpdatedDate as read by the last completed enrichment (before our own write).</summary>
    public DateTimeOffset? CoveredUpdatedDate { get; init; }
    /// <summary>When (our clock) the last completed enrichment started reading the contact.</summary>
    public DateTimeOffset? CoveredReadAt { get; init; }
    /// <summary>The job of that enrichment: its own message, delivered again, is not covered by it (see <see cref="SyncDecisions.IsCovered"/>).</summary>
    public string? CoveredJobId { get; init; }
    /// <summary>The job working on this contact now; other jobs for it wait (so one enrichment serves them all).</summary>
    public string? LeaseJobId { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public ETag ETag { get; init; }

    public bool IsLeasedByOther(string jobId, DateTimeOffset now) => LeaseJobId is not null && LeaseJobId != jobId && LeaseUntil > now;

    public int WritesSince(DateTimeOffset since) => WriteTimes.Count(t => t > since);

    /// <summary>The state once these values are known to be in the contact's fields because of us: from now on they count as ours.</summary>
    public ContactState WithOwn(IReadOnlyDictionary<string, string> values) => values.Count == 0
        ? this
        : this with { LastWritten = LastWritten.Concat(values).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value) };

    /// <summary>The state with a write made at <paramref name="at"/>; applying it twice (a retried state write) counts it once.</summary>
    public ContactState WithWriteAt(DateTimeOffset at) => WriteTimes.Contains(at) ? this : this with { WriteTimes = [.. WriteTimes, at] };
}
