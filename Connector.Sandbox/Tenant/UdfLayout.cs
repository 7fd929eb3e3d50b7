namespace Connector.Sandbox.Tenant;

/// <summary>One contact user-defined field, as <c>GET Contact/UdefLayout</c> describes it.</summary>
public sealed record UdfField(int Id, string ProgId, string Label, string FieldType, int TextLength, int ListDefinitionId = 0);

/// <summary>An item of a user-defined list.</summary>
public sealed record ListItem(int Id, string Name);

/// <summary>The seed tenant's contact UDF layout and its one list ("Region").</summary>
public static class UdfLayout
{
    public static readonly IReadOnlyList<UdfField> Fields =
    [
        new(1, "SuperOffice:1", "Kundennummer", "ShortText", 40),
        new(2, "SuperOffice:2", "Newsletter", "Checkbox", 0),
        new(3, "SuperOffice:3", "Letzter Besuch", "Date", 0),
        new(4, "SuperOffice:4", "Region", "List", 0, 98),
        new(5, "SuperOffice:5", "Branche (KI)", "ShortText", 40),
        new(6, "SuperOffice:6", "Zusammenfassung (KI)", "LongText", 2000),
        new(7, "SuperOffice:7", "Mitarbeiter", "Number", 0),
        new(8, "SuperOffice:8", "Umsatz", "Decimal", 0),
    ];

    public static readonly IReadOnlyList<ListItem> RegionItems = [new(1, "Süd"), new(2, "West"), new(3, "Nord"), new(4, "Ost")];

    public static UdfField? Find(string progId) =>
        Fields.FirstOrDefault(f => string.Equals(f.ProgId, progId, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The stored (string) value of an empty field. UNCONFIRMED: what SuperOffice returns for an empty field of
    /// each type; the sandbox uses "" for text and dates, "False" for checkboxes, "0" for numbers, "[I:0]" for lists.
    /// </summary>
    public static string EmptyValue(UdfField field) => field.FieldType switch
    {
        "Checkbox" => "False",
        "Number" or "Decimal" => "0",
        "List" => "[I:0]",
        _ => "",
    };

    public static string ListDisplayText(string value)
    {
        if (value.StartsWith("[I:", StringComparison.Ordinal) && value.EndsWith(']') &&
            int.TryParse(value.AsSpan(3, value.Length - 4), out var id))
        {
            return RegionItems.FirstOrDefault(i => i.Id == id)?.Name ?? "";
        }
        return "";
    }

    /// <summary>Turns a written value into the stored string form (list ids become "[I:n]", booleans "True"/"False").</summary>
    public static string Normalize(UdfField field, string value)
    {
        if (field.FieldType == "List" && int.TryParse(value, out var id))
        {
            return $"[I:{id}]";
        }
        if (field.FieldType == "Checkbox")
        {
            return value switch
            {
                "1" or "true" or "True" => "True",
                "0" or "false" or "False" or "" => "False",
                _ => value,
            };
        }
        if (field.FieldType is "ShortText" or "LongText" && value.Length > field.TextLength)
        {
            return value[..field.TextLength];
        }
        return value;
    }
}
