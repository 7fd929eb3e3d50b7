using System.Globalization;

namespace Connector.Sandbox.Archives;

/// <summary>
/// Which operators each restriction type takes, and what they mean. The names are those of SuperOffice's
/// restriction type table plus the spellings its OData search pages use (<c>eq</c>, <c>gt</c>, <c>=</c>, <c>set</c>,
/// <c>in</c>, <c>between</c>, <c>beforeOrEqual</c>, the datetime operators on date columns); see the sandbox README for
/// the page behind each. Operator names are matched without regard to case (the pages write both <c>notOneOf</c> and
/// <c>NotOneOf</c>). An operator the column's type does not take is a 400, never a silently empty answer.
/// </summary>
public static class ArchiveOperators
{
    private enum Arity { None, One, Two, OneOrMore }

    private static readonly (string Name, Arity Arity)[] Numbers =
    [
        ("equals", Arity.One), ("greater", Arity.One), ("less", Arity.One), ("unequals", Arity.One), ("between", Arity.Two),
        ("eq", Arity.One), ("=", Arity.One), ("ne", Arity.One), ("lt", Arity.One), ("gt", Arity.One), ("set", Arity.One),
    ];

    private static readonly (string Name, Arity Arity)[] Strings =
    [
        ("begins", Arity.One), ("contains", Arity.One), ("is", Arity.One), ("notBegins", Arity.One), ("notContains", Arity.One),
        ("isNot", Arity.One), ("between", Arity.Two), ("in", Arity.OneOrMore),
    ];

    private static readonly (string Name, Arity Arity)[] Dates =
    [
        ("before", Arity.One), ("date", Arity.One), ("after", Arity.One), ("dateBetween", Arity.Two), ("between", Arity.Two),
        ("beforeOrEqual", Arity.One), ("dateTime", Arity.One), ("beforeTime", Arity.One), ("afterTime", Arity.One),
        ("beforeToday", Arity.None), ("today", Arity.None), ("afterToday", Arity.None), ("lastWeek", Arity.None),
        ("thisWeek", Arity.None), ("nextWeek", Arity.None), ("lastMonth", Arity.None), ("thisMonth", Arity.None),
        ("nextMonth", Arity.None), ("lastQuarter", Arity.None), ("thisQuarter", Arity.None), ("nextQuarter", Arity.None),
        ("thisHalf", Arity.None), ("thisYear", Arity.None),
    ];

    private static readonly (string Name, Arity Arity)[] Bools = [("set", Arity.One)];

    private static readonly (string Name, Arity Arity)[] Lists = [("oneOf", Arity.OneOrMore), ("notOneOf", Arity.OneOrMore), ("equals", Arity.One)];

    private static readonly (string Name, Arity Arity)[] Associates =
        [("associateIsOneOf", Arity.OneOrMore), ("associateIsNotOneOf", Arity.OneOrMore), ("currentAssociate", Arity.None)];

    private static (string Name, Arity Arity)[] Table(ArchiveColumnType type) => type switch
    {
        ArchiveColumnType.Int or ArchiveColumnType.Decimal => Numbers,
        ArchiveColumnType.String => Strings,
        ArchiveColumnType.Date => Dates,
        ArchiveColumnType.Bool => Bools,
        ArchiveColumnType.ListAny => Lists,
        _ => Associates,
    };

    /// <summary>The operators a column of this type takes.</summary>
    public static IReadOnlyList<string> For(ArchiveColumnType type) => [.. Table(type).Select(o => o.Name)];

