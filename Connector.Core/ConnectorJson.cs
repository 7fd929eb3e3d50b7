using System.Text.Json;
using System.Text.Json.Serialization;
using Connector.Core.Intake;
using Connector.Core.Jobs;

namespace Connector.Core;

/// <summary>Source-generated JSON for the payloads the connector owns (camelCase, enums by name).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(SyncMessage))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(JobView))]
[JsonSerializable(typeof(Connector.Core.Sync.SyncDetails))]
public sealed partial class ConnectorJson : JsonSerializerContext;
