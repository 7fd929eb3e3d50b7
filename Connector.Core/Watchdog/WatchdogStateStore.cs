using System.Globalization;
using Azure.Data.Tables;
using Connector.Core.Storage;

namespace Connector.Core.Watchdog;

/// <summary>
/// The watchdog's row in the jobs table (PartitionKey <c>watchdog</c>, RowKey <c>state:webhook</c>, apart from the job
/// rows' <c>job:</c> range). Every write is a merge of the properties it owns: intake's last-event mark and the
/// watchdog's own properties never overwrite each other, and a pass runs alone (its run claim), so no ETag is needed.
/// </summary>
public sealed class WatchdogStateStore(TableServiceClient tables, StorageNames names)
{
    public const string PartitionKey = "watchdog";
    public const string RowKey = "state:webhook";

    private const string LastEventAt = nameof(WatchdogState.LastEventAt);
    private const string SecretFingerprint = nameof(WatchdogState.SecretFingerprint);
    private const string RecoveryFrom = "PendingRecoveryFrom";
    private const string RecoveryTo = "PendingRecoveryTo";
    private const string RecoveredThrough = nameof(WatchdogState.RecoveredThrough);

    private readonly TableClient _table = tables.GetTableClient(names.JobsTable);
    private readonly AsyncOnce _created = new(() => tables.GetTableClient(names.JobsTable).CreateIfNotExistsAsync());

    public async Task<WatchdogState> GetAsync(CancellationToken cancellationToken = default)
    {
        await _created.RunAsync().ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return new WatchdogState();
        }
        var entity = response.Value!;
        return new WatchdogState
        {
            LastEventAt = Read(entity, LastEventAt),
            SecretFingerprint = entity.GetString(SecretFingerprint) is { Length: > 0 } fingerprint ? fingerprint : null,
            PendingRecovery = Read(entity, RecoveryFrom) is { } from && Read(entity, RecoveryTo) is { } to ? new RecoveryWindow(from, to) : null,
            RecoveredThrough = Read(entity, RecoveredThrough),
        };
    }

    public Task RecordEventAsync(DateTimeOffset at, CancellationToken cancellationToken = default) =>
        MergeAsync(new() { [LastEventAt] = Text(at) }, cancellationToken);

    public Task SaveFingerprintAsync(string fingerprint, CancellationToken cancellationToken = default) =>
        MergeAsync(new() { [SecretFingerprint] = fingerprint }, cancellationToken);

    /// <summary>Records a recovery before its first job is queued, so that a pass that stops is resumed over the same window.</summary>
    public Task StartRecoveryAsync(RecoveryWindow window, CancellationToken cancellationToken = default) =>
        MergeAsync(new() { [RecoveryFrom] = Text(window.From), [RecoveryTo] = Text(window.To) }, cancellationToken);

    /// <summary>The window is covered: no recovery pending, and nothing before <paramref name="through"/> needs one.</summary>
    public Task EndRecoveryAsync(DateTimeOffset through, CancellationToken cancellationToken = default) =>
        MergeAsync(new() { [RecoveryFrom] = "", [RecoveryTo] = "", [RecoveredThrough] = Text(through) }, cancellationToken);

    private async Task MergeAsync(Dictionary<string, object> values, CancellationToken cancellationToken)
    {
        await _created.RunAsync().ConfigureAwait(false);
        await _table.UpsertEntityAsync(new TableEntity(values) { PartitionKey = PartitionKey, RowKey = RowKey }, TableUpdateMode.Merge, cancellationToken)
            .ConfigureAwait(false);
    }

    // Round-trip text (not a table DateTime): a merge cannot set a property to null, and "" is the empty value here.
    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Read(TableEntity entity, string name) =>
        entity.GetString(name) is { Length: > 0 } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : null;
}
