using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Connector.Core.Telemetry;

/// <summary>
/// The connector's instruments, all on <see cref="ConnectorTelemetry.Meter"/>; names and units are in README
/// "Telemetry". Tag values are names and codes only (never a secret, a token or free text).
/// </summary>
public static class ConnectorMetrics
{
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
    };

    private static readonly Counter<long> Webhooks = ConnectorTelemetry.Meter.CreateCounter<long>(
        "connector.webhooks", "{webhook}", "Webhook deliveries answered, by outcome (and reason when refused).");

    private static readonly Counter<long> JobsEnded = ConnectorTelemetry.Meter.CreateCounter<long>(
        "connector.jobs.ended", "{job}", "Jobs that reached an end (Completed, Skipped, Failed), by kind, outcome and reason.");

    private static readonly Histogram<double> SyncDuration = ConnectorTelemetry.Meter.CreateHistogram(
        "connector.sync.duration", "s", "Time of one sync run that claimed its job, from the message to the job's save.", advice: Seconds);

    private static readonly Histogram<double> QueueLag = ConnectorTelemetry.Meter.CreateHistogram(
        "connector.sync.queue_lag", "s", "From a sync job's message becoming due on the queue to a worker claiming the job.", advice: Seconds);

    private static readonly Counter<long> OutboundCalls = ConnectorTelemetry.Meter.CreateCounter<long>(
        "connector.outbound.calls", "{call}", "HTTP attempts to SuperOffice and Company Explorer (each retry counts), by route and status.");

    private static readonly Histogram<double> OutboundDuration = ConnectorTelemetry.Meter.CreateHistogram(
        "connector.outbound.duration", "s", "Duration of one HTTP attempt to SuperOffice or Company Explorer.", advice: Seconds);

    private static readonly Histogram<double> ReportDuration = ConnectorTelemetry.Meter.CreateHistogram(
        "connector.report.duration", "s", "Duration of one product report run, by outcome.", advice: Seconds);

    private static readonly Counter<long> ReportRows = ConnectorTelemetry.Meter.CreateCounter<long>(
        "connector.report.rows", "{row}", "Rows written to the product report's sales CSV.");

    public static void WebhookAnswered(string outcome, string? reason)
    {
        if (Webhooks.Enabled)
        {
            Webhooks.Add(1, Tags(outcome, reason));
        }
    }

    public static void JobEnded(string kind, string outcome, string? reason)
    {
        if (JobsEnded.Enabled)
        {
            var tags = Tags(outcome, reason);
            tags.Add(TelemetryAttributes.JobKind, kind);
            JobsEnded.Add(1, tags);
        }
    }

    public static void SyncRun(TimeSpan duration, string outcome, string? reason)
    {
        if (SyncDuration.Enabled)
        {
            SyncDuration.Record(duration.TotalSeconds, Tags(outcome, reason));
        }
    }

    public static void SyncQueueLag(TimeSpan lag) => QueueLag.Record(Math.Max(0, lag.TotalSeconds));

    public static bool OutboundEnabled => OutboundCalls.Enabled || OutboundDuration.Enabled;

    public static void OutboundAttempt(in TagList tags, TimeSpan duration)
    {
        OutboundCalls.Add(1, tags);
        OutboundDuration.Record(duration.TotalSeconds, tags);
    }

    public static void ReportRun(TimeSpan duration, string outcome, string? reason, long rows)
    {
        var tags = Tags(outcome, reason);
        ReportDuration.Record(duration.TotalSeconds, tags);
        if (rows > 0)
        {
            ReportRows.Add(rows, tags);
        }
    }

    private static TagList Tags(string outcome, string? reason)
    {
        var tags = new TagList { { TelemetryAttributes.Outcome, outcome } };
        if (reason is not null)
        {
            tags.Add(TelemetryAttributes.Reason, reason);
        }
        return tags;
    }
}
