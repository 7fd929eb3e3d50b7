using System.Net;
using Connector.Core.Configuration;
using Connector.Core.Reports;
using Connector.Core.Sync;
using Connector.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Connector.Core.SuperOffice;

/// <summary>
/// Registers the SuperOffice client. Two named HttpClients, each with one resilience pipeline (total timeout → retry
/// with exponential backoff, jitter and <c>Retry-After</c> → circuit breaker → attempt timeout): <c>SuperOffice.Login</c>
/// (token, system user, tenant state, OpenID Connect metadata and keys) and <c>SuperOffice.Api</c> (the tenant's REST API). The services are singletons
/// that take a client from <see cref="IHttpClientFactory"/> per call, so handlers rotate and credentials are shared.
/// </summary>
public static class SuperOfficeRegistration
{
    public const string LoginClientName = "SuperOffice.Login";
    public const string ApiClientName = "SuperOffice.Api";

    public static IServiceCollection AddSuperOfficeClient(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SuperOfficeOptions>, SuperOfficeAuthOptionsValidator>());
        services.AddOptions<SuperOfficeHttpOptions>().BindConfiguration(SuperOfficeHttpOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SuperOfficeHttpOptions>, SuperOfficeHttpOptionsValidator>());

        // The token grant and the system user sign-in may be repeated safely; a REST POST (creating a contact) may not.
        AddHttpClient(services, LoginClientName, retryPosts: true);
        AddHttpClient(services, ApiClientName, retryPosts: false);

        services.TryAddSingleton<SuperOfficeSecrets>();
        services.TryAddSingleton<SuperOfficeLoginClient>();
        services.TryAddSingleton<SuperOfficeApiBase>();
        services.TryAddSingleton<SuperOfficeMetadataRetriever>();
        services.TryAddSingleton<SuperOfficeOpenIdMetadata>();
        services.TryAddSingleton<SuperOfficeTokenValidator>();
        services.TryAddSingleton<ISuperOfficeSignIn>(sp =>
            sp.GetRequiredService<IOptions<SuperOfficeOptions>>().Value.AuthMode == SuperOfficeAuthMode.SystemUser
                ? ActivatorUtilities.CreateInstance<SystemUserSignIn>(sp)
                : ActivatorUtilities.CreateInstance<RefreshTokenSignIn>(sp));
        services.TryAddSingleton<SuperOfficeCredentials>();
        services.TryAddSingleton<SuperOfficeHttp>();
        services.TryAddSingleton<SuperOfficeClient>();
        services.TryAddSingleton<SuperOfficeWebhookClient>();
        services.TryAddSingleton<SuperOfficeArchiveClient>();
        // The sync cycle's and the product report's views of SuperOffice.
        services.TryAddSingleton<IContactGateway, SuperOfficeContactGateway>();
        services.TryAddSingleton<ISaleSource, SuperOfficeSaleSource>();
        services.TryAddSingleton<IProductFamilySource, SuperOfficeProductFamilySource>();
        return services;
    }

    private static void AddHttpClient(IServiceCollection services, string name, bool retryPosts)
    {
        var client = services.AddHttpClient(name, http => http.Timeout = Timeout.InfiniteTimeSpan)
            // Header values never reach logs (they would at Trace level): Authorization, SO-AppToken.
            .RedactLoggedHeaders(_ => true);
        client.AddResilienceHandler(name, (pipeline, context) =>
            ConfigurePipeline(pipeline, context.ServiceProvider.GetRequiredService<IOptions<SuperOfficeHttpOptions>>().Value, retryPosts));
        // Inside the pipeline: every attempt is counted and traced, retries included.
        client.AddHttpMessageHandler(() => new OutboundCallTelemetry(name == LoginClientName ? OutboundCallTelemetry.SuperOfficeLogin : OutboundCallTelemetry.SuperOffice));
    }

    internal static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, SuperOfficeHttpOptions options, bool retryPosts) =>
        pipeline
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options, retryPosts)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? SuperOfficeErrors.RetryAfter(response) : null),
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                // 429 is SuperOffice asking us to wait (Retry-After, honoured by the retry), not a failing service.
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome) && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests),
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(options.CircuitBreakerSamplingSeconds),
                BreakDuration = options.CircuitBreakerBreak,
            })
            .AddTimeout(options.AttemptTimeout);

    /// <summary>
    /// 408, 429, 5xx, attempt timeouts and connection failures are retried. A 429 whose <c>Retry-After</c> exceeds
    /// <see cref="SuperOfficeHttpOptions.MaxRetryAfterSeconds"/> is not waited for. Unless <paramref name="retryPosts"/>, a
    /// POST (e.g. creating a contact) is retried only after 429, which means SuperOffice did not process it; anything
    /// else could create a duplicate.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, SuperOfficeHttpOptions options, bool retryPosts)
    {
        if (!HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return false;
        }
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } throttled)
        {
            return SuperOfficeErrors.RetryAfter(throttled) is not { } wait || wait <= options.MaxRetryAfter;
        }
        var method = outcome.Result?.RequestMessage?.Method ?? context.GetRequestMessage()?.Method;
        return retryPosts || method != HttpMethod.Post;
    }
}
