using System.Globalization;
using System.Text.Json;

namespace Connector.Core.SuperOffice;

/// <summary>
/// Parses a webhook body strictly: the fields the connector relies on must be present with the documented types.
/// Errors name the field and never echo the body.
/// </summary>
public static class WebhookPayloadParser
{
    public sealed record Result(WebhookPayload? Payload, string? Error, bool IsTestEvent);

    public static Result Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return new Result(null, "The body is not valid JSON.", false);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new Result(null, "The body must be a JSON object.", false);
            }

            var eventName = ReadString(root, "Event");
            // The registration test event carries placeholder values (ContextIdentifier "Default", PrimaryKey 0);
            // it is recognised before the strict checks so that registration always succeeds.
            var isTest = string.Equals(eventName, WebhookPayload.TestEvent, StringComparison.OrdinalIgnoreCase);
            var errors = new List<string>();

            var eventIdText = ReadString(root, "EventId");
            Guid eventId = default;
            if (eventIdText is null)
            {
                errors.Add(Missing(root, "EventId", "a GUID string"));
            }
            else if (!Guid.TryParse(eventIdText, out eventId))
            {
                errors.Add("EventId must be a GUID.");
            }
            if (string.IsNullOrWhiteSpace(eventName))
            {
                errors.Add(Missing(root, "Event", "a non-empty string"));
            }
            var primaryKey = ReadInt(root, "PrimaryKey", errors);
            var entity = ReadString(root, "Entity");
            if (string.IsNullOrWhiteSpace(entity))
            {
                errors.Add(Missing(root, "Entity", "a non-empty string"));
            }
            var context = ReadString(root, "ContextIdentifier");
            if (string.IsNullOrWhiteSpace(context))
            {
                errors.Add(Missing(root, "ContextIdentifier", "a non-empty string"));
            }
            var changedBy = ReadInt(root, "ChangedByAssociateId", errors);

            if (errors.Count > 0)
            {
                return new Result(null, string.Join(" ", errors), isTest);
            }

            var payload = new WebhookPayload(
                eventId,
                eventName!,
                primaryKey,
                entity!,
                context!,
                changedBy,
                ReadTimestamp(root),
                ReadChanges(root),
                ReadString(root, "WebhookName"));
            return new Result(payload, null, isTest);
        }
    }

    private static string Missing(JsonElement root, string name, string expected) =>
        Find(root, name) is null ? $"{name} is missing." : $"{name} must be {expected}.";

    private static JsonElement? Find(JsonElement root, string name) => JsonValues.Property(root, name);

    private static string? ReadString(JsonElement root, string name) =>
        Find(root, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static int ReadInt(JsonElement root, string name, List<string> errors)
    {
        var value = Find(root, name);
        if (value is { ValueKind: JsonValueKind.Number } number && number.TryGetInt32(out var result))
        {
            return result;
        }
        errors.Add(value is null ? $"{name} is missing." : $"{name} must be an integer.");
        return 0;
    }

    private static DateTimeOffset? ReadTimestamp(JsonElement root) =>
        ReadString(root, "Timestamp") is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp)
            ? timestamp
            : null;

    private static IReadOnlyList<string> ReadChanges(JsonElement root) =>
        Find(root, "Changes") is { ValueKind: JsonValueKind.Array } changes
            ? changes.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToArray()
            : [];
}
