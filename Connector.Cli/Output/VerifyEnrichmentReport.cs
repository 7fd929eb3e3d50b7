namespace Connector.Cli.Output;

/// <summary>What <c>verify-enrichment</c> found on one contact.</summary>
public sealed record VerifyEnrichmentReport(int ContactId, string? Name, bool UdfsUnreadable, bool Complete, IReadOnlyList<EnrichmentFieldReport> Fields);
