namespace Connector.Core.Enrichment;

public enum EnrichmentStatus
{
    /// <summary>200: fields are available.</summary>
    Enriched,
    /// <summary>202: the analysis is still running; try again after <see cref="EnrichmentResult.RetryAfter"/>.</summary>
    Pending,
    /// <summary>404 or 422: this company cannot be enriched.</summary>
    NotEnrichable,
}

/// <summary>The Company Explorer contract, answer side.</summary>
public sealed record EnrichmentResult(
    EnrichmentStatus Status,
    IReadOnlyDictionary<string, string> Fields,
    string? Version = null,
    TimeSpan? RetryAfter = null,
    string? Message = null);
