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
            try
            {
                return Read(root);
            }
            catch (InvalidOperationException)
            {
                // A property name that is not valid text (an unpaired surrogate escape), met while a field is looked
                // up case-insensitively; the string values themselves are checked field by field.
                return new Result(null, "A property name in the body is not valid text (it holds an unpaired surrogate escape).", false);
            }
        }
    }

    /// <summary>The fields the connector acts on: each may appear once (the body is signed, but two values for one field would leave us guessing which one SuperOffice meant).</summary>
    private static readonly string[] ActedOn = ["EventId", "Event", "PrimaryKey", "Entity", "ContextIdentifier", "ChangedByAssociateId"];

    private static Result Read(JsonElement root)
    {
        var errors = new List<string>();
        foreach (var twice in root.EnumerateObject().GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                     .Where(g => g.Count() > 1 && ActedOn.Contains(g.Key, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add($"{twice.Key} appears more than once.");
        }
        var eventName = ReadString(root, "Event", errors);
        // The registration test event carries placeholder values (ContextIdentifier "Default", PrimaryKey 0);
        // it is recognised before the strict checks so that registration always succeeds.
        var isTest = string.Equals(eventName, WebhookPayload.TestEvent, StringComparison.OrdinalIgnoreCase);

        var eventIdText = ReadString(root, "EventId", errors);
        Guid eventId = default;
        if (eventIdText is null)
        {
            AddMissing(root, "EventId", "a GUID string", errors);
        }
        else if (!Guid.TryParse(eventIdText, out eventId))
        {
            errors.Add("EventId must be a GUID.");
        }
        if (string.IsNullOrWhiteSpace(eventName))
        {
            AddMissing(root, "Event", "a non-empty string", errors);
        }
        var primaryKey = ReadInt(root, "PrimaryKey", errors);
        var entity = ReadString(root, "Entity", errors);
        if (string.IsNullOrWhiteSpace(entity))
        {
            AddMissing(root, "Entity", "a non-empty string", errors);
        }
        var context = ReadString(root, "ContextIdentifier", errors);
        if (string.IsNullOrWhiteSpace(context))
        {
            AddMissing(root, "ContextIdentifier", "a non-empty string", errors);
        }
        var changedBy = ReadInt(root, "ChangedByAssociateId", errors);
        var timestamp = ReadTimestamp(root, errors);
        var changes = ReadChanges(root, errors);
        var webhookName = ReadString(root, "WebhookName", errors);

        if (!isTest && primaryKey <= 0 && !errors.Any(e => e.StartsWith("PrimaryKey", StringComparison.Ordinal)))
        {
            // An entity's id is positive; only the registration test event carries 0.
            errors.Add("PrimaryKey must be a positive id.");
        }
        if (errors.Count > 0)
        {
            return new Result(null, string.Join(" ", errors), isTest);
        }

        var payload = new WebhookPayload(eventId, eventName!, primaryKey, entity!, context!, changedBy, timestamp, changes, webhookName);
        return new Result(payload, null, isTest);
    }

    /// <summary>Says the field is missing or ill-typed, unless it was already refused as not valid text.</summary>
    private static void AddMissing(JsonElement root, string name, string expected, List<string> errors)
    {
        var notText = NotValidText(name);
        if (!errors.Contains(notText))
        {
            errors.Add(Find(root, name) is null ? $"{name} is missing." : $"{name} must be {expected}.");
        }
    }

    private static string NotValidText(string name) => $"{name} is not valid text (it holds an unpaired surrogate escape).";

    private static JsonElement? Find(JsonElement root, string name) => JsonValues.Property(root, name);

    /// <summary>The field's text; null when it is absent or not a string, or (with an error) when it is not valid UTF-16.</summary>
    private static string? ReadString(JsonElement root, string name, List<string> errors)
    {
        if (Find(root, name) is not { ValueKind: JsonValueKind.String } value)
        {
            return null;
        }
        if (TryGetText(value, out var text))
        {
            return text;
        }
        errors.Add(NotValidText(name));
        return null;
    }

    /// <summary>
    /// <see cref="JsonElement.GetString"/> throws <see cref="InvalidOperationException"/> for an escaped lone surrogate
    /// (<c>"\ud800"</c>), which the JSON reader accepts; that is a client error, not a storage failure.
    /// </summary>
    private static bool TryGetText(JsonElement value, out string? text)
    {
        try
        {
            text = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

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

    private static DateTimeOffset? ReadTimestamp(JsonElement root, List<string> errors) =>
        ReadString(root, "Timestamp", errors) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp)
            ? timestamp
            : null;

    private static IReadOnlyList<string> ReadChanges(JsonElement root, List<string> errors)
    {
        if (Find(root, "Changes") is not { ValueKind: JsonValueKind.Array } changes)
        {
            return [];
        }
        var result = new List<string>();
        foreach (var change in changes.EnumerateArray())
        {
            if (change.ValueKind != JsonValueKind.String)
            {
                continue;
            }
            if (!TryGetText(change, out var text))
            {
                errors.Add(NotValidText("Changes"));
                return [];
            }
            result.Add(text!);
        }
        return result;
    }
}
