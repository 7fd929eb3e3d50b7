using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Connector.Tests.Soak;

/// <summary>
/// Storage hiccups for the connector's own storage clients: while switched on, a share of requests fails before it
/// leaves (as a 503 that outlasted the SDK's retries would) and another share is held back. Once per operation, in
/// front of the SDK's retries, so a failure reaches the connector's code.
/// </summary>
public sealed class StorageFaults(int seed) : HttpPipelinePolicy
{
    private readonly Random _random = new(seed);
    private int _failed;
    private int _delayed;

    public double FailShare { get; set; }
    public double DelayShare { get; set; }
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(300);

    public int Failed => Volatile.Read(ref _failed);
    public int Delayed => Volatile.Read(ref _delayed);

    public void Off() => FailShare = DelayShare = 0;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        double roll;
        lock (_random)
        {
            roll = _random.NextDouble();
        }
        if (roll < FailShare)
        {
            Interlocked.Increment(ref _failed);
            throw new RequestFailedException(503, "Injected storage fault (soak): the service is busy.");
        }
        if (roll < FailShare + DelayShare)
        {
            Interlocked.Increment(ref _delayed);
            await Task.Delay(Delay, message.CancellationToken);
        }
        await ProcessNextAsync(message, pipeline);
    }
}
