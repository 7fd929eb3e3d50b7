using System.Globalization;
using System.Text.Json;
using Connector.Core.Configuration;
using Connector.Core.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Reports;

/// <summary>
/// Runs the product report at most once per run id, each run a job (kind <c>Report</c>) in table <c>jobs</c>.
/// <para>
/// The job insert is the claim (as <c>WebhookIntake</c> does with EventIds): a scheduled run's id is its
/// occurrence (<see cref="ReportRun.Scheduled"/>), so a second timer fire for the same occurrence (scale-out, a
/// replay after a lost lease, a past-due catch-up) finds the job and does nothing while it is running or done.
/// A running job holds a claim (<see cref="JobRecord.ClaimedUntil"/>) that it renews between pages; a
/// <see cref="JobStatus.Failed"/> job, or a <see cref="JobStatus.Processing"/> one whose claim lapsed (its run
/// died), is taken over with an ETag-guarded update and run again.
/// </para>
/// </summary>
public sealed class ProductReportRunner(
    JobStore jobs,
    ProductReportGenerator generator,
    IOptionsMonitor<ProductReportOptions> options,
    TimeProvider time,
    ILogger<ProductReportRunner> logger)
{
    public const string FailedReason = "ReportFailed";
    public const string EmptyReason = "EmptyReport";

    /// <summary>How long a run's claim lasts without renewal; it is renewed after a page once half of it is used.</summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);

    /// <summary>The scheduled run a timer fire at <paramref name="firedAt"/> stands for (see <see cref="ReportSchedule.OccurrenceFor"/>).</summary>
    public ReportRun ScheduledRun(DateTimeOffset firedAt) =>
        ReportRun.Scheduled(ReportSchedule.Parse(options.CurrentValue.Schedule).OccurrenceFor(firedAt));

    /// <summary>The timer's entry: the run for the current occurrence of <c>ProductReport:Schedule</c>.</summary>
    public Task<ReportRunResult> RunScheduledAsync(ISaleSource source, CancellationToken cancellationToken = default) =>
        RunAsync(ScheduledRun(time.GetUtcNow()), source, cancellationToken);

    /// <summary>Run now; a given <paramref name="runId"/> makes a repeat of the request the same run.</summary>
    public Task<ReportRunResult> RunManualAsync(ISaleSource source, string? runId = null, CancellationToken cancellationToken = default) =>
        RunAsync(ReportRun.Manual(time.GetUtcNow(), runId), source, cancellationToken);

    public async Task<ReportRunResult> RunAsync(ReportRun run, ISaleSource source, CancellationToken cancellationToken = default)
    {
        var claim = await ClaimAsync(run, cancellationToken).ConfigureAwait(false);
        if (claim.Outcome is { } outcome)
        {
            logger.LogInformation("Product report {JobId} not started: {Outcome} ({Status})", run.JobId, outcome, claim.Job?.Status);
            return new ReportRunResult(outcome, run.JobId, claim.Job, ReadSummary(claim.Job));
        }

        var job = claim.Job!;
        try
        {
            var summary = await generator.GenerateAsync(run, source, async (progress, ct) =>
            {
                job = await RenewClaimAsync(job, progress, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);

            var now = time.GetUtcNow();
            var done = job with
            {
                Status = JobStatus.Completed,
                Reason = summary.Empty ? EmptyReason : null,
                Message = summary.Empty
                    ? "Empty report: " + summary.EmptyReason
                    : string.Create(CultureInfo.InvariantCulture,
                        $"{summary.SalesRead} sales read, {summary.SalesWithProduct} with a product, {summary.CustomerProductRows} customer rows"),
                Details = JobDetails(summary),
                ClaimedUntil = null,
                UpdatedAt = now,
            };
            var stored = await jobs.TryReplaceAsync(done, CancellationToken.None).ConfigureAwait(false);
            if (stored is null)
            {
                logger.LogWarning("Product report {JobId} finished but its job changed meanwhile (claim lost); its blobs are written", run.JobId);
            }
            return new ReportRunResult(summary.Empty ? ReportRunOutcome.Empty : ReportRunOutcome.Completed, run.JobId, stored ?? done, summary);
        }
        catch (ReportAbandonedException)
        {
            logger.LogWarning("Product report {JobId} stopped: another run took its claim over", run.JobId);
            var current = await jobs.GetAsync(run.JobId, CancellationToken.None).ConfigureAwait(false);
            return new ReportRunResult(ReportRunOutcome.AlreadyRunning, run.JobId, current, null);
        }
        catch (Exception e)
        {
            var cancelled = e is OperationCanceledException && cancellationToken.IsCancellationRequested;
            logger.LogError(e, "Product report {JobId} failed (cancelled: {Cancelled})", run.JobId, cancelled);
            var failed = job with
            {
                Status = JobStatus.Failed,
                Reason = FailedReason,
                Message = cancelled ? "Cancelled (host shutting down or request aborted)." : e.GetType().Name + ": " + e.Message,
                ClaimedUntil = null,
                UpdatedAt = time.GetUtcNow(),
            };
            JobRecord? stored = null;
            try
            {
                stored = await jobs.TryReplaceAsync(failed, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception storeError)
            {
                logger.LogWarning(storeError, "Product report {JobId}: the failure could not be recorded; the claim lapses and a retry may run", run.JobId);
            }
            return new ReportRunResult(ReportRunOutcome.Failed, run.JobId, stored ?? failed, null, failed.Message);
        }
    }

    private async Task<(JobRecord? Job, ReportRunOutcome? Outcome)> ClaimAsync(ReportRun run, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var fresh = new JobRecord
        {
            JobId = run.JobId,
            Kind = JobKinds.Report,
            Status = JobStatus.Processing,
            Event = run.Trigger,
            EventTimestamp = run.ScheduledFor,
            ReceivedAt = now,
            UpdatedAt = now,
            Attempt = 1,
            ClaimedUntil = now + ClaimDuration,
        };
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await jobs.TryAddAsync(fresh, cancellationToken).ConfigureAwait(false) is { } added)
            {
                return (added, null);
            }
            var existing = await jobs.GetAsync(run.JobId, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                continue;
            }
            now = time.GetUtcNow();
            if (existing.Status is JobStatus.Completed or JobStatus.Skipped)
            {
                return (existing, ReportRunOutcome.AlreadyDone);
            }
            if (existing.Status != JobStatus.Failed && existing.ClaimedUntil is { } until && until > now)
            {
                return (existing, ReportRunOutcome.AlreadyRunning);
            }

            var takeover = existing with
            {
                Status = JobStatus.Processing,
                Reason = null,
                Message = null,
                Details = null,
                Attempt = existing.Attempt + 1,
                ClaimedUntil = now + ClaimDuration,
                UpdatedAt = now,
            };
            if (await jobs.TryReplaceAsync(takeover, cancellationToken).ConfigureAwait(false) is { } claimed)
            {
                logger.LogWarning("Product report {JobId} was {Status}; attempt {Attempt} runs it again", run.JobId, existing.Status, claimed.Attempt);
                return (claimed, null);
            }
        }
    }

    private async Task<JobRecord> RenewClaimAsync(JobRecord job, ReportProgress progress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (job.ClaimedUntil is { } until && until - now > ClaimDuration / 2)
        {
            return job;
        }
        var renewed = job with
        {
            ClaimedUntil = now + ClaimDuration,
            UpdatedAt = now,
            Message = string.Create(CultureInfo.InvariantCulture, $"Running: {progress.PagesFetched} pages, {progress.SalesRead} sales read"),
        };
        return await jobs.TryReplaceAsync(renewed, cancellationToken).ConfigureAwait(false) ?? throw new ReportAbandonedException();
    }

    /// <summary>A table property holds at most 32K UTF-16 characters (Azure Tables and Azurite refuse more).</summary>
    public const int MaxDetailsChars = 30_000;

    /// <summary>The products listed in a job's <c>Details</c> when all of them would not fit (product codes can run into thousands).</summary>
    public const int MaxDetailsProducts = 100;

    /// <summary>The summary as the job's <c>Details</c>: whole when it fits, else with the product list cut (the summary blob has it all).</summary>
    public static string JobDetails(ReportSummary summary)
    {
        var details = JsonSerializer.Serialize(summary, ReportJson.Compact.ReportSummary);
        if (details.Length <= MaxDetailsChars)
        {
            return details;
        }
        return JsonSerializer.Serialize(summary with { Products = [.. summary.Products.Take(MaxDetailsProducts)], ProductsTruncated = true },
            ReportJson.Compact.ReportSummary);
    }

    private static ReportSummary? ReadSummary(JobRecord? job)
    {
        if (string.IsNullOrWhiteSpace(job?.Details))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(job.Details, ReportJson.Default.ReportSummary);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
