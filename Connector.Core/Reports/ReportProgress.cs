namespace Connector.Core.Reports;

/// <summary>How far a running report is, reported after each page.</summary>
public readonly record struct ReportProgress(int PagesFetched, int SalesRead);
