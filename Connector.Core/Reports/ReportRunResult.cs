using Connector.Core.Jobs;

namespace Connector.Core.Reports;

/// <summary>The outcome of a report run request, with the job as stored (its <c>Details</c> hold the summary).</summary>
public sealed record ReportRunResult(ReportRunOutcome Outcome, string JobId, JobRecord? Job, ReportSummary? Summary, string? Error = null);
