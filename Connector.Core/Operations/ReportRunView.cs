using Connector.Core.Jobs;
using Connector.Core.Reports;

namespace Connector.Core.Operations;

/// <summary>A product report run: its job and, when it got that far, its summary (the job's <c>Details</c>).</summary>
public sealed record ReportRunView(JobSummary Job, ReportSummary? Summary);