    /// <summary>The type's name as SuperOffice's column tables write it.</summary>
    public static string TypeName(ArchiveColumnType type) => type switch
    {
        ArchiveColumnType.ListAny => "listAny",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>The rows <paramref name="clause"/> keeps, or a 400 when its operator or values do not fit the column.</summary>
    public static Func<T, bool> Predicate<T>(string archive, ArchiveColumn<T> column, ArchiveClause clause, ArchiveContext context)
    {
        var (op, arity) = Table(column.Type).FirstOrDefault(o => o.Name.Equals(clause.Operator, StringComparison.OrdinalIgnoreCase));
        if (op is null)
        {
            throw ArchiveFilterParser.Error(
                $"Operator '{clause.Operator}' does not apply to '{column.Name}', a {TypeName(column.Type)} column of {archive}; " +
                $"it takes {string.Join(", ", For(column.Type))}.");
        }
        var values = clause.Values;
        var fits = arity switch
        {
            Arity.None => values.Count == 0,
            Arity.One => values.Count == 1,
            Arity.Two => values.Count == 2,
            _ => values.Count > 0,
        };
        if (!fits)
        {
            var wanted = arity switch { Arity.None => "no value", Arity.One => "one value", Arity.Two => "two values, as (a, b)", _ => "a list, as (a, b, ...)" };
            throw ArchiveFilterParser.Error($"'{column.Name} {op}' takes {wanted}.");
        }
        return column.Type switch
        {
            ArchiveColumnType.Int or ArchiveColumnType.Decimal => Number(column, op, values),
            ArchiveColumnType.String => Text(column, op, values),
            ArchiveColumnType.Date => Date(column, op, values, context),
            ArchiveColumnType.Bool => Bool(column, values[0]),
            _ => Ids(column, op, values, context),
        };
    }

    private static Func<T, bool> Number<T>(ArchiveColumn<T> column, string op, IReadOnlyList<string> values)
    {
        var numbers = values.Select(v => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw ArchiveFilterParser.Error($"'{v}' is not a number for '{column.Name}'.")).ToArray();
        decimal Of(T row) => Convert.ToDecimal(column.Value(row), CultureInfo.InvariantCulture);
        var v = numbers[0];
        return op switch
        {
            "equals" or "eq" or "=" or "set" => row => Of(row) == v,
            "unequals" or "ne" => row => Of(row) != v,
            "less" or "lt" => row => Of(row) < v,
            "greater" or "gt" => row => Of(row) > v,
            // UNCONFIRMED: whether between includes its ends; the sandbox includes both, like SQL.
            _ => row => Of(row) >= numbers[0] && Of(row) <= numbers[1],
        };
    }

    private static Func<T, bool> Text<T>(ArchiveColumn<T> column, string op, IReadOnlyList<string> values)
    {
        // UNCONFIRMED: SuperOffice compares as its database collation does; the sandbox ignores case.
        const StringComparison Compare = StringComparison.OrdinalIgnoreCase;
        string Of(T row) => column.Value(row) as string ?? "";
        var v = values[0];
        return op switch
        {
            "is" => row => Of(row).Equals(v, Compare),
            "isNot" => row => !Of(row).Equals(v, Compare),
            "begins" => row => Of(row).StartsWith(v, Compare),
            "notBegins" => row => !Of(row).StartsWith(v, Compare),
            "contains" => row => Of(row).Contains(v, Compare),
            "notContains" => row => !Of(row).Contains(v, Compare),
            "in" => row => values.Contains(Of(row), StringComparer.OrdinalIgnoreCase),
            _ => row => string.Compare(Of(row), values[0], Compare) >= 0 && string.Compare(Of(row), values[1], Compare) <= 0,
        };
    }

    /// <summary>
    /// A date column: the date operators use only the date part (restriction type <c>date</c>); the datetime operators
    /// (<c>afterTime</c>, <c>beforeTime</c>, <c>dateTime</c>) use the time too; the unary ones a period around now.
    /// An empty date (<c>0001-01-01</c>) matches none of them (UNCONFIRMED).
    /// </summary>
    private static Func<T, bool> Date<T>(ArchiveColumn<T> column, string op, IReadOnlyList<string> values, ArchiveContext context)
    {
        DateTime Of(T row) => column.Value(row) is DateTime d ? d : DateTime.MinValue;
        Func<DateTime, bool> test;
        if (ArchiveDates.Period(op, context.UtcNow) is var (from, to))
        {
            test = d => d >= from && d < to;
        }
        else
        {
            var v = values.Select(value => ArchiveDates.Parse(value, column.Name)).ToArray();
            test = op switch
            {
                "before" => d => d.Date < v[0].Date,
                "after" => d => d.Date > v[0].Date,
                "date" => d => d.Date == v[0].Date,
                "beforeOrEqual" => d => d.Date <= v[0].Date,
                "dateTime" => d => Seconds(d) == Seconds(v[0]),
                "beforeTime" => d => d < v[0],
                // "After or equal to": a row stamped at exactly that time is included.
                "afterTime" => d => d >= v[0],
                _ => d => d.Date >= v[0].Date && d.Date <= v[1].Date,
            };
        }
        return row => Of(row) is var d && d != DateTime.MinValue && test(d);
    }

    private static long Seconds(DateTime value) => value.Ticks / TimeSpan.TicksPerSecond;

    private static Func<T, bool> Bool<T>(ArchiveColumn<T> column, string value)
    {
        var flag = value.ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw ArchiveFilterParser.Error($"'{value}' is not a boolean for '{column.Name}' (use true or false)."),
        };
        return row => (column.Value(row) is true) == flag;
    }

    /// <summary>A list or associate column, restricted by the ids of its items.</summary>
    private static Func<T, bool> Ids<T>(ArchiveColumn<T> column, string op, IReadOnlyList<string> values, ArchiveContext context)
    {
        var id = column.Id ?? throw new InvalidOperationException($"Column {column.Name} has no id.");
        var ids = values.Select(v => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw ArchiveFilterParser.Error($"'{v}' is not an id for the {TypeName(column.Type)} column '{column.Name}'.")).ToHashSet();
        return op switch
        {
            "notOneOf" or "associateIsNotOneOf" => row => !ids.Contains(id(row)),
            "currentAssociate" => row => id(row) == context.CurrentAssociateId,
            _ => row => ids.Contains(id(row)),
        };
    }
}
