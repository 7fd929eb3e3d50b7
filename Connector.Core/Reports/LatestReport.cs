namespace Connector.Core.Reports;

/// <summary>The content of <c>products/latest.json</c>: which run is the newest and where its blobs are.</summary>
public sealed record LatestReport(string JobId, DateTimeOffset RunAt, DateTimeOffset CompletedAt, bool Empty, ReportBlobNames Blobs);
