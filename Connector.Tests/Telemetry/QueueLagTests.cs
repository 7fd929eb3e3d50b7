using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Telemetry;

/// <summary>
/// Queue lag is measured from when a job's message is due, not from when it was first sent: a retry or a wait records
/// the time its message comes back, so the delay it asked for is not counted as lag.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class QueueLagTests
{
    [Fact]
    public async Task A_retried_job_is_due_after_its_delay_and_its_lag_counts_only_the_time_after_that()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var telemetry = new TelemetryCapture();
        await using var services = await TestServices.CreateAsync(configure: s =>
        {
            s.AddSingleton<TimeProvider>(time);
            telemetry.AddTo(s);
        });
        telemetry.Start(services);
        var lifecycle = services.GetRequiredService<JobLifecycle>();
        var message = new SyncMessage("lag-1", 4711, "contact.changed", time.GetUtcNow(), ["name"], 12, TestServices.Tenant);
        var job = await lifecycle.GetOrRecordAsync(message);

        time.Advance(TimeSpan.FromSeconds(3));
        var claimed = (await lifecycle.ClaimAsync(job)).Claimed!;
        var retrying = await lifecycle.RetryLaterAsync(claimed, message, TimeSpan.FromSeconds(30), "SuperOffice answered 503.", null);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(30), retrying.QueuedAt);

        time.Advance(TimeSpan.FromSeconds(32));
        Assert.NotNull((await lifecycle.ClaimAsync(retrying)).Claimed);

        // 3 s before the first claim, 2 s after the retry was due (not 32 s).
        Assert.Equal(2, telemetry.Count("connector.sync.queue_lag"));
        Assert.Equal(5, telemetry.HistogramSum("connector.sync.queue_lag"), precision: 3);
    }
}
