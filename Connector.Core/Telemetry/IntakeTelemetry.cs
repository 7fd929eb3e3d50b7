namespace Connector.Core.Telemetry;

/// <summary>
/// Webhook outcomes decided outside <c>IntakeOutcome</c>: intake could not record the event (storage unavailable), or the
/// Functions layer refused the body before intake saw it. With the intake outcomes they are the values of
/// <see cref="TelemetryAttributes.Outcome"/> on <c>connector.webhooks</c>.
/// </summary>
public static class IntakeTelemetry
{
    public const string Error = "Error";
    public const string Rejected = "Rejected";
    public const string BodyTooLarge = "BodyTooLarge";

    /// <summary>The Functions layer refused the body as too large (413) before intake read it.</summary>
    public static void BodyRefused() => ConnectorMetrics.WebhookAnswered(Rejected, BodyTooLarge);
}
