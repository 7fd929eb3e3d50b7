using System.Globalization;
using System.Net;
using System.Text.Json;
using Connector.Core.Configuration;
using Connector.Core.Jobs;
using Connector.Core.Recovery;
using Connector.Core.Reports;
using Connector.Core.SuperOffice;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Watchdog;

/// <summary>
/// One watchdog pass, a job of kind <c>Watchdog</c> claimed once per schedule occurrence (<see cref="RunClaims"/>):
/// make SuperOffice's webhook match the settings (<see cref="WebhookEnsurer"/>), then, when the webhook was down or
/// silent while companies changed, queue sync jobs for the companies changed since the last accepted event
/// (<see cref="ContactRecovery"/>, deterministic job ids). The window is recorded before the first job is queued, so
/// a pass that stops is finished by the next one. The job's <c>Details</c> say what was found and done.
/// </summary>
public sealed class WebhookWatchdog(
    RunClaims runs,
    WebhookEnsurer ensurer,
    WatchdogStateStore state,
    ContactRecovery recovery,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookWatchdog> logger)
{
    public const string ApiRefusedReason = "WebhookApiRefused";
    public const string NotRegisteredReason = "WebhookNotRegistered";
    public const string StoppedReason = "WebhookStopped";
    public const string PartialReason = "RecoveryPartial";
    public const string FailedReason = "WatchdogFailed";
    public const string RecoveryJobPrefix = "recover";

    /// <summary>How long a pass's claim lasts without renewal; renewed while a recovery queues jobs.</summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);

    /// <summary>How long one pass queues recovery jobs before it leaves the rest to the next pass (well inside the function timeout).</summary>
    public static readonly TimeSpan RecoveryBudget = TimeSpan.FromMinutes(8);

    public WatchdogRun ScheduledRun(DateTimeOffset firedAt) =>
        WatchdogRun.Scheduled(ReportSchedule.Parse(options.CurrentValue.WatchdogSchedule!).OccurrenceFor(firedAt));

    /// <summary>The timer's entry: the pass for the current occurrence of <c>Webhook:WatchdogSchedule</c>; nothing when it is empty.</summary>
    public Task<WatchdogResult> RunScheduledAsync(CancellationToken cancellationToken = default)
    {
        if (!options.CurrentValue.WatchdogEnabled)
        {
            logger.LogInformation("Webhook watchdog is off (Webhook:WatchdogSchedule is empty)");
            return Task.FromResult(new WatchdogResult(WatchdogOutcome.Disabled, "", null, null));
        }
        return RunAsync(ScheduledRun(time.GetUtcNow()), cancellationToken);
    }

    /// <summary>The reconciliation's plan without doing anything (<c>webhook ensure --dry-run</c>): no job, no write.</summary>
    public async Task<WatchdogResult> PlanAsync(CancellationToken cancellationToken = default)
    {
        var ensured = await ensurer.EnsureAsync(dryRun: true, cancellationToken).ConfigureAwait(false);
        return new WatchdogResult(WatchdogOutcome.DryRun, "", null, Describe(ensured)) { Plan = ensured.Plan };
    }

    public async Task<WatchdogResult> RunAsync(WatchdogRun run, CancellationToken cancellationToken = default)
    {
        var claim = await runs.ClaimAsync(JobRecords.ForWatchdog(run, time.GetUtcNow()), ClaimDuration, cancellationToken).ConfigureAwait(false);
        if (claim.Claimed is not { } job)
        {
            logger.LogInformation("Watchdog pass {JobId} not started: it is done or running elsewhere ({Status})", run.JobId, claim.Current?.Status);
            return new WatchdogResult(WatchdogOutcome.AlreadyHandled, run.JobId, claim.Current, null);
        }

        WatchdogDetails? details = null;
        try
        {
            var ensured = await ensurer.EnsureAsync(dryRun: false, cancellationToken).ConfigureAwait(false);
            details = Describe(ensured);
            if (ensured.Plan.Action == WebhookAction.CannotCreate)
            {
                return await FailAsync(run, job, details, NotRegisteredReason,
                    $"SuperOffice has no webhook named \"{options.CurrentValue.Name}\" and Webhook:TargetUrl is empty, so none can be registered; " +
                    "set Webhook:TargetUrl to this app's webhook URL (with ?code=<function key>).").ConfigureAwait(false);
            }

            string? reason = ensured.Plan.Action == WebhookAction.LeaveStopped ? StoppedReason : null;
            if (run.Recover)
            {
                (details, var partial) = await RecoverAsync(ensured.Plan, details, renew: async ct => job = await runs.RenewAsync(job, ClaimDuration,
                    "Recovering missed changes", ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                reason ??= partial ? PartialReason : null;
            }

            var stored = await runs.EndAsync(job, JobOutcome.Completed(reason, Summary(details)), Serialize(details)).ConfigureAwait(false);
            logger.LogInformation("Watchdog pass {JobId}: {Action} {Changes}; recovery {Recovery} ({Queued} queued)",
                run.JobId, details.Action, string.Join(",", details.Changes), details.Recovery, details.Queued ?? 0);
            return new WatchdogResult(WatchdogOutcome.Completed, run.JobId, stored ?? job, details) { Plan = ensured.Plan };
        }
        catch (JobClaimLostException)
        {
            logger.LogWarning("Watchdog pass {JobId} stopped: another run took its claim over", run.JobId);
            return new WatchdogResult(WatchdogOutcome.AlreadyHandled, run.JobId, null, details);
        }
        catch (SuperOfficeApiException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            logger.LogError("Watchdog pass {JobId}: SuperOffice refused the call ({Status}); the API user lacks a right the watchdog needs", run.JobId, (int)e.StatusCode!);
            return await FailAsync(run, job, details, ApiRefusedReason,
                $"SuperOffice refused the webhook or archive API ({(int)e.StatusCode!} {e.StatusCode}): give the connector's API user the right to " +
                $"read and change webhooks (and to search companies). SuperOffice said: {Scrub(e.SuperOfficeMessage ?? e.Message)}").ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var cancelled = e is OperationCanceledException && cancellationToken.IsCancellationRequested;
            logger.LogError(e, "Watchdog pass {JobId} failed (cancelled: {Cancelled})", run.JobId, cancelled);
            return await FailAsync(run, job, details, FailedReason,
                cancelled ? "Cancelled (host shutting down); the next pass resumes." : e.GetType().Name + ": " + Scrub(e.Message)).ConfigureAwait(false);
        }
    }

    private async Task<(WatchdogDetails Details, bool Partial)> RecoverAsync(WebhookPlan plan, WatchdogDetails details, Func<CancellationToken, Task> renew,
        CancellationToken cancellationToken)
    {
        var kept = await state.GetAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var settings = options.CurrentValue;
        var decision = RecoveryDecision.Decide(kept, plan, now, TimeSpan.FromMinutes(settings.SilenceMinutes));
        details = details with { LastEventAt = kept.LastEventAt, Recovery = decision.Kind.ToString(), RecoveryReason = decision.Reason };
        switch (decision.Kind)
        {
            case RecoveryKind.None:
                return (details, false);
            case RecoveryKind.Baseline:
                await state.EndRecoveryAsync(now, cancellationToken).ConfigureAwait(false);
                return (details, false);
        }

        var window = decision.Window!;
        details = details with { WindowFrom = window.From, WindowTo = window.To };
        if (decision.Kind == RecoveryKind.RecoverIfChanged && !await recovery.AnyChangedSinceAsync(window.From, cancellationToken).ConfigureAwait(false))
        {
            // Quiet, not broken: nothing changed, so nothing before now needs a recovery.
            await state.EndRecoveryAsync(now, cancellationToken).ConfigureAwait(false);
            return (details with { RecoveryReason = decision.Reason + "; no company changed since", Companies = 0, Queued = 0, Existing = 0, WindowCompleted = true }, false);
        }
        if (decision.Kind != RecoveryKind.Resume)
        {
            await state.StartRecoveryAsync(window, cancellationToken).ConfigureAwait(false);
        }

        var request = new RecoveryRequest(window.From, RecoveryJobPrefix, window.Key, TimeSpan.FromSeconds(1 / settings.RecoveryRatePerSecond),
            $"Recovery of changes missed by the webhook since {window.From:O}.");
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(RecoveryBudget);
        int companies = 0, queued = 0, existing = 0;
        try
        {
            await recovery.RunAsync(request, async (company, ct) =>
            {
                companies++;
                if (company.Queued) { queued++; } else { existing++; }
                await renew(ct).ConfigureAwait(false);
            }, budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Watchdog recovery from {From} used its time budget after {Companies} companies; the next pass resumes it", window.From, companies);
            return (details with { Companies = companies, Queued = queued, Existing = existing, WindowCompleted = false }, true);
        }
        await state.EndRecoveryAsync(window.To, cancellationToken).ConfigureAwait(false);
        return (details with { Companies = companies, Queued = queued, Existing = existing, WindowCompleted = true }, false);
    }

    private async Task<WatchdogResult> FailAsync(WatchdogRun run, JobRecord job, WatchdogDetails? details, string reason, string message)
    {
        JobRecord? stored = null;
        try
        {
            stored = await runs.EndAsync(job, JobOutcome.Failed(reason, message), details is null ? null : Serialize(details)).ConfigureAwait(false);
        }
        catch (Exception storeError)
        {
            logger.LogWarning(storeError, "Watchdog pass {JobId}: the failure could not be recorded", run.JobId);
        }
        return new WatchdogResult(WatchdogOutcome.Failed, run.JobId, stored ?? job, details, message);
    }

    private WatchdogDetails Describe(WebhookEnsureResult ensured) => new()
    {
        WebhookId = ensured.Now?.WebhookId ?? ensured.Plan.Found?.WebhookId,
        FoundState = ensured.Plan.Found is null ? "Missing" : ensured.Plan.FoundState,
        Action = ensured.Plan.Action.ToString(),
        Changes = ensured.Plan.Changes,
        TargetUrl = SecretUrl.Mask(ensured.Now?.TargetUrl ?? options.CurrentValue.TargetUrl),
        StateNow = ensured.Now?.State,
    };

    private static string Summary(WatchdogDetails d)
    {
        var webhook = d.Action switch
        {
            nameof(WebhookAction.None) => $"webhook {d.WebhookId} active and as configured",
            nameof(WebhookAction.Create) => $"webhook {d.WebhookId} registered",
            nameof(WebhookAction.Update) => $"webhook {d.WebhookId} was {d.FoundState}: changed {string.Join(", ", d.Changes)}",
            nameof(WebhookAction.LeaveStopped) => $"webhook {d.WebhookId} is Stopped (left as it is)",
            _ => d.Action,
        };
        var recovered = d.Queued is null
            ? $"no recovery ({d.RecoveryReason ?? "not asked"})"
            : string.Create(CultureInfo.InvariantCulture,
                $"recovery from {d.WindowFrom:O}: {d.Companies} companies, {d.Queued} jobs queued, {d.Existing} queued before{(d.WindowCompleted == false ? ", continued next pass" : "")}");
        return webhook + "; " + recovered + ".";
    }

    private static string Serialize(WatchdogDetails details) => JsonSerializer.Serialize(details, WatchdogJson.Default.WatchdogDetails);

    /// <summary>SuperOffice's messages may echo the target URL: its key never reaches a job.</summary>
    private string Scrub(string text)
    {
        var masked = SecretUrl.Mask(text)!;
        var secret = options.CurrentValue.Secret;
        return string.IsNullOrEmpty(secret) ? masked : masked.Replace(secret, "********", StringComparison.Ordinal);
    }
}
