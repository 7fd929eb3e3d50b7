using Microsoft.Extensions.Options;

namespace Connector.Core.SuperOffice;

public sealed class SuperOfficeHttpOptionsValidator : IValidateOptions<SuperOfficeHttpOptions>
{
    /// <summary>The Functions host stops a call after 10 minutes; one SuperOffice call must end well before.</summary>
    public const double MaxTotalTimeoutSeconds = 300;

    public ValidateOptionsResult Validate(string? name, SuperOfficeHttpOptions options)
    {
        var failures = new List<string>();
        if (options.TotalTimeoutSeconds is <= 0 or > MaxTotalTimeoutSeconds)
        {
            failures.Add($"SuperOffice:Http:TotalTimeoutSeconds must be above 0 and at most {MaxTotalTimeoutSeconds} (well under the function timeout).");
        }
        if (options.AttemptTimeoutSeconds <= 0 || options.AttemptTimeoutSeconds > options.TotalTimeoutSeconds)
        {
            failures.Add("SuperOffice:Http:AttemptTimeoutSeconds must be above 0 and not above SuperOffice:Http:TotalTimeoutSeconds.");
        }
        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add("SuperOffice:Http:MaxRetryAttempts must be between 0 and 10.");
        }
        if (options.RetryBaseDelaySeconds <= 0 || options.MaxRetryAfterSeconds < 0)
        {
            failures.Add("SuperOffice:Http:RetryBaseDelaySeconds must be above 0 and SuperOffice:Http:MaxRetryAfterSeconds not negative.");
        }
        if (options.CircuitBreakerFailureRatio is <= 0 or > 1 || options.CircuitBreakerMinimumThroughput < 2
            || options.CircuitBreakerSamplingSeconds < 0.5 || options.CircuitBreakerBreakSeconds < 0.5)
        {
            failures.Add("SuperOffice:Http:CircuitBreaker* are out of range (ratio in (0,1], throughput ≥ 2, durations ≥ 0.5 s).");
        }
        if (options.TokenRenewalMarginSeconds < 0 || options.TenantStateCacheSeconds < 0)
        {
            failures.Add("SuperOffice:Http:TokenRenewalMarginSeconds and TenantStateCacheSeconds must not be negative.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
