using System.Text.Json;
using Azure.Core;
using Azure.Data.Tables;

namespace Connector.Tests.Infrastructure;

/// <summary>
/// Counts what the table service answers to reads: the entities of every query page and point read, as they come
/// over the wire (not what our code says it read). The connector's services use its client when it is registered.
/// </summary>
public sealed class TableReadCounter
{
    private long _entities;
    private long _requests;
    private long _maxPerResponse;

    public long Entities => Interlocked.Read(ref _entities);
    public long Requests => Interlocked.Read(ref _requests);
    /// <summary>The most entities one answer held.</summary>
    public long MaxPerResponse => Interlocked.Read(ref _maxPerResponse);

    public void Reset()
    {
        Interlocked.Exchange(ref _entities, 0);
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _maxPerResponse, 0);
    }

    public async Task<TableServiceClient> TableServiceAsync() =>
        await new StorageRequestHook(m => m.Request.Method == RequestMethod.Get, after: Count).TableServiceAsync();

    private Task Count(HttpMessage message)
    {
        Interlocked.Increment(ref _requests);
        if (message.Response.Status != 200 || message.Response.ContentStream is not { CanSeek: true } stream)
        {
            return Task.CompletedTask;
        }
        var position = stream.Position;
        try
        {
            using var document = JsonDocument.Parse(stream);
            var count = document.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
                ? value.GetArrayLength()
                : document.RootElement.TryGetProperty("PartitionKey", out _) ? 1 : 0;
            Interlocked.Add(ref _entities, count);
            for (var max = MaxPerResponse; count > max && Interlocked.CompareExchange(ref _maxPerResponse, count, max) != max; max = MaxPerResponse)
            {
            }
        }
        catch (JsonException)
        {
        }
        finally
        {
            stream.Position = position;
        }
        return Task.CompletedTask;
    }
}
