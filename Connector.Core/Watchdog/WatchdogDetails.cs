namespace Connector.Core.Watchdog;

/// <summary>What a watchdog pass found and did, as its job's <c>Details</c>. The target URL is masked; no secret.</summary>
public sealed record WatchdogDetails
{
    public int? WebhookId { get; init; }
    public string? FoundState { get; init; }
    public required string Action { get; init; }
    public IReadOnlyList<string> Changes { get; init; } = [];
    public string? TargetUrl { get; init; }
    public string? StateNow { get; init; }
    public DateTimeOffset? LastEventAt { get; init; }
    public string Recovery { get; init; } = nameof(RecoveryKind.None);
    public string? RecoveryReason { get; init; }
    public DateTimeOffset? WindowFrom { get; init; }
    public DateTimeOffset? WindowTo { get; init; }
    public bool? WindowCompleted { get; init; }
    public int? Companies { get; init; }
    public int? Queued { get; init; }
    public int? Existing { get; init; }
}
