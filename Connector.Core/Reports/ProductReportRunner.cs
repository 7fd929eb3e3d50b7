using System.Globalization;
using System.Text.Json;
using Connector.Core.Configuration;
using Connector.Core.Jobs;
using Connector.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Core.Reports;

/// <summary>
/// Runs the product report at most once per run id, each run a job (kind <c>Report</c>) in table <c>jobs</c>,
/// claimed through <see cref="RunClaims"/>: a scheduled run's id is its occurrence (<see cref="ReportRun.Scheduled"/>),
/// so a second timer fire for the same occurrence (scale-out, a replay after a lost lease, a past-due catch-up) finds
/// the job and does nothing while it is running or done; a failed run, or one whose claim lapsed, runs again.
/// </summary>
public sealed class ProductReportRunner(
    RunClaims runs,
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

    /// <summary>One run as a span (<c>report</c>) with its outcome; a claimed run's duration and rows are measured.</summary>
    public async Task<ReportRunResult> RunAsync(ReportRun run, ISaleSource source, CancellationToken cancellationToken = default)
    {
        using var span = ConnectorTelemetry.Source.StartActivity("report");
        span?.SetTag(TelemetryAttributes.JobId, run.JobId);
        span?.SetTag(TelemetryAttributes.JobKind, JobKinds.Report);
        var started = time.GetTimestamp();
        var result = await ClaimAndRunAsync(run, source, cancellationToken).ConfigureAwait(false);
        span?.SetTag(TelemetryAttributes.Outcome, result.Outcome.ToString());
        span?.SetTag(TelemetryAttributes.Reason, result.Job?.Reason);
        if (result.Outcome is ReportRunOutcome.Completed or ReportRunOutcome.Empty or ReportRunOutcome.Failed)
        {
            ConnectorMetrics.ReportRun(time.GetElapsedTime(started), result.Outcome.ToString(), result.Job?.Reason, result.Summary?.SalesProductRows ?? 0);
        }
        if (result.Outcome == ReportRunOutcome.Failed)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, FailedReason);
        }
        return result;
    }

    private async Task<ReportRunResult> ClaimAndRunAsync(ReportRun run, ISaleSource source, CancellationToken cancellationToken)
    {
        var claim = await runs.ClaimAsync(JobRecords.ForReport(run, time.GetUtcNow()), ClaimDuration, cancellationToken).ConfigureAwait(false);
        if (claim.Claimed is not { } job)
        {
            var outcome = claim.Current?.Status is JobStatus.Completed or JobStatus.Skipped ? ReportRunOutcome.AlreadyDone : ReportRunOutcome.AlreadyRunning;
            logger.LogInformation("Product report {JobId} not started: {Outcome} ({Status})", run.JobId, outcome, claim.Current?.Status);
            return new ReportRunResult(outcome, run.JobId, claim.Current, ReadSummary(claim.Current));
        }

        try
        {
            var summary = await generator.GenerateAsync(run, source, async (progress, ct) =>
            {
                job = await runs.RenewAsync(job, ClaimDuration,
                    string.Create(CultureInfo.InvariantCulture, $"Running: {progress.PagesFetched} pages, {progress.SalesRead} sales read"), ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);

            var done = JobOutcome.Completed(summary.Empty ? EmptyReason : null, summary.Empty
                ? "Empty report: " + summary.EmptyReason
                : string.Create(CultureInfo.InvariantCulture,
                    $"{summary.SalesRead} sales read, {summary.SalesWithProduct} with a product, {summary.CustomerProductRows} customer rows"));
            var stored = await runs.EndAsync(job, done, JobDetails(summary)).ConfigureAwait(false);
            return new ReportRunResult(summary.Empty ? ReportRunOutcome.Empty : ReportRunOutcome.Completed, run.JobId, stored ?? job, summary);
        }
        catch (JobClaimLostException)
        {
            logger.LogWarning("Product report {JobId} stopped: another run took its claim over", run.JobId);
            return new ReportRunResult(ReportRunOutcome.AlreadyRunning, run.JobId, null, null);
        }
        catch (Exception e)
        {
            var cancelled = e is OperationCanceledException && cancellationToken.IsCancellationRequested;
            logger.LogError(e, "Product report {JobId} failed (cancelled: {Cancelled})", run.JobId, cancelled);
            var failed = JobOutcome.Failed(FailedReason, cancelled ? "Cancelled (host shutting down or request aborted)." : e.GetType().Name + ": " + e.Message);
            JobRecord? stored = null;
            try
            {
                stored = await runs.EndAsync(job, failed, null).ConfigureAwait(false);
            }
            catch (Exception storeError)
            {
                logger.LogWarning(storeError, "Product report {JobId}: the failure could not be recorded; the claim lapses and a retry may run", run.JobId);
            }
            return new ReportRunResult(ReportRunOutcome.Failed, run.JobId, stored, null, failed.Message);
        }
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
