using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Connector.Sandbox.Tenant;

namespace Connector.Sandbox.Api;

/// <summary>
/// The FindSale archive behind <c>GET /api/v1/Sale</c>: $select, $filter, $orderBy, $top, $skip (reference 3.6).
/// Filters the sandbox does not know are refused with HTTP 400 instead of being ignored, including the
/// operators SuperOffice's own samples mark as failing (<c>le</c>, <c>ge</c>).
/// </summary>
public sealed class SaleArchive(Func<int, string?> contactName)
{
    private enum Kind { Int, Decimal, Text, Date, Bool }

    private sealed record Column(string Name, Kind Kind, Func<Sale, object?> Value);

    private static readonly string[] DefaultSelect = ["saleId", "heading", "amount", "date", "saleStatus", "contactId"];

    private Column[] Columns =>
    [
        new("saleId", Kind.Int, s => s.SaleId),
        new("heading", Kind.Text, s => s.Heading),
        new("amount", Kind.Decimal, s => s.Amount),
        new("date", Kind.Date, s => s.Date),
        new("saleStatus", Kind.Text, s => s.Status),
        new("contactId", Kind.Int, s => s.ContactId),
        new("contact/contactId", Kind.Int, s => s.ContactId),
        new("contact/name", Kind.Text, s => s.ContactId == 0 ? "" : contactName(s.ContactId) ?? ""),
        new("updatedDate", Kind.Date, s => s.Updated),
        new("registeredDate", Kind.Date, s => s.Registered),
        new("description", Kind.Text, s => s.Description),
        new("hasQuote", Kind.Bool, s => s.HasQuote),
        new("currency", Kind.Text, _ => "EUR"),
        new("associateId", Kind.Text, _ => "RJ"),
        new("probPercent", Kind.Int, s => s.Status switch { "Sold" => 100, "Lost" => 0, _ => 50 }),
    ];

    public JsonObject Query(IReadOnlyList<Sale> sales, IQueryCollection query, string apiBaseUrl)
    {
        var columns = Columns;
        Column Find(string name, string errorType) =>
            columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ApiError(400, errorType, $"Unknown column '{name}' in the FindSale archive.");

        var select = query["$select"].ToString() is { Length: > 0 } s
            ? s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => Find(n, "ArchiveSelect")).ToList()
            : DefaultSelect.Select(n => Find(n, "ArchiveSelect")).ToList();

        IEnumerable<Sale> rows = sales;
        if (query["$filter"].ToString() is { Length: > 0 } filter)
        {
            foreach (var predicate in ParseFilter(filter, n => Find(n, "ArchiveFilter")))
            {
                rows = rows.Where(predicate);
            }
        }

        IOrderedEnumerable<Sale>? ordered = null;
        if (query["$orderBy"].ToString() is { Length: > 0 } orderBy)
        {
            foreach (var part in orderBy.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var pieces = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var column = Find(pieces[0], "ArchiveOrderBy");
                var descending = pieces.Length > 1 && pieces[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
                Func<Sale, object?> key = column.Value;
                ordered = ordered is null
                    ? descending ? rows.OrderByDescending(key, Comparer) : rows.OrderBy(key, Comparer)
                    : descending ? ordered.ThenByDescending(key, Comparer) : ordered.ThenBy(key, Comparer);
            }
        }
        rows = ordered is null ? rows.OrderBy(r => r.SaleId) : ordered.ThenBy(r => r.SaleId);

        var skip = Number(query, "$skip") ?? 0;
        var top = Number(query, "$top");
        rows = rows.Skip(skip);
        if (top is { } t)
        {
            rows = rows.Take(t);
        }

        var value = new JsonArray();
        foreach (var sale in rows)
        {
            var row = new JsonObject { ["PrimaryKey"] = sale.SaleId.ToString(CultureInfo.InvariantCulture), ["EntityName"] = "sale" };
            foreach (var column in select)
            {
                row[column.Name] = ToJson(column.Value(sale));
            }
            value.Add(row);
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

    private static readonly Comparer<object?> Comparer = Comparer<object?>.Create((a, b) => a switch
    {
        string x => string.Compare(x, b as string, StringComparison.OrdinalIgnoreCase),
        IComparable x => x.CompareTo(b),
        _ => b is null ? 0 : -1,
    });

    private static JsonNode? ToJson(object? value) => value switch
    {
        int i => i,
        decimal d => d,
        bool b => b,
        DateTime t => ContactJson.Date(t),
        string s => s,
        _ => null,
    };

    private static int? Number(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ApiError(400, "ArchiveQuery", $"{name} must be a non-negative integer.");
    }

    // ---- $filter ----

    private static List<string> Tokenize(string filter)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < filter.Length)
        {
            var c = filter[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '\'')
            {
                var text = new StringBuilder("'");
                i++;
                while (i < filter.Length)
                {
                    if (filter[i] == '\'' && i + 1 < filter.Length && filter[i + 1] == '\'')
                    {
                        text.Append('\'');
                        i += 2;
                    }
                    else if (filter[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        text.Append(filter[i++]);
                    }
                }
                tokens.Add(text.ToString());
            }
            else
            {
                var start = i;
                while (i < filter.Length && !char.IsWhiteSpace(filter[i]) && filter[i] is not ('(' or ')' or ',' or '\''))
                {
                    i++;
                }
                tokens.Add(filter[start..i]);
            }
        }
        return tokens;
    }

    private static string Unquote(string token) => token.StartsWith('\'') ? token[1..] : token;

    private static ApiError FilterError(string message) => new(400, "ArchiveFilter", message);

    private static List<Func<Sale, bool>> ParseFilter(string filter, Func<string, Column> find)
    {
        var tokens = Tokenize(filter);
        var predicates = new List<Func<Sale, bool>>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (i + 1 >= tokens.Count)
            {
                throw FilterError($"Incomplete filter clause near '{tokens[i]}'.");
            }
            var column = find(tokens[i]);
            var op = tokens[i + 1];
            i += 2;
            var args = new List<string>();
            if (i < tokens.Count && tokens[i] == "(")
            {
                i++;
                while (i < tokens.Count && tokens[i] != ")")
                {
                    if (tokens[i] != ",")
                    {
                        args.Add(Unquote(tokens[i]));
                    }
                    i++;
                }
                i++;
            }
            else
            {
                while (i < tokens.Count && !tokens[i].Equals("and", StringComparison.OrdinalIgnoreCase))
                {
                    if (tokens[i].Equals("or", StringComparison.OrdinalIgnoreCase))
                    {
                        throw FilterError("The sandbox supports only 'and' between filter clauses.");
                    }
                    if (tokens[i] != ",")
                    {
                        args.Add(Unquote(tokens[i]));
                    }
                    i++;
                }
            }
            predicates.Add(Predicate(column, op, args));
            if (i < tokens.Count)
            {
                if (!tokens[i].Equals("and", StringComparison.OrdinalIgnoreCase))
                {
                    throw FilterError($"Expected 'and' but found '{tokens[i]}'.");
                }
                i++;
            }
        }
        return predicates;
    }

