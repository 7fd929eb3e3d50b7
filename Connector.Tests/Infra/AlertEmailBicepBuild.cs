namespace Connector.Tests.Infra;

/// <summary>infra/main.bicep evaluated with an alert e-mail address and a shorter no-webhook time.</summary>
public sealed class AlertEmailBicepBuild : BicepBuild
{
    public const string Email = "operations@example.test";
    public const int NoWebhookHours = 3;

    protected override IReadOnlyDictionary<string, object> DeploymentParameters { get; } =
        new Dictionary<string, object>(Parameters) { ["alertEmailAddress"] = Email, ["noWebhookAlertHours"] = NoWebhookHours };
}
