using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Sync;

/// <summary>Resolves the field map against the UDF layout at start-up: an unknown target stops the app, naming it.</summary>
public sealed class SyncStartupCheck(SyncFieldMap fieldMap, ILogger<SyncStartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await fieldMap.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OptionsValidationException)
        {
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // SuperOffice may be down while we start; the first job resolves the map instead.
            logger.LogWarning("The UDF layout could not be read at start-up ({Error}); the field map is resolved on the first job", e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
