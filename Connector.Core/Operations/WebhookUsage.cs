namespace Connector.Core.Operations;

/// <summary>One row of the Webhook archive's usage columns.</summary>
public sealed record WebhookUsage(int? ConsecutiveErrors, int? TotalCalls, int? TotalErrors, string? LastError, DateTimeOffset? LastEvent);
