using System.Text.Json.Nodes;

namespace Connector.Sandbox.Tenant;

/// <summary>A registered webhook (states Unknown, Active, Stopped, TooManyErrors) and its delivery counters.</summary>
public sealed class WebhookRecord
{
    public int WebhookId { get; init; }
    public string Name { get; set; } = "";
    public List<string> Events { get; set; } = [];
    public string TargetUrl { get; set; } = "";
    public string? Secret { get; set; }
    public string State { get; set; } = "Active";
    public string Type { get; set; } = "webhook";
    public Dictionary<string, string>? Headers { get; set; }
    public JsonObject? Properties { get; set; }
    public string? ErrorsEmail { get; set; }
    public DateTime Registered { get; init; }
    public int RegisteredAssociateId { get; init; }
    public DateTime Updated { get; set; }
    public int UpdatedAssociateId { get; set; }
    public int ConsecutiveErrors { get; set; }
    public string LastError { get; set; } = "";
    /// <summary>Usage statistics, as the Webhook archive's <c>webhookUsage/*</c> columns show them.</summary>
    public int TotalCalls { get; set; }
    public int TotalErrors { get; set; }
    public DateTime? LastEvent { get; set; }

    public bool Wants(string eventName) =>
        State == "Active" && Events.Any(e => string.Equals(e, eventName, StringComparison.OrdinalIgnoreCase));
}
