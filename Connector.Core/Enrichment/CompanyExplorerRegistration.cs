using Connector.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Connector.Core.Enrichment;

internal static class CompanyExplorerRegistration
{
    /// <summary>How long the circuit stays open once Company Explorer failed too often.</summary>
    public static readonly TimeSpan CircuitBreak = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The Company Explorer client: retries 408/429/5xx/timeouts with exponential backoff and jitter (honouring
    /// Retry-After), a circuit breaker, and a total timeout of <see cref="CompanyExplorerOptions.TimeoutSeconds"/>,
    /// well under the function timeout: longer outages are left to the queue's delayed retries.
    /// </summary>
    public static IServiceCollection AddCompanyExplorer(this IServiceCollection services)
    {
        services.AddOptions<CompanyExplorerOptions>().BindConfiguration(CompanyExplorerOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CompanyExplorerOptions>, CompanyExplorerOptionsValidator>();
        var client = services.AddHttpClient<CompanyExplorerClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        client.AddResilienceHandler("company-explorer", (pipeline, context) =>
        {
            var total = TimeSpan.FromSeconds(context.ServiceProvider.GetRequiredService<IOptions<CompanyExplorerOptions>>().Value.TimeoutSeconds);
            pipeline
                .AddTimeout(total)
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(1),
                    ShouldRetryAfterHeader = true,
                })
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 10,
                    SamplingDuration = TimeSpan.FromSeconds(60),
                    BreakDuration = CircuitBreak,
                })
                .AddTimeout(TimeSpan.FromTicks(Math.Max(total.Ticks / 2, TimeSpan.FromSeconds(1).Ticks)));
        });
        // Inside the pipeline: every attempt is counted and traced, retries included.
        client.AddHttpMessageHandler(() => new OutboundCallTelemetry(OutboundCallTelemetry.CompanyExplorer));
        return services;
    }
}
