using Connector.Core.SuperOffice;

namespace Connector.Core.Watchdog;

/// <summary>
/// The reconciliation decided: the action, the properties to change (<see cref="WebhookChanges"/>), the webhook as
/// SuperOffice holds it (null when missing) and its state before anything was done.
/// </summary>
public sealed record WebhookPlan(WebhookAction Action, IReadOnlyList<string> Changes, WebhookDefinition? Found)
{
    public string? FoundState => Found?.State;

    /// <summary>Events were not being delivered: the webhook was missing, or in a state other than Active.</summary>
    public bool WasDown => Found is null || !string.Equals(Found.State, WebhookDefinition.Active, StringComparison.OrdinalIgnoreCase);
}
