namespace Connector.Core.Watchdog;

/// <summary>What reconciling the app's webhook with SuperOffice's comes to.</summary>
public enum WebhookAction
{
    /// <summary>SuperOffice's webhook matches the settings and is active.</summary>
    None,
    /// <summary>SuperOffice has no such webhook: register it.</summary>
    Create,
    /// <summary>Change SuperOffice's webhook (see <see cref="WebhookPlan.Changes"/>).</summary>
    Update,
    /// <summary>SuperOffice has no such webhook and <c>Webhook:TargetUrl</c> is empty, so none can be registered.</summary>
    CannotCreate,
    /// <summary>Someone stopped the webhook (<c>Stopped</c>): left as it is, an administrator's decision.</summary>
    LeaveStopped,
}
