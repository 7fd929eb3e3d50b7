using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Connector.Functions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Connector.Tests.Telemetry;

/// <summary>Which exporters the app's settings turn on. Nothing here exports: no span or measurement is made.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryStartupTests
{
    // Endpoints on loopback's discard port: even a mistaken export would not leave the machine.
    private const string ConnectionString =
        "InstrumentationKey=00000000-0000-0000-0000-0000000000c3;IngestionEndpoint=http://127.0.0.1:9/;LiveEndpoint=http://127.0.0.1:9/";
    private const string ClientId = "11111111-2222-3333-4444-555555555555";

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddConnectorTelemetry(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    [Fact]
    public async Task Azure_Monitor_settings_build_its_exporters_with_the_managed_identity_of_the_authentication_string()
    {
        // The exporter's own usage telemetry (statsbeat) would go to Microsoft's endpoints: off for this process.
        Environment.SetEnvironmentVariable("APPLICATIONINSIGHTS_STATSBEAT_DISABLED", "true");
        Environment.SetEnvironmentVariable("APPLICATIONINSIGHTS_SDKSTATS_DISABLED", "true");
        await using var provider = Build(new()
        {
            [TelemetryRegistration.AzureMonitorConnectionSetting] = ConnectionString,
            [AzureMonitorAuthentication.SettingName] = $"ClientId={ClientId};Authorization=AAD",
        }, services => services.Configure<AzureMonitorExporterOptions>(o =>
        {
            // No background traffic in a test: no live metrics, no offline files.
            o.EnableLiveMetrics = false;
            o.DisableOfflineStorage = true;
        }));

        var options = provider.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Equal(ConnectionString, options.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(options.Credential);
        // Building the providers builds the exporters (trace, metric, log); a credential asks for a token only on a send.
        Assert.NotNull(provider.GetRequiredService<TracerProvider>());
        Assert.NotNull(provider.GetRequiredService<MeterProvider>());
        Assert.Contains(provider.GetServices<ILoggerProvider>(), p => p.GetType().Namespace!.StartsWith("OpenTelemetry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_exporter_settings_no_telemetry_is_registered()
    {
        await using var provider = Build([]);

        Assert.Null(provider.GetService<TracerProvider>());
        Assert.Null(provider.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData("ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD", "11111111-2222-3333-4444-555555555555")]
    [InlineData(" Authorization = aad ; ClientId = abc ", "abc")]
    [InlineData("Authorization=AAD", null)]
    public void The_authentication_string_names_the_identity(string setting, string? clientId)
    {
        var parsed = AzureMonitorAuthentication.Parse(setting);
        Assert.NotNull(parsed);
        Assert.Equal(clientId, parsed.ClientId);
        Assert.IsType<ManagedIdentityCredential>(parsed.ToCredential());
    }

    [Fact]
    public void An_authentication_string_without_AAD_is_refused_with_the_setting_named_and_an_empty_one_means_none()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AzureMonitorAuthentication.Parse("ClientId=abc"));
        Assert.Contains(AzureMonitorAuthentication.SettingName, error.Message);
        Assert.Null(AzureMonitorAuthentication.Parse(" "));
    }
}
