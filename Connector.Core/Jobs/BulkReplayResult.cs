namespace Connector.Core.Jobs;

/// <summary>A bulk replay's items; <see cref="More"/> says that more failed jobs matched than one request replays.</summary>
public sealed record BulkReplayResult(IReadOnlyList<ReplayItem> Items, bool More)
{
    public int Replayed => Items.Count(i => i.Outcome == ReplayOutcome.Replayed);
}
