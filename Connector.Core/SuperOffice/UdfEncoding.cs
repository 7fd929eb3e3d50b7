using System.Globalization;
using System.Text.RegularExpressions;

namespace Connector.Core.SuperOffice;

/// <summary>
/// SuperOffice's string encodings of UDF values: <c>[I:n]</c> (list item or integer), <c>[D:MM/dd/yyyy]</c> (date),
/// <c>[F:x]</c> and <c>[DT:MM/dd/yyyy HH:mm:ss.fffffff]</c> (ERP conventions; whether REST uses them is UNCONFIRMED,
/// so they are read but not written), and checkbox <c>True</c>/<c>False</c>/<c>1</c>/<c>0</c>.
/// </summary>
public static partial class UdfEncoding
{
    private const string DateFormat = "MM/dd/yyyy";

    [GeneratedRegex(@"^\[(?<tag>I|D|F|DT|S):(?<value>.*)\]$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Tagged();

    /// <summary>The tag and content of <c>[X:...]</c>, or null for plain text.</summary>
    public static (string Tag, string Value)? Split(string? text)
    {
        var match = text is null ? null : Tagged().Match(text.Trim());
        return match is { Success: true } ? (match.Groups["tag"].Value, match.Groups["value"].Value) : null;
    }

    /// <summary>The content of a tagged value, or the text itself.</summary>
    public static string? Unwrap(string? text) => Split(text)?.Value ?? text;

    /// <summary>
    /// True when the stored text means "nothing": empty, <c>[D:01/01/0001]</c>, <c>[D:]</c>. <c>[I:0]</c> is kept as a
    /// value: it may be the number 0 or an unticked checkbox; only the layout can say it is "no list item".
    /// </summary>
    public static bool IsEmpty(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        return Split(text) switch
        {
            ("D" or "DT", var v) => string.IsNullOrWhiteSpace(v) || v.Trim().StartsWith("01/01/0001", StringComparison.Ordinal),
            ({ } _, var v) => string.IsNullOrWhiteSpace(v),
            _ => false,
        };
    }

    /// <summary>
    /// <see cref="IsEmpty"/>, plus what means "nothing" once the type is known: <c>[I:0]</c> in a list (item ids start
    /// at 1) and <c>0</c> in a number (what a tenant shows for an unset number field; UNCONFIRMED, docs/superoffice/rest-api.md).
    /// An unticked checkbox (<c>False</c>) is a value.
    /// </summary>
    public static bool IsEmptyFor(UdefFieldType type, string? text) => IsEmpty(text) || type switch
    {
        UdefFieldType.List => ParseListItem(text) == 0,
        UdefFieldType.Number or UdefFieldType.Decimal => ParseNumber(text) == 0,
        _ => false,
    };

    public static int? ParseListItem(string? text) =>
        Split(text) is ("I", var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static DateOnly? ParseDate(string? text)
    {
        switch (Split(text))
        {
            case ("D", var v) when DateOnly.TryParseExact(v.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                return date.Year <= 1 ? null : date;
            case ("DT", var v) when DateTime.TryParse(v.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateTime):
                return dateTime.Year <= 1 ? null : DateOnly.FromDateTime(dateTime);
            case null when text is not null && DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso):
                return iso.Year <= 1 ? null : iso;
            default:
                return null;
        }
    }

    public static bool? ParseBool(string? text)
    {
        var value = Split(text) is ("I", var v) ? v : text;
        return value?.Trim().ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => null,
        };
    }

    public static decimal? ParseNumber(string? text)
    {
        var value = Split(text) is ("I" or "F", var v) ? v : text;
        return decimal.TryParse(value?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    public static string ListItem(int id) => $"[I:{id.ToString(CultureInfo.InvariantCulture)}]";

    public static string Date(DateOnly date) => $"[D:{date.ToString(DateFormat, CultureInfo.InvariantCulture)}]";
}
