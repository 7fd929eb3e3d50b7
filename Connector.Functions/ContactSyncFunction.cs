using System.Text.Json;
using Azure.Storage.Queues.Models;
using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Core.Storage;
using Connector.Core.Sync;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Connector.Functions;

/// <summary>The sync worker: one message from <c>contact-sync</c> = one run of the sync cycle.</summary>
public sealed class ContactSyncFunction(ContactSyncProcessor processor, JobLifecycle jobs, ILogger<ContactSyncFunction> logger)
{
    /// <summary>
    /// host.json's <c>extensions.queues.maxDequeueCount</c> (a test keeps the two equal): after this many deliveries the
    /// host moves a message to <c>contact-sync-poison</c>. Not <c>Sync:MaxAttempts</c>, which counts the worker's own
    /// delayed retries of transient errors (each a new message), so the two limits are independent.
    /// </summary>
    public const int MaxDequeueCount = 5;

    [Function("ContactSync")]
    public async Task Run([QueueTrigger(StorageNames.DefaultSyncQueue)] QueueMessage message, CancellationToken cancellationToken)
    {
        SyncMessage sync;
        try
        {
            sync = SyncQueue.Deserialize(message.Body.ToString());
        }
        catch (JsonException e)
        {
            // Not ours to guess at: the host retries, then keeps it in contact-sync-poison for a person to look at.
            throw new InvalidOperationException($"Queue message {message.MessageId} is not a sync message: {e.Message}");
        }

        try
        {
            await processor.ProcessAsync(sync, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && message.DequeueCount >= MaxDequeueCount)
        {
            // An unexpected error on the last delivery: the host moves the message to poison; the job must say so.
            logger.LogError(e, "Job {JobId} failed on its last delivery", sync.JobId);
            await jobs.FailIfUnendedAsync(sync.JobId, JobOutcome.Failed(JobReasons.UnexpectedError, e.GetType().Name + ": " + e.Message), cancellationToken);
            throw;
        }
    }
}
