using System.Text.Json.Nodes;

namespace Connector.Tests.Infra;

/// <summary>
/// The alert rules of infra/core/alerts.bicep as <c>bicep snapshot</c> predicts them: log queries on the workspace behind
/// Application Insights over the connector's own metrics and logs, and an action group only when an e-mail is given.
/// </summary>
public sealed class AlertRulesTests(BicepBuild build, AlertEmailBicepBuild withEmail) : IClassFixture<BicepBuild>, IClassFixture<AlertEmailBicepBuild>
{
    private const string RuleType = "Microsoft.Insights/scheduledQueryRules";
    private const string ActionGroupType = "Microsoft.Insights/actionGroups";

    private static Dictionary<string, JsonObject> Rules(DeploymentSnapshot snapshot) =>
        snapshot.OfType(RuleType).ToDictionary(r => ((string)r["name"]!).Split('-')[^1] switch
        {
            "failing" => "jobs-failing",
            "suspected" => "loop-suspected",
            "webhook" => "no-webhook",
            var other => other,
        });

    private static string Query(JsonObject rule) => (string)rule["properties"]!["criteria"]!["allOf"]![0]!["query"]!;

    [Fact]
    public void Four_enabled_log_alerts_watch_poison_failures_loops_and_webhook_silence_on_the_workspace()
    {
        var rules = Rules(build.Snapshot);
        Assert.Equal(["jobs-failing", "loop-suspected", "no-webhook", "poison"], rules.Keys.Order());
        var workspace = build.Snapshot.IdOf("Microsoft.OperationalInsights/workspaces");
        Assert.All(rules.Values, rule =>
        {
            var properties = rule["properties"]!;
            Assert.True((bool)properties["enabled"]!);
            Assert.Equal([workspace], properties["scopes"]!.AsArray().Select(s => (string)s!));
            Assert.Equal("GreaterThan", (string?)properties["criteria"]!["allOf"]![0]!["operator"]);
        });

        // Each query reads the metric (and attribute values) the connector emits; README "Telemetry" names them.
        Assert.Contains("connector.jobs.ended", Query(rules["poison"]));
        Assert.Contains("\"RetriesExhausted\"", Query(rules["poison"]));
        Assert.Contains("contact-sync-poison", Query(rules["poison"]));
        Assert.Contains("outcome == \"Failed\"", Query(rules["jobs-failing"]));
        Assert.Contains("reason == \"LoopSuspected\"", Query(rules["loop-suspected"]));
        Assert.Contains("connector.webhooks", Query(rules["no-webhook"]));
        Assert.Equal("PT6H", (string?)rules["no-webhook"]["properties"]!["windowSize"]);
        Assert.Equal(1, (int)rules["poison"]["properties"]!["severity"]!);
    }

    [Fact]
    public void Without_an_e_mail_address_there_is_no_action_group_and_the_rules_notify_nobody()
    {
        Assert.Empty(build.Snapshot.OfType(ActionGroupType));
        Assert.All(Rules(build.Snapshot).Values, rule => Assert.Empty(rule["properties"]!["actions"]!["actionGroups"]!.AsArray()));
    }

    [Fact]
    public void With_an_e_mail_address_every_rule_notifies_one_action_group_that_mails_it()
    {
        var group = withEmail.Snapshot.Single(ActionGroupType);
        Assert.Equal("global", (string?)group["location"]);
        var receiver = Assert.Single(group["properties"]!["emailReceivers"]!.AsArray());
        Assert.Equal(AlertEmailBicepBuild.Email, (string?)receiver!["emailAddress"]);

        var rules = Rules(withEmail.Snapshot);
        Assert.Equal(4, rules.Count);
        Assert.All(rules.Values, rule => Assert.Equal([(string)group["id"]!], rule["properties"]!["actions"]!["actionGroups"]!.AsArray().Select(a => (string)a!)));
        Assert.Equal($"PT{AlertEmailBicepBuild.NoWebhookHours}H", (string?)rules["no-webhook"]["properties"]!["windowSize"]);
    }
}
