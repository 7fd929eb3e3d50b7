using System.Globalization;
using Connector.Core.Configuration;
using Connector.Core.Jobs;
using Connector.Core.SuperOffice;
using Connector.Core.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Intake;

/// <summary>
/// Turns one verified SuperOffice webhook into exactly one queued job.
/// <para>
/// Exactly-once per EventId: the job id is the EventId, so the table insert is the dedupe. The delivery that
/// inserts the job claims it (<see cref="JobRecord.ClaimedUntil"/>), sends the queue message, then marks it
/// <see cref="JobStatus.Queued"/>. A repeat of the EventId answers 200 once the job is queued; if it finds the job
/// still <see cref="JobStatus.Received"/> with the claim expired (the first delivery died between the two writes),
/// it takes the claim over with an ETag-guarded update and finishes the job, so a crash never drops the event.
/// </para>
/// <para>
/// The answer goes out after the two writes that make the event safe (insert, send); the mark runs on while the
/// response is sent (<see cref="IntakeResult.Settled"/>). If the process dies in that gap the job stays
/// <see cref="JobStatus.Received"/> with its message on the queue: the worker processes a Received job like a Queued
/// one, and a later repeat of the EventId at worst sends a second message, which the worker ignores (the job is
/// claimed with its ETag and finished jobs are skipped).
/// </para>
/// </summary>
public sealed class WebhookIntake(
    IOptionsMonitor<WebhookOptions> webhookOptions,
    IOptionsMonitor<SuperOfficeOptions> superOfficeOptions,
    JobStore jobs,
    SyncQueue queue,
    TimeProvider time,
    ILogger<WebhookIntake> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    public async Task<IntakeResult> AcceptAsync(IntakeRequest request, CancellationToken cancellationToken = default)
    {
        var options = webhookOptions.CurrentValue;
        var secrets = options.Secrets.ToArray();
        if (secrets.Length > 0)
        {
            if (string.IsNullOrWhiteSpace(request.Signature))
            {
                logger.LogWarning("Webhook refused: no {Header} header", WebhookSignature.HeaderName);
                return IntakeResult.Reject(401, "Missing signature", $"The {WebhookSignature.HeaderName} header is required.");
            }
            if (!WebhookSignature.Verify(secrets, request.Body.Span, request.Signature))
            {
                logger.LogWarning("Webhook refused: the signature does not match the body");
                return IntakeResult.Reject(401, "Invalid signature",
                    $"The {WebhookSignature.HeaderName} header does not match the body under the configured secret.");
            }
        }

        var parsed = WebhookPayloadParser.Parse(request.Body.Span);
        if (parsed.IsTestEvent || (request.HookTestHeader && parsed.Payload is null && parsed.Error is null))
        {
            logger.LogInformation("Webhook test event answered");
            return IntakeResult.Ok(IntakeOutcome.TestEvent);
        }
        if (parsed.Payload is not { } payload)
        {
            logger.LogWarning("Webhook refused: {Problem}", parsed.Error);
            return IntakeResult.Reject(400, "Invalid webhook payload", parsed.Error!);
        }
        if (request.HookTestHeader)
        {
            logger.LogInformation("Webhook test delivery {EventId} answered", payload.EventId);
            return IntakeResult.Ok(IntakeOutcome.TestEvent);
        }

        var tenant = superOfficeOptions.CurrentValue;
        if (!string.Equals(payload.ContextIdentifier, tenant.ContextIdentifier, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("Webhook {EventId} refused: tenant {ContextIdentifier} is not the configured tenant", payload.EventId, payload.ContextIdentifier);
            return IntakeResult.Reject(403, "Foreign tenant",
                $"ContextIdentifier '{payload.ContextIdentifier}' is not the tenant this connector serves.");
        }
        if (!options.EventSet.Contains(payload.Event))
        {
            logger.LogInformation("Webhook {EventId} ignored: event {Event} is not in Webhook:Events", payload.EventId, payload.Event);
            return IntakeResult.Ok(IntakeOutcome.EventIgnored);
        }
        if (!payload.IsContact)
        {
            // Its PrimaryKey is no contact id, whatever Webhook:Events lists.
            logger.LogInformation("Webhook {EventId} ignored: entity {Entity} of event {Event} is not a contact", payload.EventId, payload.Entity, payload.Event);
            return IntakeResult.Ok(IntakeOutcome.EventIgnored);
        }

        var now = time.GetUtcNow();
        var job = NewJob(payload, ParseRetry(request.RetryHeader), now);
        if (SyncEvents.IsOwnEcho(payload.Event, payload.ChangedByAssociateId, tenant.ApiAssociateId))
        {
            var skipped = job with { Status = JobStatus.Skipped, Reason = JobReasons.SelfChange, Message = "Changed by the connector's own API user." };
            var added = await jobs.TryAddAsync(skipped, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Webhook {EventId} for contact {ContactId} skipped: {Reason}", payload.EventId, payload.PrimaryKey, JobReasons.SelfChange);
            return IntakeResult.Ok(added is not null ? IntakeOutcome.SelfChange : IntakeOutcome.Duplicate, job.JobId);
        }

        var claimTimeout = TimeSpan.FromSeconds(options.ClaimTimeoutSeconds);
        job = job with { ClaimedUntil = now + claimTimeout };
        if (await jobs.TryAddAsync(job, cancellationToken).ConfigureAwait(false) is { } recorded)
        {
            return await QueueAsync(recorded, payload, cancellationToken).ConfigureAwait(false);
        }
        return await ResolveRepeatAsync(job, payload, claimTimeout, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IntakeResult> ResolveRepeatAsync(JobRecord incoming, WebhookPayload payload, TimeSpan claimTimeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var existing = await jobs.GetAsync(incoming.JobId, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                if (await jobs.TryAddAsync(incoming, cancellationToken).ConfigureAwait(false) is { } recorded)
                {
                    return await QueueAsync(recorded, payload, cancellationToken).ConfigureAwait(false);
                }
                continue;
            }
            if (existing.Status != JobStatus.Received)
            {
                logger.LogInformation("Webhook {EventId} is a repeated delivery of job {JobId} ({Status}); nothing new written",
                    payload.EventId, existing.JobId, existing.Status);
                return IntakeResult.Ok(IntakeOutcome.Duplicate, existing.JobId);
            }

            var now = time.GetUtcNow();
            if (existing.ClaimedUntil is { } until && until > now)
            {
                // Another delivery is queueing this job right now: wait for it to finish or for its claim to lapse.
                var wait = until - now;
                await Task.Delay(wait < PollInterval ? wait : PollInterval, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var takeover = existing with
            {
                ClaimedUntil = now + claimTimeout,
                DeliveryRetry = incoming.DeliveryRetry,
                UpdatedAt = now,
            };
            if (await jobs.TryReplaceAsync(takeover, cancellationToken).ConfigureAwait(false) is { } claimed)
            {
                logger.LogWarning("Job {JobId} was recorded but never queued; delivery retry {Retry} completes it", claimed.JobId, incoming.DeliveryRetry);
                return await QueueAsync(claimed, payload, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<IntakeResult> QueueAsync(JobRecord job, WebhookPayload payload, CancellationToken cancellationToken)
    {
        var message = new SyncMessage(job.JobId, payload.PrimaryKey, payload.Event, payload.Timestamp, payload.Changes,
            payload.ChangedByAssociateId, payload.ContextIdentifier);
        try
        {
            await queue.SendAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Give the claim up so SuperOffice's retry of this EventId can queue the job at once.
            await TryReleaseClaimAsync(job).ConfigureAwait(false);
            throw;
        }

        logger.LogInformation("Webhook {EventId} queued as job {JobId} for contact {ContactId} ({Event})",
            payload.EventId, job.JobId, payload.PrimaryKey, payload.Event);
        return IntakeResult.Ok(IntakeOutcome.Queued, job.JobId) with { Settled = MarkQueuedAsync(job) };
    }

    /// <summary>Records that the job's message is on the queue; runs after the answer is ready and never throws.</summary>
    private async Task MarkQueuedAsync(JobRecord job)
    {
        try
        {
            // The claim (ClaimedUntil) is left as it is: it only matters while the job is Received.
            if (!await jobs.TryMarkQueuedAsync(job, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false))
            {
                logger.LogInformation("Job {JobId} moved on before it was marked Queued (a worker took it already)", job.JobId);
            }
        }
        catch (Exception e)
        {
            // The message is on the queue, so the event is safe; the worker moves the job on from Received.
            logger.LogWarning(e, "Job {JobId} is queued but its status could not be updated", job.JobId);
        }
    }

    private async Task TryReleaseClaimAsync(JobRecord job)
    {
        try
        {
            await jobs.TryReplaceAsync(job with { ClaimedUntil = time.GetUtcNow() }).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Job {JobId}: the claim could not be released; a retry takes over when it lapses", job.JobId);
        }
    }

    private static JobRecord NewJob(WebhookPayload payload, int retry, DateTimeOffset now) => new()
    {
        JobId = JobIdFor(payload.EventId),
        Kind = JobKinds.ContactSync,
        Status = JobStatus.Received,
        Event = payload.Event,
        ContactId = payload.PrimaryKey,
        ContextIdentifier = payload.ContextIdentifier,
        ChangedByAssociateId = payload.ChangedByAssociateId,
        EventTimestamp = payload.Timestamp,
        Changes = payload.Changes,
        ReceivedAt = now,
        UpdatedAt = now,
        DeliveryRetry = retry,
    };

    /// <summary>The job id of a webhook event: its EventId, so repeats of one event land on one job.</summary>
    public static string JobIdFor(Guid eventId) => eventId.ToString("D");

    private static int ParseRetry(string? header) =>
        int.TryParse(header, NumberStyles.Integer, CultureInfo.InvariantCulture, out var retry) && retry >= 0 ? retry : 0;
}
