using System.Diagnostics;
using System.Net;
using Connector.Core.SuperOffice;

namespace Connector.Tests.SuperOffice;

/// <summary>Retries with backoff on 429/5xx/timeouts, honouring Retry-After; typed errors when retries run out.</summary>
public sealed class SuperOfficeResilienceTests
{
    [Fact]
    public async Task Retry_After_is_honoured_on_429()
    {
        await using var h = await ClientHarness.StartAsync(settings: new() { ["SuperOffice:Http:MaxRetryAttempts"] = "2" });
        await h.Client.GetContactAsync(1);
        await h.Sandbox.SetFaultsAsync(new { throttleShare = 1.0, retryAfterSeconds = 1 });
        await h.ClearRequestsAsync();

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<SuperOfficeApiException>(() => h.Client.GetContactAsync(2));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Contains("TooManyRequests", error.SuperOfficeMessage);
        var attempts = (await h.RequestsAsync("/v1/Contact/2")).Select(r => r.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(3, attempts.Count);
        // The base delay is 50 ms: only Retry-After explains a second between attempts.
        Assert.All(attempts.Zip(attempts.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(900), $"{pair.Second - pair.First}"));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.8));
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

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<SuperOfficeApiException>(() => h.Client.GetContactAsync(2));

        Assert.Equal((HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(30)), (error.StatusCode, error.RetryAfter));
        Assert.Single(await h.RequestsAsync("/v1/Contact/2"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
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

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<SuperOfficeApiException>(() => h.Client.GetContactAsync(2));

        Assert.Null(error.StatusCode);
        Assert.True(error.IsTransient);
        // 4 s for the call, at most 4 s more for the tenant state check that follows a call without answer.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), clock.Elapsed.ToString());
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(3.5), clock.Elapsed.ToString());
    }
}
