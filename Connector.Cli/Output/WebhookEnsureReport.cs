namespace Connector.Cli.Output;

/// <summary>What <c>webhook ensure</c> found and did (or, with <c>--dry-run</c>, would do). The target URL is masked.</summary>
public sealed record WebhookEnsureReport(
    bool DryRun, string Action, IReadOnlyList<string> Changes, int? WebhookId, string? FoundState, string? StateNow, string? TargetUrl, string? JobId, string? Error);
