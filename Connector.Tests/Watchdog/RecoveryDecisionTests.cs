using Connector.Core.SuperOffice;
using Connector.Core.Watchdog;

namespace Connector.Tests.Watchdog;

/// <summary>When the watchdog recovers, and from when: a pure decision on the kept state, the webhook found and the time.</summary>
public sealed class RecoveryDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Silence = TimeSpan.FromMinutes(120);

    private static WebhookPlan Found(string state = "Active", WebhookAction action = WebhookAction.None) =>
        new(action, [], new WebhookDefinition { WebhookId = 1, State = state });

    [Fact]
    public void Events_arriving_need_nothing() =>
        Assert.Equal(RecoveryKind.None, RecoveryDecision.Decide(new() { LastEventAt = Now.AddMinutes(-119) }, Found(), Now, Silence).Kind);

    [Fact]
    public void A_webhook_that_was_down_recovers_from_the_last_event_with_an_overlap()
    {
        var decision = RecoveryDecision.Decide(new() { LastEventAt = Now.AddMinutes(-30) }, Found("TooManyErrors", WebhookAction.Update), Now, Silence);
        Assert.Equal(RecoveryKind.Recover, decision.Kind);
        Assert.Equal(new RecoveryWindow(Now.AddMinutes(-30) - RecoveryDecision.Overlap, Now), decision.Window);
        Assert.Contains("TooManyErrors", decision.Reason);
    }

    [Fact]
    public void A_missing_webhook_recovers_too() =>
        Assert.Equal(RecoveryKind.Recover, RecoveryDecision.Decide(new() { LastEventAt = Now.AddMinutes(-30) }, new(WebhookAction.Create, [], null), Now, Silence).Kind);

    [Fact]
    public void Silence_longer_than_the_limit_recovers_if_companies_changed()
    {
        var decision = RecoveryDecision.Decide(new() { LastEventAt = Now.AddMinutes(-121) }, Found(), Now, Silence);
        Assert.Equal(RecoveryKind.RecoverIfChanged, decision.Kind);
    }

    [Fact]
    public void The_window_starts_at_the_later_of_the_last_event_and_the_last_recovery()
    {
        var state = new WatchdogState { LastEventAt = Now.AddHours(-5), RecoveredThrough = Now.AddHours(-1) };
        var decision = RecoveryDecision.Decide(state, Found("TooManyErrors", WebhookAction.Update), Now, Silence);
        Assert.Equal(Now.AddHours(-1) - RecoveryDecision.Overlap, decision.Window!.From);
        Assert.Equal(RecoveryKind.None, RecoveryDecision.Decide(state, Found(), Now, Silence).Kind);
    }

    [Fact]
    public void An_unfinished_recovery_is_resumed_with_its_own_window()
    {
        var pending = new RecoveryWindow(Now.AddDays(-1), Now.AddHours(-2));
        var decision = RecoveryDecision.Decide(new() { LastEventAt = Now, PendingRecovery = pending }, Found(), Now, Silence);
        Assert.Equal(RecoveryKind.Resume, decision.Kind);
        Assert.Equal(pending, decision.Window);
    }

    [Fact]
    public void Nothing_known_yet_is_a_baseline() =>
        Assert.Equal(RecoveryKind.Baseline, RecoveryDecision.Decide(new(), Found("TooManyErrors", WebhookAction.Update), Now, Silence).Kind);

    [Theory]
    [InlineData(WebhookAction.LeaveStopped)]
    [InlineData(WebhookAction.CannotCreate)]
    public void Nothing_is_recovered_into_a_webhook_that_cannot_deliver(WebhookAction action) =>
        Assert.Equal(RecoveryKind.None, RecoveryDecision.Decide(new() { LastEventAt = Now.AddDays(-2) }, Found("Stopped", action), Now, Silence).Kind);

    [Fact]
    public void The_window_key_is_its_start_to_the_second() =>
        Assert.Equal("20260302T114500Z", new RecoveryWindow(Now.AddMinutes(-15).AddMilliseconds(300), Now).Key);
}
