using System.Text.Json;

namespace Connector.Core.Enrichment;

/// <summary>The 200 body: string fields are kept, other values are turned into their JSON text, nulls dropped.</summary>
public sealed record EnrichmentResponse(Dictionary<string, JsonElement>? Fields, string? Version)
{
    public IReadOnlyDictionary<string, string> StringFields() =>
        (Fields ?? []).Where(f => f.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            .ToDictionary(
                f => f.Key,
                f => f.Value.ValueKind == JsonValueKind.String ? f.Value.GetString()! : f.Value.GetRawText(),
                StringComparer.OrdinalIgnoreCase);
}
