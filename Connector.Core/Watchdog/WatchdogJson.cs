using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Core.Watchdog;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WatchdogDetails))]
internal sealed partial class WatchdogJson : JsonSerializerContext;
