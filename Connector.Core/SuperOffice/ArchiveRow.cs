using System.Text.Json;

namespace Connector.Core.SuperOffice;

/// <summary>
/// One row of an OData archive answer. <c>PrimaryKey</c> may arrive as a string (<see cref="PrimaryKeyText"/> keeps it
/// as sent); column values are kept as JSON and read tolerantly (empty dates <c>0001-01-01</c> give null).
/// </summary>
public sealed record ArchiveRow(int? PrimaryKey, string? PrimaryKeyText, string? EntityName, IReadOnlyDictionary<string, JsonElement> Columns)
{
    public JsonElement? this[string column] => Columns.TryGetValue(column, out var value) ? value : null;

    public string? GetText(string column) => JsonValues.Text(this[column]);

    public int? GetInt(string column) => JsonValues.Int(this[column]);

    public decimal? GetDecimal(string column) => JsonValues.Decimal(this[column]);

    public DateTimeOffset? GetDate(string column) => JsonValues.Date(this[column]);

    public bool? GetBool(string column) => JsonValues.Bool(this[column]);

    public static ArchiveRow? Parse(JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var columns = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in row.EnumerateObject())
        {
            columns[property.Name] = property.Value.Clone();
        }
        var key = JsonValues.Property(row, "PrimaryKey");
        return new ArchiveRow(JsonValues.Int(key), JsonValues.Text(key), JsonValues.Text(row, "EntityName"), columns);
    }
}
