using System.Globalization;

namespace Connector.Core.SuperOffice;

/// <summary>
/// Encodes values for <c>UserDefinedFields</c> per the field's type in the layout. Input is plain text as a person or
/// the enrichment would write it (<c>2024-03-01</c>, <c>12.5</c>, <c>true</c>, a list item id); output is SuperOffice's
/// stored form. An empty input clears the field (<c>""</c>). A value that does not fit the type throws
/// <see cref="FormatException"/> naming the field.
/// </summary>
public static class UserDefinedFieldsWriter
{
    /// <summary>Appended to text cut to the field's length, so a reader sees it was cut.</summary>
    public const string TruncationMarker = "…";

    public static string Encode(UdefField field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }
        var text = value.Trim();
        return field.FieldType switch
        {
            UdefFieldType.ShortText or UdefFieldType.LongText or UdefFieldType.Unknown => Truncate(value, field.TextLength),
            UdefFieldType.Number => UdfEncoding.ParseNumber(text) is { } n && n == decimal.Truncate(n) && n is >= int.MinValue and <= int.MaxValue
                ? ((int)n).ToString(CultureInfo.InvariantCulture)
                : throw Invalid(field, value, "a whole number"),
            // Plain invariant text: the stored form of decimals ([F:…] or plain) is UNCONFIRMED (docs/superoffice/rest-api.md); plain is
            // what the docs' samples show for numbers.
            UdefFieldType.Decimal => UdfEncoding.ParseNumber(text) is { } d
                ? d.ToString(CultureInfo.InvariantCulture)
                : throw Invalid(field, value, "a number with a point as decimal separator"),
            UdefFieldType.Date or UdefFieldType.UnlimitedDate => ParseDate(text) is { } date
                ? UdfEncoding.Date(date)
                : throw Invalid(field, value, "a date (yyyy-MM-dd or [D:MM/dd/yyyy])"),
            // "True"/"False" as in SuperOffice's own entity samples (docs/superoffice/rest-api.md); "1"/"0" are read as well.
            UdefFieldType.Checkbox => ParseCheckbox(text) is { } flag
                ? (flag ? "True" : "False")
                : throw Invalid(field, value, "true/false, 1/0 or yes/no"),
            UdefFieldType.List => (UdfEncoding.ParseListItem(text) ?? (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null)) is { } item
                ? UdfEncoding.ListItem(item)
                : throw Invalid(field, value, "a list item id (n or [I:n])"),
            _ => Truncate(value, field.TextLength),
        };
    }

    /// <summary>Encodes values given by ProgId or label; the result is keyed by ProgId. An unknown field throws <see cref="ArgumentException"/>.</summary>
    public static Dictionary<string, string?> EncodeAll(UdefLayout layout, IEnumerable<KeyValuePair<string, string?>> values)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            var field = layout.Find(key) ?? throw new ArgumentException($"The contact UDF '{key}' is not in the published Contact/UdefLayout.", nameof(values));
            result[field.ProgId] = Encode(field, value);
        }
        return result;
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="maxLength"/> characters, the last being the marker; never splits a surrogate pair.</summary>
    public static string Truncate(string text, int? maxLength)
    {
        if (maxLength is not { } max || max <= 0 || text.Length <= max)
        {
            return text;
        }
        if (max <= TruncationMarker.Length)
        {
            return text[..max];
        }
        var keep = max - TruncationMarker.Length;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }
        return text[..keep].TrimEnd() + TruncationMarker;
    }

    private static DateOnly? ParseDate(string text)
    {
        if (UdfEncoding.ParseDate(text) is { } date)
        {
            return date;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment) && moment.Year > 1
            ? DateOnly.FromDateTime(moment.UtcDateTime)
            : null;
    }

    private static bool? ParseCheckbox(string text) => UdfEncoding.ParseBool(text) ?? text.ToLowerInvariant() switch
    {
        "yes" or "ja" or "y" or "x" or "on" => true,
        "no" or "nein" or "n" or "off" => false,
        _ => null,
    };

    private static FormatException Invalid(UdefField field, string value, string expected) =>
        new($"The value '{Shorten(value)}' does not fit UDF {field.ProgId} \"{field.Label}\" ({field.FieldTypeName}); it takes {expected}.");

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
