using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Core.SuperOffice;

/// <summary>
/// A webhook as <c>v1/Webhook</c> returns and takes it. Properties this type does not name (<c>Registered</c>,
/// <c>ErrorsEmail</c>, ...) are kept in <see cref="Extra"/>, so a GET → change → PUT loses nothing.
/// </summary>
public sealed record WebhookDefinition
{
    public const string Active = "Active";

    public int WebhookId { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<string>? Events { get; init; }
    public string? TargetUrl { get; init; }
    /// <summary>Secret (the HMAC key SuperOffice signs with).</summary>
    public string? Secret { get; init; }
    /// <summary><c>Active</c>, <c>Stopped</c>, <c>TooManyErrors</c> (a number on some versions is read as its text).</summary>
    [JsonConverter(typeof(LooseStringConverter))]
    public string? State { get; init; }
    public string? Type { get; init; } = "webhook";
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    public JsonElement? Properties { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>Holds the webhook secret, and its target URL a function key: never print either.</summary>
    public override string ToString() => $"Webhook {WebhookId} \"{Name}\" ({State}) → {Configuration.SecretUrl.Mask(TargetUrl)}";
}
