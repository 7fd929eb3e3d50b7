using System.Text.Json.Nodes;

namespace Connector.Tests.Infra;

/// <summary>
/// What <c>bicep snapshot</c> predicts a deployment creates: every resource with its values evaluated, except what only
/// Azure knows at deployment time (<c>reference(...)</c> of another resource, outputs of a module that could not be
/// expanded), which stays an ARM expression in brackets.
/// </summary>
public sealed class DeploymentSnapshot(IReadOnlyList<JsonObject> resources, JsonObject outputs, IReadOnlyList<string> diagnostics)
{
    public IReadOnlyList<JsonObject> Resources { get; } = resources;
    public JsonObject Outputs { get; } = outputs;
    public IReadOnlyList<string> Diagnostics { get; } = diagnostics;

    public static DeploymentSnapshot Parse(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        return new DeploymentSnapshot(
            [.. (root["predictedResources"] as JsonArray ?? []).OfType<JsonObject>()],
            root["outputs"] as JsonObject ?? [],
            [.. (root["diagnostics"] as JsonArray ?? []).Select(d => d is JsonValue v && v.TryGetValue(out string? text) ? text : d?.ToJsonString() ?? "")]);
    }

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject Single(string type) => Assert.Single(OfType(type));

    /// <summary>The resource id of the one resource of <paramref name="type"/>.</summary>
    public string IdOf(string type) => (string)Single(type)["id"]!;

    public JsonObject AppSettings() => (JsonObject)OfType("Microsoft.Web/sites/config").Single(c => ((string)c["name"]!).EndsWith("/appsettings", StringComparison.Ordinal))["properties"]!;

    /// <summary>The value another resource exposes at deployment: <c>[reference('{id}', ...).{property}]</c>.</summary>
    public static bool IsReferenceTo(JsonNode? value, string resourceId, string property) =>
        (string?)value is { } text
        && text.StartsWith($"[reference('{resourceId}', ", StringComparison.Ordinal)
        && text.EndsWith($").{property}]", StringComparison.Ordinal);
}
