using Connector.Core;
using Connector.Core.Configuration;
using Connector.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Infrastructure;

/// <summary>
/// The connector's real services (as Program.cs composes them) on the test Azurite, with storage names unique
/// to one test so tests can run in parallel on one Azurite.
/// </summary>
public static partial class TestServices
{
    public const string WebhookSecret = "whsec-current-7f3a";
    public const string PreviousWebhookSecret = "whsec-previous-19c2";
    public const string Tenant = "Cust12345";
    public const int ApiAssociateId = 528;
    public const string ClientId = "test-client-id";
    public const string ClientSecret = "test-client-secret-5d1e";
    public const string RefreshToken = "test-refresh-token-93ab";

    public static Dictionary<string, string?> DefaultSettings(string storage) => new()
    {
        ["AzureWebJobsStorage"] = storage,
        ["SuperOffice:Environment"] = "sod",
        ["SuperOffice:ContextIdentifier"] = Tenant,
        ["SuperOffice:ApiAssociateId"] = ApiAssociateId.ToString(),
        ["SuperOffice:ClientId"] = ClientId,
        ["SuperOffice:ClientSecret"] = ClientSecret,
        ["SuperOffice:RefreshToken"] = RefreshToken,
        ["Webhook:Secret"] = WebhookSecret,
        ["Webhook:PreviousSecret"] = PreviousWebhookSecret,
        ["CompanyExplorer:BaseUrl"] = "http://127.0.0.1:9/companyexplorer",
        ["CompanyExplorer:ApiKey"] = "test-ce-key",
        ["Sync:FieldMap"] = "vertical=SuperOffice:5;summary=SuperOffice:6",
    };

    public static StorageNames UniqueNames()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        return new StorageNames
        {
            SyncQueue = "contact-sync-" + suffix,
            JobsTable = "jobs" + suffix,
            ReportsContainer = "reports-" + suffix,
        };
    }

    public static async Task<ServiceProvider> CreateAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null,
        ILoggerProvider? logs = null)
    {
        var values = DefaultSettings(await Azurite.GetConnectionStringAsync());
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(values);
        configuration.AddLegacySettingAliases();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Debug);
            if (logs is not null)
            {
                builder.AddProvider(logs);
            }
        });
        services.AddSingleton(UniqueNames());
        services.AddConnectorCore();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
