using System.Net;
using Connector.Core.SuperOffice;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Testing;
using Polly.Retry;
using Polly.Timeout;

namespace Connector.Tests.SuperOffice;

/// <summary>
/// Retries with backoff on 429/5xx/timeouts, honouring Retry-After; typed errors when retries run out. What the
/// pipeline waits is read from its configuration (no wall-clock timing here); the sandbox shows what reached it.
/// </summary>
public sealed class SuperOfficeResilienceTests
{
    [Fact]
    public async Task Retry_After_is_honoured_on_429()
    {
        await using var h = await ClientHarness.StartAsync(settings: new() { ["SuperOffice:Http:MaxRetryAttempts"] = "2" });
        await h.Client.GetContactAsync(1);
        await h.Sandbox.SetFaultsAsync(new { throttleShare = 1.0, retryAfterSeconds = 1 });
        await h.ClearRequestsAsync();

        var error = await Assert.ThrowsAsync<SuperOfficeApiException>(() => h.Client.GetContactAsync(2));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Contains("TooManyRequests", error.SuperOfficeMessage);
        Assert.Equal(3, (await h.RequestsAsync("/v1/Contact/2")).Count);
    }

    [Theory]
    [InlineData(7, 60, 7.0)]
    [InlineData(0, 60, 0.0)]
    [InlineData(null, 60, null)]
    public async Task The_retry_waits_what_Retry_After_says(int? retryAfterSeconds, int maxRetryAfterSeconds, double? expectedSeconds)
    {
        var retry = Strategy<HttpRetryStrategyOptions>(new SuperOfficeHttpOptions { MaxRetryAfterSeconds = maxRetryAfterSeconds, RetryBaseDelaySeconds = 0.05 });
        using var response = Throttled(retryAfterSeconds);
        var context = ResilienceContextPool.Shared.Get();

        var delay = await retry.DelayGenerator!(new RetryDelayGeneratorArguments<HttpResponseMessage>(context, Outcome.FromResult(response), 0));

        // Null means the strategy's own exponential backoff (50 ms base, with jitter).
        Assert.Equal(expectedSeconds, delay?.TotalSeconds);
        Assert.False(retry.ShouldRetryAfterHeader);
        Assert.True(retry.UseJitter);
        Assert.Equal(DelayBackoffType.Exponential, retry.BackoffType);
    }

    [Theory]
    [InlineData(60, 60, true)]
    [InlineData(61, 60, false)]
    [InlineData(null, 60, true)]
    public async Task A_429_is_retried_unless_its_Retry_After_is_longer_than_allowed(int? retryAfterSeconds, int maxRetryAfterSeconds, bool retried)
    {
        var retry = Strategy<HttpRetryStrategyOptions>(new SuperOfficeHttpOptions { MaxRetryAfterSeconds = maxRetryAfterSeconds });
        using var response = Throttled(retryAfterSeconds);

        var handled = await retry.ShouldHandle(new RetryPredicateArguments<HttpResponseMessage>(ResilienceContextPool.Shared.Get(), Outcome.FromResult(response), 0));

        Assert.Equal(retried, handled);
    }

    [Fact]
    public void One_call_is_bounded_in_total_and_per_attempt()
    {
        var options = new SuperOfficeHttpOptions { TotalTimeoutSeconds = 4, AttemptTimeoutSeconds = 1 };
        var descriptor = Pipeline(options).GetPipelineDescriptor();

        // Outermost the total timeout, innermost the attempt timeout, so every retry and wait counts against the total.
        Assert.Equal(TimeSpan.FromSeconds(4), ((TimeoutStrategyOptions)descriptor.Strategies[0].Options!).Timeout);
        Assert.IsType<HttpRetryStrategyOptions>(descriptor.Strategies[1].Options);
        Assert.IsType<HttpCircuitBreakerStrategyOptions>(descriptor.Strategies[2].Options);
        Assert.Equal(TimeSpan.FromSeconds(1), ((TimeoutStrategyOptions)descriptor.Strategies[3].Options!).Timeout);
    }