    private static Func<Sale, bool> Predicate(Column column, string op, List<string> args)
    {
        string Arg(int index) => index < args.Count
            ? args[index]
            : throw FilterError($"Operator '{op}' on '{column.Name}' needs {index + 1} value(s).");
        var lower = op.ToLowerInvariant();
        switch (column.Kind)
        {
            case Kind.Int or Kind.Decimal:
                decimal Num(int index) => decimal.TryParse(Arg(index), NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
                    ? n
                    : throw FilterError($"'{Arg(index)}' is not a number for '{column.Name}'.");
                decimal Of(Sale s) => Convert.ToDecimal(column.Value(s), CultureInfo.InvariantCulture);
                return lower switch
                {
                    "eq" or "=" or "equals" => Compare(Num(0), (s, v) => Of(s) == v),
                    "ne" or "unequals" => Compare(Num(0), (s, v) => Of(s) != v),
                    "lt" or "less" => Compare(Num(0), (s, v) => Of(s) < v),
                    "gt" or "greater" => Compare(Num(0), (s, v) => Of(s) > v),
                    "between" => Between(Num(0), Num(1), Of),
                    // SuperOffice's own query collection marks "contactId le 5" / "ge 5" as failing.
                    _ => throw FilterError($"Operator '{op}' is not supported for '{column.Name}' (use eq, ne, lt, gt or between)."),
                };
            case Kind.Date:
                DateTime Day(int index) => DateTime.TryParse(Arg(index), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
                    ? d
                    : throw FilterError($"'{Arg(index)}' is not a date for '{column.Name}'.");
                DateTime At(Sale s) => (DateTime)column.Value(s)!;
                return lower switch
                {
                    "before" => Compare(Day(0), (s, v) => At(s) != DateTime.MinValue && At(s) < v),
                    "after" => Compare(Day(0), (s, v) => At(s) > v),
                    "date" => Compare(Day(0).Date, (s, v) => At(s).Date == v),
                    "datebetween" => Compare((Day(0), Day(1)), (s, v) => At(s) >= v.Item1 && At(s) <= v.Item2),
                    _ => throw FilterError($"Operator '{op}' is not supported for the date column '{column.Name}' (use before, after, date or dateBetween)."),
                };
            case Kind.Bool:
                var flag = Arg(0) is "1" or "true" or "True";
                return lower is "eq" or "=" or "equals"
                    ? s => (bool)column.Value(s)! == flag
                    : throw FilterError($"Operator '{op}' is not supported for '{column.Name}' (use eq).");
            default:
                string Text(Sale s) => (string)column.Value(s)!;
                var text = Arg(0);
                return lower switch
                {
                    "eq" or "=" or "is" or "equals" => s => Text(s).Equals(text, StringComparison.OrdinalIgnoreCase),
                    "ne" or "isnot" or "unequals" => s => !Text(s).Equals(text, StringComparison.OrdinalIgnoreCase),
                    "contains" => s => Text(s).Contains(text, StringComparison.OrdinalIgnoreCase),
                    "notcontains" => s => !Text(s).Contains(text, StringComparison.OrdinalIgnoreCase),
                    "begins" => s => Text(s).StartsWith(text, StringComparison.OrdinalIgnoreCase),
                    "notbegins" => s => !Text(s).StartsWith(text, StringComparison.OrdinalIgnoreCase),
                    _ => throw FilterError($"Operator '{op}' is not supported for the text column '{column.Name}'."),
                };
        }
    }

    private static Func<Sale, bool> Compare<T>(T value, Func<Sale, T, bool> test) => s => test(s, value);

    private static Func<Sale, bool> Between(decimal low, decimal high, Func<Sale, decimal> of) => s => of(s) >= low && of(s) <= high;
}
