using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Connector.Core.Jobs;
using Connector.Core.Storage;

namespace Connector.Core.Sync;

/// <summary>
/// <see cref="ContactState"/> rows in the jobs table (PartitionKey <c>contact-{id}</c>, RowKey <c>state:{id}</c>, unique
/// for the reason given on <see cref="Jobs.JobEntityMapper"/>), updated with ETags so two workers on one contact cannot
/// lose each other's writes.
/// </summary>
public sealed class ContactStateStore(TableServiceClient tables, StorageNames names, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(names.JobsTable);
    private readonly AsyncOnce _created = new(() => tables.GetTableClient(names.JobsTable).CreateIfNotExistsAsync());

    public static string PartitionKeyFor(int contactId) => "contact-" + contactId.ToString(CultureInfo.InvariantCulture);

    public static string RowKeyFor(int contactId) => "state:" + contactId.ToString(CultureInfo.InvariantCulture);

    public async Task<ContactState> GetAsync(int contactId, CancellationToken cancellationToken = default)
    {
        await _created.RunAsync().ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKeyFor(contactId), RowKeyFor(contactId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue ? FromEntity(contactId, response.Value!) : new ContactState { ContactId = contactId };
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the latest state, retrying on concurrent updates. When the change returns
    /// null nothing is written and the current state is returned with <c>Applied</c> false. <paramref name="read"/> is a
    /// state just read, used for the first attempt instead of reading it again.
    /// </summary>
    public async Task<(ContactState State, bool Applied)> UpdateAsync(int contactId, Func<ContactState, ContactState?> change,
        CancellationToken cancellationToken = default, ContactState? read = null)
    {
        var (state, applied) = await OptimisticUpdate.ApplyAsync(
            ct => GetAsync(contactId, ct)!,
            current => change(current!) is { } next ? UpdateStep.Write(next) : UpdateStep.Keep<ContactState>(),
            TryWriteAsync, time, cancellationToken, firstRead: read).ConfigureAwait(false);
        return (state!, applied);
    }

    /// <summary>Inserts a new state or replaces the one read (its ETag); null when someone else wrote first.</summary>
    private async Task<ContactState?> TryWriteAsync(ContactState next, CancellationToken cancellationToken)
    {
        var entity = ToEntity(next, time.GetUtcNow());
        try
        {
            var response = next.ETag == default
                ? await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await _table.UpdateEntityAsync(entity, next.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return next with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return null;
        }
    }

    /// <summary>Replaces the state if it is unchanged since it was read (its ETag); false when someone else changed it.</summary>
    public async Task<bool> TryReplaceAsync(ContactState state, CancellationToken cancellationToken = default)
    {
        if (state.ETag == default)
        {
            return false;
        }
        try
        {
            await _table.UpdateEntityAsync(ToEntity(state, time.GetUtcNow()), state.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(ContactState state, DateTimeOffset now)
    {
        var hourAgo = now.AddHours(-1);
        return new TableEntity(PartitionKeyFor(state.ContactId), RowKeyFor(state.ContactId))
        {
            ["LastWritten"] = JsonSerializer.Serialize(state.LastWritten.ToDictionary(), ConnectorJson.Default.DictionaryStringString),
            // Only the last hour matters to the loop guard.
            ["WriteTimes"] = string.Join(",", state.WriteTimes.Where(t => t > hourAgo).Select(t => t.ToString("O", CultureInfo.InvariantCulture))),
            // As round-trip text: the comparison with event timestamps needs every fractional digit.
            ["CoveredUpdatedDate"] = state.CoveredUpdatedDate?.ToString("O", CultureInfo.InvariantCulture),
            ["CoveredReadAt"] = state.CoveredReadAt?.ToString("O", CultureInfo.InvariantCulture),
            ["CoveredJobId"] = state.CoveredJobId,
            ["LeaseJobId"] = state.LeaseJobId,
            ["LeaseUntil"] = state.LeaseUntil,
        };
    }

    private static ContactState FromEntity(int contactId, TableEntity entity) => new()
    {
        ContactId = contactId,
        LastWritten = entity.GetString("LastWritten") is { Length: > 0 } json
            ? JsonSerializer.Deserialize(json, ConnectorJson.Default.DictionaryStringString) ?? []
            : new Dictionary<string, string>(),
        WriteTimes = (entity.GetString("WriteTimes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)).ToArray(),
        CoveredUpdatedDate = ParseRoundTrip(entity.GetString("CoveredUpdatedDate")),
        CoveredReadAt = ParseRoundTrip(entity.GetString("CoveredReadAt")),
        CoveredJobId = entity.GetString("CoveredJobId"),
        LeaseJobId = entity.GetString("LeaseJobId"),
        LeaseUntil = entity.GetDateTimeOffset("LeaseUntil"),
        ETag = entity.ETag,
    };

    private static DateTimeOffset? ParseRoundTrip(string? text) =>
        string.IsNullOrEmpty(text) ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
