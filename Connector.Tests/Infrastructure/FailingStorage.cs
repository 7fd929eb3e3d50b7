using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Infrastructure;

/// <summary>
/// Table requests that match fail with a 503 before they leave, once per call (outside the SDK's retries), as an outage
/// that outlasted those retries would. <see cref="AddTo"/> gives a process table clients with the fault.
/// </summary>
public sealed class FailingStorage(Func<HttpMessage, bool> fails) : HttpPipelinePolicy
{
    private int _failed;

    public int Failed => Volatile.Read(ref _failed);

    public void AddTo(IServiceCollection services, string storageConnectionString)
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        services.AddSingleton(new TableServiceClient(storageConnectionString, options));
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (fails(message))
        {
            Interlocked.Increment(ref _failed);
            throw new RequestFailedException(503, "Injected storage fault (test): the service is busy.");
        }
        await ProcessNextAsync(message, pipeline);
    }
}
