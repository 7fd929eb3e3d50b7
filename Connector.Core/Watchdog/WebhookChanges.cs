namespace Connector.Core.Watchdog;

/// <summary>The names of the webhook properties a reconciliation changes, as recorded in the watchdog job.</summary>
public static class WebhookChanges
{
    public const string TargetUrl = "TargetUrl";
    public const string Events = "Events";
    public const string State = "State";
    public const string Secret = "Secret";
}
