using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Connector.Tests.Infrastructure;

/// <summary>
/// Runs test code before or after matching storage requests: a seam to stage a race (a write landing between a read
/// and a conditional update, a write held back) on the real Azurite.
/// </summary>
public sealed class StorageRequestHook(Func<HttpMessage, bool> match, Func<HttpMessage, Task>? before = null, Func<HttpMessage, Task>? after = null)
    : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var hit = match(message);
        if (hit && before is not null)
        {
            await before(message);
        }
        await ProcessNextAsync(message, pipeline);
        if (hit && after is not null)
        {
            await after(message);
        }
    }

    /// <summary>A table service client on the test Azurite whose requests pass through this hook.</summary>
    public async Task<TableServiceClient> TableServiceAsync()
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return new TableServiceClient(await Azurite.GetConnectionStringAsync(), options);
    }

    /// <summary>A blob service client on the test Azurite whose requests pass through this hook.</summary>
    public async Task<BlobServiceClient> BlobServiceAsync()
    {
        var options = new BlobClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return new BlobServiceClient(await Azurite.GetConnectionStringAsync(), options);
    }
}
