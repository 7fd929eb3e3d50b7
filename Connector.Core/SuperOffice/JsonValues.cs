using System.Globalization;
using System.Text.Json;

namespace Connector.Core.SuperOffice;

/// <summary>
/// Tolerant reads from SuperOffice JSON: property names case-insensitively, numbers that arrive as strings (and the
/// reverse), and <c>0001-01-01</c> meaning "no date". Nothing here throws on an unexpected shape; it returns null.
/// </summary>
public static class JsonValues
{
    public static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (element.TryGetProperty(name, out var exact))
        {
            return exact;
        }
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        return null;
    }

    /// <summary>The first of the names that is present and not null.</summary>
    public static JsonElement? FirstProperty(JsonElement element, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (Property(element, name) is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } value)
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>A string, or the text of a number or boolean; null for null, objects and arrays.</summary>
    public static string? Text(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => value.Value.GetString(),
        JsonValueKind.Number => value.Value.GetRawText(),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        _ => null,
    };

    public static string? Text(JsonElement element, string name) => Text(Property(element, name));

    public static int? Int(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.Number when value.Value.TryGetInt32(out var number) => number,
        JsonValueKind.String when int.TryParse(value.Value.GetString()?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    public static int? Int(JsonElement element, string name) => Int(Property(element, name));

    public static decimal? Decimal(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.Number when value.Value.TryGetDecimal(out var number) => number,
        JsonValueKind.String when decimal.TryParse(value.Value.GetString()?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    public static bool? Bool(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.Value.TryGetInt64(out var number) => number != 0,
        JsonValueKind.String => UdfEncoding.ParseBool(value.Value.GetString()),
        _ => null,
    };

    /// <summary>An ISO date; <c>0001-01-01…</c> (SuperOffice's empty date) and unreadable text give null.</summary>
    public static DateTimeOffset? Date(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.String } text)
        {
            return null;
        }
        // Fast path for ISO 8601 (what the REST API sends), parsed from the UTF-8 bytes without a string; the same
        // reading as below: no offset means UTC.
        if (text.TryGetDateTime(out var parsed))
        {
            var utc = parsed.Kind == DateTimeKind.Local ? parsed.ToUniversalTime() : DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            return utc.Year <= 1 ? null : new DateTimeOffset(utc);
        }
        return Date(text.GetString());
    }

    public static DateTimeOffset? Date(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return null;
        }
        return date.Year <= 1 ? null : date;
    }

    /// <summary>Strings of an array, or of the <c>Value</c> of each object in it (<c>[{"Value": "a@b.c"}]</c>).</summary>
    public static IReadOnlyList<string> Values(JsonElement? array, string valueProperty = "Value")
    {
        if (array is not { ValueKind: JsonValueKind.Array } items)
        {
            return [];
        }
        var result = new List<string>();
        foreach (var item in items.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.Object ? Text(Property(item, valueProperty)) : Text(item);
            if (!string.IsNullOrWhiteSpace(text))
            {
                result.Add(text);
            }
        }
        return result;
    }

    /// <summary>A list carrier (<c>{"Id": 3, "Value": "Kunde"}</c>, <c>{"Name": "Norway"}</c>) or a plain string, as its display text.</summary>
    public static string? Display(JsonElement? value, params ReadOnlySpan<string> names) => value?.ValueKind switch
    {
        JsonValueKind.String => value.Value.GetString(),
        JsonValueKind.Object => Text(FirstProperty(value.Value, names)),
        _ => null,
    };

    /// <summary>A JSON array, or the first array property of an object (<c>{"value": [...]}</c>); null otherwise.</summary>
    public static JsonElement? ArrayOf(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => root,
        JsonValueKind.Object => root.EnumerateObject().Select(p => p.Value).Where(v => v.ValueKind == JsonValueKind.Array).Select(v => (JsonElement?)v).FirstOrDefault(),
        _ => null,
    };
}
