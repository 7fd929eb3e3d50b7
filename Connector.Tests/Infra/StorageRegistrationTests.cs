using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Connector.Core;
using Connector.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Infra;

/// <summary>
/// The app's own storage clients read <c>AzureWebJobsStorage</c> in the two forms the Functions host does:
/// a connection string (Azurite, local runs) and the identity-based settings infra/main.bicep writes
/// (<c>AzureWebJobsStorage__accountName</c>, the three service URIs, <c>__credential</c>, <c>__clientId</c>).
/// Unit tests: nothing here talks to a network.
/// </summary>
public sealed class StorageRegistrationTests
{
    private const string ClientId = "6b0b4d5e-8f1f-4e8a-9c1d-2f7a3c5e9b10";

    [Fact]
    public void A_connection_string_makes_clients_for_that_account()
    {
        using var services = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        var connection = services.GetRequiredService<StorageConnection>();
        Assert.False(connection.UsesIdentity);
        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);

        var blob = services.GetRequiredService<BlobServiceClient>();
        var queue = services.GetRequiredService<QueueServiceClient>();
        var table = services.GetRequiredService<TableServiceClient>();
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), blob.Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), queue.Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), table.Uri);
        Assert.All(new[] { blob.AccountName, queue.AccountName, table.AccountName }, name => Assert.Equal("devstoreaccount1", name));
    }

    [Fact]
    public void An_account_name_with_a_user_assigned_identity_makes_clients_for_the_account_endpoints()
    {
        // As the Functions host gets them in Azure: environment variables with "__" for the section separator.
        using var services = BuildFromEnvironment(new()
        {
            ["AzureWebJobsStorage__accountName"] = "stconnector",
            ["AzureWebJobsStorage__credential"] = "managedidentity",
            ["AzureWebJobsStorage__clientId"] = ClientId,
        });

        var connection = services.GetRequiredService<StorageConnection>();
        Assert.True(connection.UsesIdentity);
        Assert.Null(connection.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);

        Assert.Equal(new Uri("https://stconnector.blob.core.windows.net/"), services.GetRequiredService<BlobServiceClient>().Uri);
        Assert.Equal(new Uri("https://stconnector.queue.core.windows.net/"), services.GetRequiredService<QueueServiceClient>().Uri);
        Assert.Equal(new Uri("https://stconnector.table.core.windows.net/"), services.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal("stconnector", services.GetRequiredService<QueueServiceClient>().AccountName);
    }

    [Fact]
    public void Explicit_service_uris_win_over_the_account_name()
    {
        using var services = Build(new()
        {
            ["AzureWebJobsStorage:accountName"] = "stignored",
            ["AzureWebJobsStorage:blobServiceUri"] = "https://stconnector.blob.core.windows.net/",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://stconnector.queue.core.windows.net/",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://stconnector.table.core.windows.net/",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = ClientId,
        });

        var connection = services.GetRequiredService<StorageConnection>();
        Assert.Null(connection.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
        Assert.Equal(new Uri("https://stconnector.blob.core.windows.net/"), services.GetRequiredService<BlobServiceClient>().Uri);
        Assert.Equal(new Uri("https://stconnector.queue.core.windows.net/"), services.GetRequiredService<QueueServiceClient>().Uri);
        Assert.Equal(new Uri("https://stconnector.table.core.windows.net/"), services.GetRequiredService<TableServiceClient>().Uri);
    }

    [Fact]
    public void Service_uris_without_a_credential_setting_use_the_default_credential_chain()
    {
        using var services = Build(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://stconnector.blob.core.windows.net/",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://stconnector.queue.core.windows.net/",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://stconnector.table.core.windows.net/",
        });

        var connection = services.GetRequiredService<StorageConnection>();
        Assert.Null(connection.ConnectionString);
        Assert.IsType<DefaultAzureCredential>(connection.Credential);
        Assert.Equal(new Uri("https://stconnector.queue.core.windows.net/"), services.GetRequiredService<QueueServiceClient>().Uri);
    }

    [Fact]
    public void A_missing_setting_fails_naming_AzureWebJobsStorage()
    {
        using var services = Build(new() { ["SuperOffice:Environment"] = "sod" });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<QueueServiceClient>());
        Assert.Contains("AzureWebJobsStorage", error.Message);
        Assert.Contains("accountName", error.Message);
    }

    [Fact]
    public void Only_some_service_uris_without_an_account_name_fail_naming_the_missing_one()
    {
        using var services = Build(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://stconnector.blob.core.windows.net/",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<BlobServiceClient>());
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", error.Message);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", error.Message);
        Assert.DoesNotContain("AzureWebJobsStorage__blobServiceUri", error.Message);
    }

    [Theory]
    [InlineData("stconnector.queue.core.windows.net")]
    [InlineData("not a url")]
    public void A_service_uri_that_is_not_an_absolute_url_fails_naming_it(string value)
    {
        // Reported, not quietly replaced by the account name's endpoint.
        using var services = Build(new()
        {
            ["AzureWebJobsStorage:accountName"] = "stconnector",
            ["AzureWebJobsStorage:queueServiceUri"] = value,
        });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<QueueServiceClient>());
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", error.Message);
        Assert.Contains("absolute", error.Message);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return Compose(configuration);
    }

    /// <summary>Reads the settings through the environment variable provider, as the Functions worker does.</summary>
    private static ServiceProvider BuildFromEnvironment(Dictionary<string, string> settings)
    {
        var prefix = $"CONNECTOR_TEST_{Guid.NewGuid():N}_";
        foreach (var (key, value) in settings)
        {
            Environment.SetEnvironmentVariable(prefix + key, value);
        }
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            var services = Compose(configuration);
            _ = services.GetRequiredService<StorageConnection>();
            return services;
        }
        finally
        {
            foreach (var key in settings.Keys)
            {
                Environment.SetEnvironmentVariable(prefix + key, null);
            }
        }
    }

    private static ServiceProvider Compose(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddConnectorStorage();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
