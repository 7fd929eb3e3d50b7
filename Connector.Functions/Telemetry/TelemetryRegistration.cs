using Azure.Monitor.OpenTelemetry.Exporter;
using Connector.Core.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Connector.Functions.Telemetry;

/// <summary>
/// OpenTelemetry in the worker, as the Functions isolated-worker documentation describes it
/// (<c>UseFunctionsWorkerDefaults</c>, host.json <c>"telemetryMode": "OpenTelemetry"</c>), with the exporters the settings
/// ask for: Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (ingesting with the managed identity of
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>), OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, the console when
/// <c>Telemetry__Console</c> is true. With none of them nothing is registered: no listener, so no span is made.
/// </summary>
public static class TelemetryRegistration
{
    public const string AzureMonitorConnectionSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <param name="exporters">More exporters (tests: in-memory); given, telemetry is on even without settings.</param>
    public static IServiceCollection AddConnectorTelemetry(this IServiceCollection services, IConfiguration configuration,
        Action<IOpenTelemetryBuilder>? exporters = null)
    {
        var azureMonitor = configuration[AzureMonitorConnectionSetting];
        var otlp = configuration[OtlpEndpointSetting];
        var console = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>()?.Console == true;
        if (string.IsNullOrWhiteSpace(azureMonitor) && string.IsNullOrWhiteSpace(otlp) && !console && exporters is null)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            // The connector's spans, its outbound HTTP calls included (OutboundCallTelemetry): storage calls are not traced.
            .WithTracing(tracing => tracing.AddSource(ConnectorTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(ConnectorTelemetry.Name))
            // Log scopes carry the job's id and contact (JobLogScope) into every log record.
            .WithLogging(configureBuilder: null, configureOptions: logs =>
            {
                logs.IncludeScopes = true;
                logs.IncludeFormattedMessage = true;
            });

        if (!string.IsNullOrWhiteSpace(azureMonitor))
        {
            var identity = AzureMonitorAuthentication.Parse(configuration[AzureMonitorAuthentication.SettingName]);
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = azureMonitor;
                if (identity is not null)
                {
                    options.Credential = identity.ToCredential();
                }
            });
        }
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            // Reads OTEL_EXPORTER_OTLP_ENDPOINT (and the other OTEL_EXPORTER_OTLP_* settings) itself.
            telemetry.UseOtlpExporter();
        }
        if (console)
        {
            telemetry.WithTracing(t => t.AddConsoleExporter())
                .WithMetrics(m => m.AddConsoleExporter())
                .WithLogging(l => l.AddConsoleExporter());
        }
        exporters?.Invoke(telemetry);
        return services;
    }
}
