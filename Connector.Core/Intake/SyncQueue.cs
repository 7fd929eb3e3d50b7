using System.Text.Json;
using Azure.Storage.Queues;
using Connector.Core.Storage;

namespace Connector.Core.Intake;

/// <summary>
/// Writes <see cref="SyncMessage"/>s to queue <c>contact-sync</c>, encoded as the queue trigger reads them
/// (<see cref="StorageClients.MessageEncoding"/>, matching host.json).
/// </summary>
public sealed class SyncQueue(QueueServiceClient queues, StorageNames names)
{
    private readonly QueueClient _queue = queues.GetQueueClient(names.SyncQueue);
    private readonly AsyncOnce _created = new(() => queues.GetQueueClient(names.SyncQueue).CreateIfNotExistsAsync());

    public QueueClient Client => _queue;

    public async Task SendAsync(SyncMessage message, TimeSpan? visibilityDelay = null, CancellationToken cancellationToken = default)
    {
        await _created.RunAsync().ConfigureAwait(false);
        await _queue.SendMessageAsync(Serialize(message), visibilityDelay, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Moves a message to <c>contact-sync-poison</c>, where the host would put it, encoded the same way.</summary>
    public async Task SendToPoisonAsync(SyncMessage message, CancellationToken cancellationToken = default)
    {
        var poison = queues.GetQueueClient(names.PoisonQueue);
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await poison.SendMessageAsync(Serialize(message), timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public static string Serialize(SyncMessage message) => JsonSerializer.Serialize(message, ConnectorJson.Default.SyncMessage);

    public static SyncMessage Deserialize(string text) =>
        JsonSerializer.Deserialize(text, ConnectorJson.Default.SyncMessage)
        ?? throw new JsonException("The queue message is empty.");
}
