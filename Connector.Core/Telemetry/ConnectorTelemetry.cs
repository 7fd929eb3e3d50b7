using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Connector.Core.Telemetry;

/// <summary>
/// The connector's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <see cref="Name"/>. Core
/// emits through them with <c>System.Diagnostics</c> alone; which exporter (if any) listens is the host's choice, and
/// with no listener a span is never created and a measurement costs a flag check.
/// </summary>
public static class ConnectorTelemetry
{
    public const string Name = "Connector";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);
}
