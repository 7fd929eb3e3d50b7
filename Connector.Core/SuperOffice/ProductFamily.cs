using System.Text.Json;

namespace Connector.Core.SuperOffice;

/// <summary>An item of <c>GET v1/List/ProductFamily/Items</c>.</summary>
public sealed record ProductFamily(int Id, string Name, string? Tooltip, bool Deleted, int? Rank)
{
    /// <summary>Reads the list (an array, or an object holding it); items without id or name are skipped.</summary>
    public static IReadOnlyList<ProductFamily> ParseList(JsonElement root)
    {
        if (JsonValues.ArrayOf(root) is not { } array)
        {
            return [];
        }
        var result = new List<ProductFamily>();
        foreach (var item in array.EnumerateArray())
        {
            if (JsonValues.Int(item, "Id") is { } id && JsonValues.Text(JsonValues.FirstProperty(item, "Name", "Value")) is { } name)
            {
                result.Add(new ProductFamily(id, name, JsonValues.Text(item, "Tooltip"), JsonValues.Bool(JsonValues.Property(item, "Deleted")) ?? false,
                    JsonValues.Int(item, "Rank")));
            }
        }
        return result;
    }
}
