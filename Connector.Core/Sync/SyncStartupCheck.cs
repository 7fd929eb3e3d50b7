using Connector.Core.SuperOffice;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Sync;

/// <summary>
/// At start-up: warns about <c>Sync:WatchedFields</c> names that are no contact table column (a webhook never lists
/// them, so they never trigger enrichment), and resolves the field map against the published UDF layout (an unknown
/// target stops the app, naming it).
/// </summary>
public sealed class SyncStartupCheck(SyncFieldMap fieldMap, IOptions<SyncOptions> options, ILogger<SyncStartupCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var name in options.Value.WatchedFieldSet.Where(n => !ContactTableColumns.Contains(n)))
        {
            logger.LogWarning("Sync:WatchedFields names {Column}, which is not a column of SuperOffice's contact table: no contact.changed lists it, " +
                              "so it never triggers enrichment", name);
        }
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
