using System.Globalization;
using Connector.Core.Configuration;
using Connector.Core.Jobs;
using Connector.Core.SuperOffice;
using Connector.Core.Sync;
using Connector.Core.Watchdog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Intake;

/// <summary>
/// Turns one SuperOffice webhook delivery into exactly one queued job: verifies the signature, reads the payload,
/// applies the guards that need only the event (tenant, event filter, our own echo), and hands the job to
/// <see cref="SyncJobEnqueuer"/>, whose job id (the EventId) makes every delivery of one event one job.
/// </summary>
public sealed class WebhookIntake(
    IOptionsMonitor<WebhookOptions> webhookOptions,
    IOptionsMonitor<SuperOfficeOptions> superOfficeOptions,
    JobLifecycle jobs,
    SyncJobEnqueuer enqueuer,
    LastEventRecorder lastEvent,
    TimeProvider time,
    ILogger<WebhookIntake> logger)
{
    public async Task<IntakeResult> AcceptAsync(IntakeRequest request, CancellationToken cancellationToken = default)
    {
        var result = await DecideAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == IntakeOutcome.Rejected)
        {
            return result;
        }
        // A delivery answered 200: the watchdog's sign of life, marked after the answer like the job's Queued mark.
        var marked = lastEvent.RecordAsync();
        return marked.IsCompleted ? result : result with { Settled = Task.WhenAll(result.Settled, marked) };
    }

    private async Task<IntakeResult> DecideAsync(IntakeRequest request, CancellationToken cancellationToken)
    {
        var options = webhookOptions.CurrentValue;
        var secrets = options.Secrets.ToArray();
        if (secrets.Length > 0)
        {
            if (string.IsNullOrWhiteSpace(request.Signature))
            {
                logger.LogWarning("Webhook refused: no {Header} header", WebhookSignature.HeaderName);
                return IntakeResult.Reject(IntakeRejection.MissingSignature, $"The {WebhookSignature.HeaderName} header is required.");
            }
            if (!WebhookSignature.Verify(secrets, request.Body.Span, request.Signature))
            {
                logger.LogWarning("Webhook refused: the signature does not match the body");
                return IntakeResult.Reject(IntakeRejection.InvalidSignature,
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
            return IntakeResult.Reject(IntakeRejection.InvalidPayload, parsed.Error!);
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
            return IntakeResult.Reject(IntakeRejection.ForeignTenant,
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

        var job = JobRecords.ForWebhook(payload, ParseRetry(request.RetryHeader), time.GetUtcNow());
        if (SyncEvents.IsOwnEcho(payload.Event, payload.ChangedByAssociateId, tenant.ApiAssociateId))
        {
            var added = await jobs.RecordEndedAsync(job, JobOutcome.Skipped(JobReasons.SelfChange, "Changed by the connector's own API user."), cancellationToken)
                .ConfigureAwait(false);
            logger.LogInformation("Webhook {EventId} for contact {ContactId} skipped: {Reason}", payload.EventId, payload.PrimaryKey, JobReasons.SelfChange);
            return IntakeResult.Ok(added is not null ? IntakeOutcome.SelfChange : IntakeOutcome.Duplicate, job.JobId);
        }

        var queued = await enqueuer.EnqueueAsync(job, TimeSpan.FromSeconds(options.ClaimTimeoutSeconds), cancellationToken).ConfigureAwait(false);
        if (queued.Outcome == EnqueueOutcome.AlreadyQueued)
        {
            logger.LogInformation("Webhook {EventId} is a repeated delivery of job {JobId} ({Status}); nothing new written",
                payload.EventId, queued.Job.JobId, queued.Job.Status);
            return IntakeResult.Ok(IntakeOutcome.Duplicate, queued.Job.JobId);
        }
        logger.LogInformation("Webhook {EventId} queued as job {JobId} for contact {ContactId} ({Event})",
            payload.EventId, queued.Job.JobId, payload.PrimaryKey, payload.Event);
        return IntakeResult.Ok(IntakeOutcome.Queued, queued.Job.JobId) with { Settled = queued.Settled };
    }

    private static int ParseRetry(string? header) =>
        int.TryParse(header, NumberStyles.Integer, CultureInfo.InvariantCulture, out var retry) && retry >= 0 ? retry : 0;
}
