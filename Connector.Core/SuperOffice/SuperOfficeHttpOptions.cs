namespace Connector.Core.SuperOffice;

/// <summary>
/// Settings of section <c>SuperOffice:Http</c>: retries, timeouts and the circuit breaker of the SuperOffice clients.
/// The defaults keep one call well under the 10-minute function timeout; longer outages are left to the queue.
/// </summary>
public sealed class SuperOfficeHttpOptions
{
    public const string Section = "SuperOffice:Http";

    /// <summary>The longest one attempt may take.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 30;

    /// <summary>The longest one call may take, retries and waits included.</summary>
    public double TotalTimeoutSeconds { get; set; } = 120;

    /// <summary>Retries after the first attempt (408, 429, 5xx, timeouts, connection failures).</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>A <c>Retry-After</c> longer than this is not waited for: the call fails (transient) and the queue retries later.</summary>
    public double MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>The circuit opens when this share of calls fails within <see cref="CircuitBreakerSamplingSeconds"/>.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    public double CircuitBreakerSamplingSeconds { get; set; } = 60;

    public double CircuitBreakerBreakSeconds { get; set; } = 15;

    /// <summary>An access token is renewed this long before it expires (at most a tenth of its lifetime).</summary>
    public double TokenRenewalMarginSeconds { get; set; } = 60;

    /// <summary>How long a tenant state without <c>ValidUntil</c> is trusted.</summary>
    public double TenantStateCacheSeconds { get; set; } = 300;

    public TimeSpan AttemptTimeout => TimeSpan.FromSeconds(AttemptTimeoutSeconds);
    public TimeSpan TotalTimeout => TimeSpan.FromSeconds(TotalTimeoutSeconds);
    public TimeSpan RetryBaseDelay => TimeSpan.FromSeconds(RetryBaseDelaySeconds);
    public TimeSpan MaxRetryAfter => TimeSpan.FromSeconds(MaxRetryAfterSeconds);
    public TimeSpan TokenRenewalMargin => TimeSpan.FromSeconds(TokenRenewalMarginSeconds);
    public TimeSpan TenantStateCache => TimeSpan.FromSeconds(TenantStateCacheSeconds);
    public TimeSpan CircuitBreakerBreak => TimeSpan.FromSeconds(CircuitBreakerBreakSeconds);
}
