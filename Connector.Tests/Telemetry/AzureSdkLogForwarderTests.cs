using Azure;
using Azure.Storage.Blobs;
using Connector.Core.Storage;
using Connector.Core.Telemetry;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class AzureSdkLogForwarderTests
{
    [Fact]
    public async Task The_Azure_SDKs_warnings_reach_the_apps_logs_without_the_storage_key()
    {
        var logs = new CapturingLoggerProvider();
        await using var services = await TestServices.CreateAsync(logs: logs);
        var forwarder = services.GetServices<IHostedService>().OfType<AzureSdkLogForwarder>().Single();
        await forwarder.StartAsync(CancellationToken.None);
        try
        {
            // A blob that does not exist: the SDK reports the 404 answer as a warning on its event source.
            var blobs = services.GetRequiredService<BlobServiceClient>();
            var container = services.GetRequiredService<StorageNames>().ReportsContainer;
            await Assert.ThrowsAsync<RequestFailedException>(() => blobs.GetBlobContainerClient(container).GetBlobClient("missing.csv").DownloadContentAsync());

            await Eventually.TrueAsync(() => logs.Entries.Any(e => e.Category == AzureSdkLogForwarder.Category && e.Level == LogLevel.Warning && e.Text.Contains("404")),
                "the SDK's warning about the 404 in the app's logs");
        }
        finally
        {
            await forwarder.StopAsync(CancellationToken.None);
        }
        var key = (await Azurite.GetConnectionStringAsync()).Split(';').Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];
        Assert.DoesNotContain(logs.Entries, e => e.Text.Contains(key, StringComparison.Ordinal));
    }
}
