using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Sandbox.Tenant;

namespace Connector.Sandbox.Archives;

/// <summary>
/// Answers an OData archive request (<c>$select</c>, <c>$filter</c>, <c>$orderBy</c>, <c>$top</c>, <c>$skip</c>) over
/// any <see cref="ArchiveProvider{T}"/>: the same column types, operators, ordering and paging for every archive the
/// sandbox serves. A request the archive cannot answer is a 400 with SuperOffice's error body, not an empty list.
/// </summary>
public static class ArchiveEngine
{
    public static JsonObject Query<T>(ArchiveProvider<T> provider, IEnumerable<T> rows, IQueryCollection query, ArchiveContext context, string apiBaseUrl)
    {
        var select = (Text(query, "$select") is { } s ? s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : provider.DefaultSelect)
            .Select(name => provider.Find(name, "ArchiveSelect"))
            .ToList();

        if (Text(query, "$filter") is { } filter)
        {
            foreach (var clause in ArchiveFilterParser.Parse(filter))
            {
                var keep = ArchiveOperators.Predicate(provider.Name, provider.Find(clause.Column, "ArchiveFilter"), clause, context);
                rows = rows.Where(keep);
            }
        }

        var skip = Number(query, "$skip") ?? 0;
        var top = Number(query, "$top");
        var page = ArchiveOrdering.Order(provider, rows, Text(query, "$orderBy"), skip).Skip(skip);
        if (top is { } t)
        {
            page = page.Take(t);
        }

        var primaryKey = provider.PrimaryKey;
        var value = new JsonArray();
        foreach (var row in page)
        {
            var json = new JsonObject
            {
                ["PrimaryKey"] = Convert.ToString(primaryKey.Value(row), CultureInfo.InvariantCulture),
                ["EntityName"] = provider.EntityName,
            };
            foreach (var column in select)
            {
                json[column.Name] = ToJson(column.Value(row));
            }
            value.Add(json);
        }
        // UNCONFIRMED whether SuperOffice fills odata.nextLink for archive lists; the sandbox always answers null,
        // so a client must page until a short page comes back.
        return new JsonObject
        {
            ["odata.metadata"] = $"{apiBaseUrl}v1/Archive//$metadata",
            ["odata.nextLink"] = null,
            ["value"] = value,
        };
    }

    private static string? Text(IQueryCollection query, string name) => query[name].ToString() is { Length: > 0 } text ? text : null;

    private static int? Number(IQueryCollection query, string name) => Text(query, name) switch
    {
        null => null,
        var text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ApiError(400, "ArchiveQuery", $"{name} must be a non-negative integer."),
    };

    /// <summary>Dates as ISO text without an offset (an empty date is <c>0001-01-01T00:00:00</c>), the rest as JSON values.</summary>
    private static JsonNode? ToJson(object? value) => value switch
    {
        int i => i,
        decimal d => d,
        bool b => b,
        DateTime t => ContactJson.Date(t),
        string s => s,
        _ => null,
    };
}
