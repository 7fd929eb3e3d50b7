using Connector.Core.Reports;

namespace Connector.Cli.Output;

/// <summary>What <c>report products</c> did: the run, its outcome, where the files are, and the run's summary.</summary>
public sealed record ReportProductsReport(string JobId, ReportRunOutcome Outcome, string Target, IReadOnlyList<string> Files, ReportSummary? Summary, string? Error);
