namespace Connector.Tests.Telemetry;

/// <summary>
/// Tests that listen to the connector's ActivitySource and Meter. Both are process-wide, so these run on their own,
/// after the parallel tests: nothing another test does reaches their exporters.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
