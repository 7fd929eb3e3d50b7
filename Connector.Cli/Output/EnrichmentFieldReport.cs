namespace Connector.Cli.Output;

/// <summary>One mapped enrichment field of a contact: <c>Status</c> is <c>ok</c>, <c>missing</c> or <c>unreadable</c>.</summary>
public sealed record EnrichmentFieldReport(string Source, string ProgId, string Label, string Status, string? Value);
