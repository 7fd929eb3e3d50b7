using System.Globalization;
using Connector.Core.Configuration;
using Connector.Core.Jobs;
using Connector.Core.SuperOffice;
using Connector.Core.Sync;
using Connector.Core.Watchdog;
using Connector.Core.Telemetry;
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
    /// <summary>Decides one delivery inside the intake span, which the job's message carries on to the worker.</summary>
    public async Task<IntakeResult> AcceptAsync(IntakeRequest request, CancellationToken cancellationToken = default)
    {
        using var span = ConnectorTelemetry.Source.StartActivity("webhook intake");
        try
        {
            var result = await DecideAsync(request, span, cancellationToken).ConfigureAwait(false);
            var outcome = result.Outcome.ToString();
            var reason = result.Rejection?.ToString();
            span?.SetTag(TelemetryAttributes.JobId, result.JobId);
            span?.SetTag(TelemetryAttributes.Outcome, outcome);
            span?.SetTag(TelemetryAttributes.Reason, reason);
            ConnectorMetrics.WebhookAnswered(outcome, reason);
            if (result.Outcome == IntakeOutcome.Rejected)
            {
                return result;
            }
            // A delivery answered 200: the watchdog's sign of life, marked after the answer like the job's Queued mark.
            var marked = lastEvent.RecordAsync();
            return marked.IsCompleted ? result : result with { Settled = Task.WhenAll(result.Settled, marked) };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            JobTelemetry.Failed(span, e);
            ConnectorMetrics.WebhookAnswered(IntakeTelemetry.Error, e.GetType().Name);
            throw;
        }
    }

    private async Task<IntakeResult> DecideAsync(IntakeRequest request, System.Diagnostics.Activity? span, CancellationToken cancellationToken)
    {
        var options = webhookOptions.CurrentValue;
        if (Verify(request, options) is { } refused)
        {
            return refused;
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

        span?.SetTag(TelemetryAttributes.EventId, payload.EventId.ToString("D"));
        span?.SetTag(TelemetryAttributes.EventName, payload.Event);
        span?.SetTag(TelemetryAttributes.ContactId, payload.PrimaryKey);

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

    /// <summary>The signature check (its own span); null when the delivery may go on.</summary>
    private IntakeResult? Verify(IntakeRequest request, WebhookOptions options)
    {
        var secrets = options.Secrets.ToArray();
        if (secrets.Length == 0)
        {
            return null;
        }
        using var span = ConnectorTelemetry.Source.StartActivity("webhook verify");
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
        return null;
    }

    private static int ParseRetry(string? header) =>
        int.TryParse(header, NumberStyles.Integer, CultureInfo.InvariantCulture, out var retry) && retry >= 0 ? retry : 0;
}
