using Connector.Sandbox.Tenant;

namespace Connector.Sandbox.Archives;

/// <summary>
/// <c>$orderBy</c> and what SuperOffice leaves unspecified. Every archive page is built anew, so rows that tie on all
/// the order keys may come back in another order on the next page; SuperOffice's best practices say to order by the
/// primary key. The sandbox makes that visible: when the primary key is not among the order keys, tied rows are put in
/// an order seeded by <c>$skip</c>, the same for the same page, different for another page. A client that pages
/// without the primary key as its last key then loses and repeats rows, in a repeatable way.
/// </summary>
public static class ArchiveOrdering
{
    public static IEnumerable<T> Order<T>(ArchiveProvider<T> provider, IEnumerable<T> rows, string? orderBy, int skip)
    {
        var primaryKey = provider.PrimaryKey;
        var keys = Keys(provider, orderBy);
        IOrderedEnumerable<T>? ordered = null;
        foreach (var (column, descending) in keys)
        {
            ordered = ordered is null
                ? descending ? rows.OrderByDescending(column.Value, Comparer) : rows.OrderBy(column.Value, Comparer)
                : descending ? ordered.ThenByDescending(column.Value, Comparer) : ordered.ThenBy(column.Value, Comparer);
        }
        if (keys.Any(k => k.Column.Name == primaryKey.Name))
        {
            return ordered!;
        }
        Func<T, ulong> shuffled = row => Mix(Convert.ToUInt64(primaryKey.Value(row)), (ulong)skip);
        return ordered is null ? rows.OrderBy(shuffled) : ordered.ThenBy(shuffled);
    }

    private static List<(ArchiveColumn<T> Column, bool Descending)> Keys<T>(ArchiveProvider<T> provider, string? orderBy)
    {
        var keys = new List<(ArchiveColumn<T>, bool)>();
        foreach (var part in (orderBy ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var column = provider.Find(pieces[0], "ArchiveOrderBy");
            if (!column.CanOrderBy)
            {
                throw new ApiError(400, "ArchiveOrderBy", $"Column '{column.Name}' of {provider.Name} cannot be ordered by.");
            }
            var direction = pieces.Length > 1 ? pieces[1].ToLowerInvariant() : "asc";
            if (pieces.Length > 2 || direction is not ("asc" or "desc"))
            {
                throw new ApiError(400, "ArchiveOrderBy", $"'{part}' is not a column with an optional asc or desc.");
            }
            keys.Add((column, direction == "desc"));
        }
        return keys;
    }

    /// <summary>Texts without regard to case (UNCONFIRMED: SuperOffice sorts by its database collation), the rest by value.</summary>
    private static readonly Comparer<object?> Comparer = Comparer<object?>.Create((a, b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string x, string y) => string.Compare(x, y, StringComparison.OrdinalIgnoreCase),
        (IComparable x, _) => x.CompareTo(b),
        _ => 0,
    });

    /// <summary>SplitMix64 of the key and the seed: a fixed, well-spread order that changes with the seed.</summary>
    private static ulong Mix(ulong key, ulong seed)
    {
        var z = key + (seed + 1) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
