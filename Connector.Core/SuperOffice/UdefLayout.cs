using System.Text.Json;

namespace Connector.Core.SuperOffice;

/// <summary>The contact UDF layout, searchable by ProgId or label.</summary>
public sealed class UdefLayout(IReadOnlyList<UdefField> fields)
{
    public IReadOnlyList<UdefField> Fields { get; } = fields;

    /// <summary>By ProgId (exact, then ignoring case), else by label (ignoring case and surrounding blanks).</summary>
    public UdefField? Find(string progIdOrLabel)
    {
        var key = progIdOrLabel.Trim();
        return Fields.FirstOrDefault(f => f.ProgId == key)
               ?? Fields.FirstOrDefault(f => string.Equals(f.ProgId, key, StringComparison.OrdinalIgnoreCase))
               ?? Fields.FirstOrDefault(f => string.Equals(f.Label.Trim(), key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Reads the layout answer: a JSON array of fields, or an object holding that array (under any property, e.g.
    /// <c>value</c>, <c>Fields</c>, <c>UdefFields</c>). Entries without a ProgId are skipped.
    /// </summary>
    public static UdefLayout Parse(JsonElement root)
    {
        if (JsonValues.ArrayOf(root) is not { } array)
        {
            return new UdefLayout([]);
        }
        var fields = new List<UdefField>();
        foreach (var item in array.EnumerateArray())
        {
            var progId = JsonValues.Text(item, "ProgId");
            if (string.IsNullOrWhiteSpace(progId))
            {
                continue;
            }
            var typeElement = JsonValues.Property(item, "FieldType");
            var (type, typeName) = ParseType(typeElement);
            fields.Add(new UdefField(
                progId,
                JsonValues.Text(JsonValues.FirstProperty(item, "FieldLabel", "Label")) ?? progId,
                type,
                typeName,
                JsonValues.Int(item, "TextLength") is > 0 and var length ? length : null,
                JsonValues.Int(JsonValues.FirstProperty(item, "UDefFieldId", "UdefFieldId")),
                JsonValues.Int(JsonValues.FirstProperty(item, "UDListDefinitionId", "UdListDefinitionId")) is > 0 and var list ? list : null,
                JsonValues.Bool(JsonValues.Property(item, "IsReadOnly")) ?? false,
                JsonValues.Bool(JsonValues.Property(item, "IsMandatory")) ?? false));
        }
        return new UdefLayout(fields);
    }

    private static (UdefFieldType Type, string Name) ParseType(JsonElement? value)
    {
        if (JsonValues.Int(value) is { } number)
        {
            var type = Enum.IsDefined((UdefFieldType)number) ? (UdefFieldType)number : UdefFieldType.Unknown;
            return (type, type == UdefFieldType.Unknown ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : type.ToString());
        }
        var name = JsonValues.Text(value) ?? "";
        return (Enum.TryParse<UdefFieldType>(name.Trim(), ignoreCase: true, out var parsed) && !int.TryParse(name, out _) ? parsed : UdefFieldType.Unknown, name);
    }
}
