using System.Globalization;
using Connector.Core;
using Connector.Core.Storage;
using Connector.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Bench;

/// <summary>The connector's real services for a benchmark: on the given storage, with fresh storage names, and pointed
/// at a sandbox when one is given (else with placeholder credentials that are never used to sign in).</summary>
public static class BenchServices
{
    public const string WebhookSecret = "bench-secret";

    public static ServiceProvider Create(string storage, SandboxTarget? sandbox = null, IDictionary<string, string?>? extra = null,
        Action<IServiceCollection>? configure = null) =>
        Create(storage, sandbox is null ? null : (sandbox.BaseUrl, sandbox.Options, sandbox.CompanyExplorerBaseUrl), extra, configure);

    private static ServiceProvider Create(string storage, (Uri BaseUrl, SandboxOptions Options, Uri CompanyExplorerBaseUrl)? sandbox,
        IDictionary<string, string?>? extra, Action<IServiceCollection>? configure)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage,
            ["SuperOffice:Environment"] = "sod",
            ["SuperOffice:ContextIdentifier"] = "Cust12345",
            ["SuperOffice:ApiAssociateId"] = "528",
            ["SuperOffice:ClientId"] = "bench-client",
            ["SuperOffice:ClientSecret"] = "bench-client-secret",
            ["SuperOffice:RefreshToken"] = "bench-refresh-token",
            ["SuperOffice:RedirectUri"] = "http://localhost/callback",
            ["Webhook:Secret"] = WebhookSecret,
            ["Sync:FieldMap"] = "vertical=SuperOffice:5;summary=SuperOffice:6",
        };
        if (sandbox is { Options: var o } target)
        {
            settings["SuperOffice:LoginBaseUrl"] = target.BaseUrl.ToString();
            settings["SuperOffice:ContextIdentifier"] = o.ContextIdentifier;
            settings["SuperOffice:ApiAssociateId"] = o.ApiAssociateId.ToString(CultureInfo.InvariantCulture);
            settings["SuperOffice:ClientId"] = o.ClientId;
            settings["SuperOffice:ClientSecret"] = o.ClientSecret;
            settings["SuperOffice:RefreshToken"] = o.RefreshToken;
            settings["CompanyExplorer:BaseUrl"] = target.CompanyExplorerBaseUrl.ToString();
            settings["CompanyExplorer:ApiKey"] = o.CompanyExplorerApiKey;
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(settings);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        var suffix = Guid.NewGuid().ToString("N")[..8];
        services.AddSingleton(new StorageNames { SyncQueue = "bench-" + suffix, JobsTable = "bench" + suffix, ReportsContainer = "bench-" + suffix });
        services.AddConnectorCore();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
