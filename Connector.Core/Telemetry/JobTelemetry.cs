using System.Diagnostics;
using Connector.Core.Jobs;

namespace Connector.Core.Telemetry;

/// <summary>What every job end emits, whoever writes it (<see cref="JobLifecycle"/>, <see cref="RunClaims"/>): the
/// jobs-ended metric, and for a failed job an error status on the span that ran it.</summary>
public static class JobTelemetry
{
    public static void Ended(JobRecord job, JobOutcome outcome)
    {
        ConnectorMetrics.JobEnded(job.Kind, outcome.Status.ToString(), outcome.Reason);
        if (outcome.Status == JobStatus.Failed && Activity.Current is { } span)
        {
            span.SetStatus(ActivityStatusCode.Error, outcome.Reason);
        }
    }

    /// <summary>The outcome and reason of a job on its span.</summary>
    public static void Describe(Activity? span, JobRecord job)
    {
        if (span is null)
        {
            return;
        }
        span.SetTag(TelemetryAttributes.Outcome, job.Status.ToString());
        span.SetTag(TelemetryAttributes.Reason, job.Reason);
        if (job.Status == JobStatus.Failed)
        {
            span.SetStatus(ActivityStatusCode.Error, job.Reason);
        }
    }

    /// <summary>An exception that left a span's work: error status and the exception's type (its message may quote a response).</summary>
    public static void Failed(Activity? span, Exception e)
    {
        span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
        span?.SetTag(TelemetryAttributes.ErrorType, e.GetType().FullName);
    }
}
