using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connector.Core.Telemetry;

/// <summary>
/// The Azure SDK (storage, identity) reports its problems on event sources, not to <see cref="ILogger"/>; this copies
/// its warnings and errors into the app's logs (category <see cref="Category"/>), so they reach the same place as ours.
/// The SDK redacts headers and query values in what it writes.
/// </summary>
public sealed class AzureSdkLogForwarder(ILoggerFactory loggers) : IHostedService, IDisposable
{
    public const string Category = "Azure.Sdk";

    private AzureEventSourceListener? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(Category);
        _listener ??= new AzureEventSourceListener(
            (e, message) => logger.Log(e.Level <= EventLevel.Error ? LogLevel.Error : LogLevel.Warning,
                "Azure SDK {Source} {Event}: {Message}", e.EventSource.Name, e.EventName, message),
            EventLevel.Warning);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _listener = null;
    }
}
