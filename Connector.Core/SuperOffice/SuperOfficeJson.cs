using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.Core.SuperOffice;

/// <summary>
/// Source-generated JSON for the payloads we send to SuperOffice (PascalCase as declared). Reading is
/// case-insensitive and takes numbers given as strings; answers whose shape varies are read with
/// <see cref="JsonValues"/> instead.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SystemUserRequest))]
[JsonSerializable(typeof(NewContact))]
[JsonSerializable(typeof(WebhookDefinition))]
[JsonSerializable(typeof(List<WebhookDefinition>))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class SuperOfficeJson : JsonSerializerContext;
