using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Core.Enrichment;

/// <summary>The Company Explorer payloads (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EnrichmentRequest))]
[JsonSerializable(typeof(EnrichmentResponse))]
public sealed partial class EnrichmentJson : JsonSerializerContext;
