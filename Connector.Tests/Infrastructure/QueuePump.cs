using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Connector.Core.Storage;
using Connector.Functions;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Infrastructure;

/// <summary>
/// The queue-trigger part of the Functions host for tests: receives messages from the sync queue and calls the real
/// <see cref="ContactSyncFunction"/> with them; a message whose function throws becomes visible again and goes to the
/// poison queue after <c>maxDequeueCount</c> deliveries, as the host does.
/// </summary>
public sealed class QueuePump(IServiceProvider services, ContactSyncFunction function, int maxDequeueCount = 5)
{
    private readonly StorageNames _names = services.GetRequiredService<StorageNames>();
    private readonly QueueServiceClient _queues = services.GetRequiredService<QueueServiceClient>();

    private int _processed;

    public int Processed => _processed;
    public List<Exception> Errors { get; } = [];

    /// <summary>
    /// Runs messages until the queue holds none at all, counting those not yet visible (a retry scheduled with a delay
    /// waits for its turn): then every message the system queued has been handled. Fails after <paramref name="timeout"/>.
    /// </summary>
    public async Task RunUntilIdleAsync(TimeSpan? timeout = null, int concurrency = 1)
    {
        var queue = _queues.GetQueueClient(_names.SyncQueue);
        await queue.CreateIfNotExistsAsync();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline)
        {
            QueueMessage[] batch = await queue.ReceiveMessagesAsync(concurrency, TimeSpan.FromSeconds(30));
            if (batch.Length > 0)
            {
                await Task.WhenAll(batch.Select(message => HandleAsync(queue, message)));
                continue;
            }
            if ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The sync queue still held messages when the time was up.");
    }

    private async Task HandleAsync(QueueClient queue, QueueMessage message)
    {
        try
        {
            await function.Run(message, CancellationToken.None);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            Interlocked.Increment(ref _processed);
        }
        catch (Exception e)
        {
            lock (Errors)
            {
                Errors.Add(e);
            }
            if (message.DequeueCount >= maxDequeueCount)
            {
                var poison = _queues.GetQueueClient(_names.PoisonQueue);
                await poison.CreateIfNotExistsAsync();
                await poison.SendMessageAsync(message.Body);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
            }
        }
    }
}
