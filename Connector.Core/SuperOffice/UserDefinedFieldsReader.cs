using System.Text.Json;

namespace Connector.Core.SuperOffice;

/// <summary>
/// Reads <c>UserDefinedFields</c> without ever throwing. Understands the documented flat string map (with
/// <c>[I:n]</c> + <c>:DisplayText</c>/<c>:DisplayTooltip</c> companions, <c>[D:…]</c>, <c>[F:…]</c>, checkbox texts),
/// and salvages what production tenants send instead: numbers and booleans, nested objects
/// (<c>{"Value":"[I:3]","DisplayText":"Nord"}</c>), arrays of <c>{Key, Value}</c> pairs, the map as a JSON string, and
/// <c>null</c>. What cannot be read becomes an <see cref="UdfValueKind.Unreadable"/> entry carrying the raw JSON.
/// </summary>
public static class UserDefinedFieldsReader
{
    public const string DisplayTextSuffix = ":DisplayText";
    public const string DisplayTooltipSuffix = ":DisplayTooltip";
    private const int MaxRawLength = 2000;
    private const int MaxDepth = 64;

    /// <summary>Reads the <c>UserDefinedFields</c> property of an entity (absent → nothing known).</summary>
    public static UdfReadResult ReadFromEntity(JsonElement entity) =>
        JsonValues.Property(entity, "UserDefinedFields") is { } udfs ? Read(udfs) : NotSent("absent");

    /// <summary>Reads a <c>UserDefinedFields</c> JSON text.</summary>
    public static UdfReadResult Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return Read(document.RootElement);
        }
        catch (JsonException)
        {
            return new UdfReadResult(new Dictionary<string, UdfValue>(), [new UdfProblem(null, "not JSON", Cap(json))], Cap(json));
        }
    }

    public static UdfReadResult Read(JsonElement udfs)
    {
        var problems = new List<UdfProblem>();
        var entries = new List<(string Key, JsonElement Value)>();
        switch (udfs.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return NotSent("null");
            case JsonValueKind.Object:
                foreach (var property in udfs.EnumerateObject())
                {
                    entries.Add((property.Name, property.Value));
                }
                break;
            case JsonValueKind.Array:
                ReadPairs(udfs, entries, problems);
                break;
            case JsonValueKind.String:
                // The map serialised into a string: read the string's JSON.
                var text = udfs.GetString() ?? "";
                if (text.TrimStart() is ['{', ..] or ['[', ..] && Read(text) is { UnreadableContainer: null } inner)
                {
                    return inner;
                }
                return Whole(udfs);
            default:
                return Whole(udfs);
        }
        return Build(entries, problems);
    }

    /// <summary>
    /// No map at all (null, as a production tenant sent, or the property missing): nothing can be told about any field,
    /// which is not the same as every field being empty (a writer that took it for empty would write on every change).
    /// </summary>
    private static UdfReadResult NotSent(string what) =>
        new(new Dictionary<string, UdfValue>(), [new UdfProblem(null, $"UserDefinedFields is {what}", what)], what);

    private static UdfReadResult Whole(JsonElement udfs)
    {
        var raw = Cap(udfs.GetRawText());
        return new UdfReadResult(new Dictionary<string, UdfValue>(), [new UdfProblem(null, $"UserDefinedFields is a {udfs.ValueKind}, not an object", raw)], raw);
    }

    private static void ReadPairs(JsonElement array, List<(string, JsonElement)> entries, List<UdfProblem> problems)
    {
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            string? key = null;
            JsonElement? value = null;
            if (item.ValueKind == JsonValueKind.Object)
            {
                key = JsonValues.Text(JsonValues.FirstProperty(item, "Key", "ProgId", "Name", "FieldName"));
                value = JsonValues.Property(item, "Value");
            }
            else if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 2 && item[0].ValueKind == JsonValueKind.String)
            {
                key = item[0].GetString();
                value = item[1];
            }
            if (string.IsNullOrWhiteSpace(key) || value is null)
            {
                problems.Add(new UdfProblem(key, $"entry {index} is not a key/value pair", Cap(item.GetRawText())));
            }
            else
            {
                entries.Add((key, value.Value));
            }
            index++;
        }
    }

    private static UdfReadResult Build(List<(string Key, JsonElement Value)> entries, List<UdfProblem> problems)
    {
        var texts = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var tooltips = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var fields = new Dictionary<string, UdfValue>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            if (key.EndsWith(DisplayTextSuffix, StringComparison.OrdinalIgnoreCase))
            {
                texts[key[..^DisplayTextSuffix.Length]] = Companion(value);
            }
            else if (key.EndsWith(DisplayTooltipSuffix, StringComparison.OrdinalIgnoreCase))
            {
                tooltips[key[..^DisplayTooltipSuffix.Length]] = Companion(value);
            }
            else
            {
                var read = ReadValue(value);
                if (read.Kind == UdfValueKind.Unreadable)
                {
                    problems.Add(new UdfProblem(key, $"the value is a {value.ValueKind} that holds no readable value", read.Raw!));
                }
                if (fields.ContainsKey(key))
                {
                    problems.Add(new UdfProblem(key, "the field appears more than once; the last one counts", Cap(value.GetRawText())));
                }
                fields[key] = read;
            }
        }
        foreach (var key in fields.Keys.ToArray())
        {
            var value = fields[key];
            if (value.Kind == UdfValueKind.Value)
            {
                fields[key] = value with
                {
                    DisplayText = value.DisplayText ?? texts.GetValueOrDefault(key),
                    DisplayTooltip = value.DisplayTooltip ?? tooltips.GetValueOrDefault(key),
                };
            }
        }
        return new UdfReadResult(fields, problems, null);
    }

    private static string? Companion(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object ? JsonValues.Text(JsonValues.FirstProperty(value, "Value", "DisplayText", "Text")) : JsonValues.Text(value);

    /// <summary>One field's value, salvaged where possible.</summary>
    public static UdfValue ReadValue(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return UdfValue.Empty;
            case JsonValueKind.String:
                var text = value.GetString();
                return (UdfEncoding.IsEmpty(text) ? UdfValue.Empty with { Text = text } : new UdfValue(UdfValueKind.Value, text)) with { Stored = text };
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return new UdfValue(UdfValueKind.Value, JsonValues.Text(value));
            case JsonValueKind.Object:
                var inner = JsonValues.FirstProperty(value, "Value", "value", "Text");
                if (inner is { ValueKind: JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } scalar)
                {
                    // Salvaged from an object: the entity does not carry the plain string a test could compare against.
                    var salvaged = ReadValue(scalar) with { Stored = null };
                    return salvaged.Kind == UdfValueKind.Value
                        ? salvaged with
                        {
                            DisplayText = JsonValues.Text(JsonValues.FirstProperty(value, "DisplayText", "Display", "Label")),
                            DisplayTooltip = JsonValues.Text(JsonValues.FirstProperty(value, "DisplayTooltip", "Tooltip")),
                        }
                        : salvaged;
                }
                if (JsonValues.Property(value, "Value") is { ValueKind: JsonValueKind.Null })
                {
                    return UdfValue.Empty;
                }
                return UdfValue.Unreadable(Cap(value.GetRawText()));
            case JsonValueKind.Array when value.GetArrayLength() == 1 && value[0].ValueKind is JsonValueKind.String or JsonValueKind.Number:
                return ReadValue(value[0]) with { Stored = null };
            default:
                return UdfValue.Unreadable(Cap(value.GetRawText()));
        }
    }

    private static string Cap(string raw) => raw.Length <= MaxRawLength ? raw : raw[..MaxRawLength] + "…";
}