    private static ResiliencePipeline<HttpResponseMessage> Pipeline(SuperOfficeHttpOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        SuperOfficeRegistration.ConfigurePipeline(builder, options, retryPosts: false);
        return builder.Build();
    }

    private static T Strategy<T>(SuperOfficeHttpOptions options) =>
        Pipeline(options).GetPipelineDescriptor().Strategies.Select(s => s.Options).OfType<T>().Single();

    private static HttpResponseMessage Throttled(int? retryAfterSeconds)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/api/v1/Contact/1") };
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }
        return response;
    }

    [Fact]
    public async Task Throttled_calls_succeed_once_the_throttle_lets_them_through()
    {
        await using var h = await ClientHarness.StartAsync(o => { o.ThrottleShare = 0.3; o.RetryAfterSeconds = 0; },
            new() { ["SuperOffice:Http:MaxRetryAttempts"] = "8" });

        var contacts = await Task.WhenAll(Enumerable.Range(1, 20).Select(id => h.Client.GetContactAsync(id)));

        Assert.Equal(Enumerable.Range(1, 20), contacts.Select(c => c.ContactId));
        Assert.Contains(await h.RequestsAsync("/v1/Contact/"), r => r.GetProperty("status").GetInt32() == 429);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_allowed_is_not_waited_for()
    {
        await using var h = await ClientHarness.StartAsync(settings: new() { ["SuperOffice:Http:MaxRetryAfterSeconds"] = "2" });
        await h.Client.GetContactAsync(1);
        await h.Sandbox.SetFaultsAsync(new { throttleShare = 1.0, retryAfterSeconds = 30 });

        var error = await Assert.ThrowsAsync<SuperOfficeApiException>(() => h.Client.GetContactAsync(2));

        // Not retried, so not waited for: the queue tries the job again later.
        Assert.Equal((HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(30)), (error.StatusCode, error.RetryAfter));
        Assert.Single(await h.RequestsAsync("/v1/Contact/2"));
    }

    [Fact]
    public async Task Server_errors_are_retried_then_surface_as_a_typed_transient_error()
    {
        await using var h = await ClientHarness.StartAsync();
        await h.Client.GetContactAsync(1);
        await h.Sandbox.SetFaultsAsync(new { serverErrorShare = 1.0 });

        var error = await Assert.ThrowsAsync<SuperOfficeApiException>(() => h.Client.GetContactAsync(2));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.IsNotType<TenantUnavailableException>(error);
        Assert.Contains("SoException", error.Message);
        Assert.Equal(4, (await h.RequestsAsync("/v1/Contact/2")).Count);
    }

    [Fact]
    public async Task A_post_is_not_repeated_after_a_server_error()
    {
        await using var h = await ClientHarness.StartAsync();
        await h.Client.GetContactAsync(1);
        await h.Sandbox.SetFaultsAsync(new { serverErrorShare = 1.0 });

        await Assert.ThrowsAsync<SuperOfficeApiException>(() => h.Client.CreateContactAsync(new NewContact { Name = "Twice AG" }));

        Assert.Single(await h.RequestsAsync("/v1/Contact"), r => r.GetProperty("method").GetString() == "POST");
    }

    [Fact]
    public async Task A_slow_answer_times_out_per_attempt_and_in_total()
    {
        await using var h = await ClientHarness.StartAsync(settings: new()
        {
            ["SuperOffice:Http:AttemptTimeoutSeconds"] = "1",
            ["SuperOffice:Http:TotalTimeoutSeconds"] = "4",
            ["SuperOffice:Http:MaxRetryAttempts"] = "10",
        });
        await h.Client.GetContactAsync(1);
        await h.Sandbox.SetFaultsAsync(new { latencyMs = 5000 });

        var error = await Assert.ThrowsAsync<SuperOfficeApiException>(() => h.Client.GetContactAsync(2));

        Assert.Null(error.StatusCode);
        Assert.True(error.IsTransient);
        // Each attempt was cut off after 1 s and the whole call after 4 s: far fewer than the 11 attempts allowed.
        Assert.InRange((await h.RequestsAsync("/v1/Contact/2")).Count, 1, 5);
    }
}
