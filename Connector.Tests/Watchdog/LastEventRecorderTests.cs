using Connector.Core.Intake;
using Connector.Core.Watchdog;
using Connector.Tests.Infrastructure;
using Connector.Tests.Intake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Watchdog;

/// <summary>Intake keeps when it last accepted a delivery: after the answer, at most one write per interval per instance, never for a refused one.</summary>
public sealed class LastEventRecorderTests
{
    [Fact]
    public async Task An_accepted_delivery_is_marked_a_refused_one_is_not_and_writes_are_throttled()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero));
        await using var intake = await IntakeHarness.CreateAsync(configure: s => s.AddSingleton<TimeProvider>(time));
        var state = intake.Services.GetRequiredService<WatchdogStateStore>();

        var refused = await intake.PostAsync(IntakeHarness.Payload(), IntakeHarness.SignedHeaders(IntakeHarness.Payload(), secret: "wrong"));
        Assert.Equal(401, refused.StatusCode);
        Assert.Null((await state.GetAsync()).LastEventAt);

        Assert.Equal(200, (await intake.PostSignedAsync(IntakeHarness.Payload())).StatusCode);
        Assert.Equal(time.GetUtcNow(), (await state.GetAsync()).LastEventAt);

        time.Advance(LastEventRecorder.Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await intake.PostSignedAsync(IntakeHarness.Payload())).StatusCode);
        Assert.Equal(time.GetUtcNow() - LastEventRecorder.Interval + TimeSpan.FromSeconds(1), (await state.GetAsync()).LastEventAt); // not written again

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await intake.PostSignedAsync(IntakeHarness.Payload(evt: "person.changed"))).StatusCode); // ignored events count: delivery works
        Assert.Equal(time.GetUtcNow(), (await state.GetAsync()).LastEventAt);
    }

    [Fact]
    public async Task The_mark_is_part_of_the_bookkeeping_that_settles_after_the_answer()
    {
        await using var intake = await IntakeHarness.CreateAsync();
        var body = IntakeHarness.Payload();
        var result = await intake.Services.GetRequiredService<WebhookIntake>().AcceptAsync(
            new IntakeRequest(body, IntakeHarness.SignedHeaders(body)[Connector.Core.SuperOffice.WebhookSignature.HeaderName], false, null));
        Assert.Equal(IntakeOutcome.Queued, result.Outcome);
        await result.Settled;
        Assert.NotNull((await intake.Services.GetRequiredService<WatchdogStateStore>().GetAsync()).LastEventAt);
    }
}
