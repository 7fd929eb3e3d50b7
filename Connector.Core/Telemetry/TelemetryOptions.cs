namespace Connector.Core.Telemetry;

/// <summary>
/// Section <c>Telemetry</c>. The exporters themselves are chosen by their standard settings
/// (<c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>, <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>); this holds the connector's own.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Write spans, metrics and logs to the console (local use: see them without a collector).</summary>
    public bool Console { get; set; }
}
