namespace Connector.Core.Operations;

/// <summary>
/// A webhook as SuperOffice sees it: its state, the last error and the error counters of its usage statistics (the
/// Webhook archive's <c>webhookUsage/*</c> columns; null when the archive could not be read). Never its secret, and
/// the target URL without its function key.
/// </summary>
public sealed record WebhookHealth(
    int WebhookId,
    string? Name,
    string? State,
    IReadOnlyList<string> Events,
    string? TargetUrl,
    string? LastError,
    int? ConsecutiveErrors,
    int? TotalCalls,
    int? TotalErrors,
    DateTimeOffset? LastEvent)
{
    public const string TooManyErrors = "TooManyErrors";

    /// <summary>SuperOffice stopped delivering after too many failures; only the receiver can set it back to Active.</summary>
    public bool CanReactivate => string.Equals(State, TooManyErrors, StringComparison.OrdinalIgnoreCase);
}
