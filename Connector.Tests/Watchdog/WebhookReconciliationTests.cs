using Connector.Core.SuperOffice;
using Connector.Core.Watchdog;

namespace Connector.Tests.Watchdog;

/// <summary>The reconciliation's decisions, by table: which webhook is ours, and what differs.</summary>
public sealed class WebhookReconciliationTests
{
    private const string Url = "https://app.example/api/superoffice/webhook?code=k1";
    private static readonly DesiredWebhook Desired = new("Connector", Url, ["contact.changed", "contact.created"], "s3cret");

    private static WebhookDefinition Hook(int id = 7, string name = "Connector", string url = Url, string state = "Active", string? secret = "s3cret",
        params string[] events) =>
        new() { WebhookId = id, Name = name, TargetUrl = url, State = state, Secret = secret, Events = events.Length == 0 ? ["contact.created", "contact.changed"] : events };

    [Fact]
    public void A_matching_active_webhook_needs_nothing()
    {
        var plan = WebhookReconciliation.Plan([Hook(state: "Active", events: ["Contact.Changed", "contact.created"])], Desired, null);
        Assert.Equal(WebhookAction.None, plan.Action);
        Assert.False(plan.WasDown);
    }

    [Fact]
    public void Missing_is_created_or_reported_when_no_target_is_set()
    {
        Assert.Equal(WebhookAction.Create, WebhookReconciliation.Plan([Hook(name: "Other", url: "https://other.example/")], Desired, null).Action);
        Assert.Equal(WebhookAction.CannotCreate, WebhookReconciliation.Plan([], Desired with { TargetUrl = null }, null).Action);
        Assert.True(WebhookReconciliation.Plan([], Desired, null).WasDown);
    }

    [Fact]
    public void Found_by_name_first_lowest_id_then_by_target()
    {
        Assert.Equal(3, WebhookReconciliation.Plan([Hook(id: 9), Hook(id: 3, state: "TooManyErrors")], Desired, null).Found!.WebhookId);
        Assert.Equal(5, WebhookReconciliation.Plan([Hook(id: 5, name: "Hand made", url: "HTTPS://APP.example/api/superoffice/webhook?code=k1")], Desired, null).Found!.WebhookId);
    }

    [Theory]
    [InlineData("TooManyErrors", "State")]
    [InlineData("Unknown", "State")]
    public void A_webhook_SuperOffice_gave_up_on_is_reactivated(string state, string change)
    {
        var plan = WebhookReconciliation.Plan([Hook(state: state)], Desired, null);
        Assert.Equal(WebhookAction.Update, plan.Action);
        Assert.Equal([change], plan.Changes);
        Assert.True(plan.WasDown);
    }

    [Fact]
    public void A_stopped_webhook_is_left_to_the_administrator() =>
        Assert.Equal(WebhookAction.LeaveStopped, WebhookReconciliation.Plan([Hook(state: "Stopped")], Desired, null).Action);

    [Fact]
    public void Target_events_and_secret_differences_are_all_listed()
    {
        var plan = WebhookReconciliation.Plan([Hook(url: "https://old.example/hook", secret: "old", events: ["contact.created"])], Desired, null);
        Assert.Equal(["TargetUrl", "Events", "Secret"], plan.Changes);
    }

    [Theory]
    [InlineData("s3cret", null, false)]
    [InlineData("other", null, true)]
    [InlineData(null, null, true)]          // not shown, never set by us: set it once
    [InlineData("", "match", false)]        // not shown, our fingerprint matches
    [InlineData("********", "match", false)] // masked is not shown
    [InlineData(null, "other", true)]       // not shown, set to another secret before
    public void Secret_is_compared_shown_or_by_fingerprint(string? held, string? fingerprint, bool differs)
    {
        var print = fingerprint switch { "match" => SecretFingerprint.Create("s3cret"), "other" => SecretFingerprint.Create("old"), _ => null };
        Assert.Equal(differs, WebhookReconciliation.SecretDiffers(held, "s3cret", print));
        Assert.False(WebhookReconciliation.SecretDiffers(held, null, print)); // no secret configured: never touched
    }

    [Fact]
    public void A_fingerprint_is_salted_and_does_not_hold_the_secret()
    {
        var a = SecretFingerprint.Create("s3cret");
        Assert.NotEqual(a, SecretFingerprint.Create("s3cret"));
        Assert.DoesNotContain("s3cret", a);
        Assert.True(SecretFingerprint.Matches(a, "s3cret"));
        Assert.False(SecretFingerprint.Matches(a, "s3cret "));
        Assert.False(SecretFingerprint.Matches("garbage", "s3cret"));
    }
}
