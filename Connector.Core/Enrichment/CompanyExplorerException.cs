namespace Connector.Core.Enrichment;

/// <summary>Company Explorer answered with an error. <see cref="IsTransient"/> for 408, 429, 5xx and timeouts.</summary>
public sealed class CompanyExplorerException(string message, int? statusCode, bool isTransient, Exception? inner = null)
    : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;
    public bool IsTransient { get; } = isTransient;

    /// <summary>How long to wait before trying again, when known (an open circuit: its break).</summary>
    public TimeSpan? RetryAfter { get; init; }
}
