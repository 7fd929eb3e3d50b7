using System.Globalization;

namespace Connector.Sandbox.Archives;

/// <summary>
/// Date values in a <c>$filter</c>, and the periods of the unary date operators.
/// <para>
/// Documented forms: <c>'2020-05-28'</c>, <c>'2021-1-1'</c> and <c>'2020-05-28T15:00:00'</c>. Also accepted, UNCONFIRMED
/// for SuperOffice: minutes without seconds, fractions of a second, and a trailing <c>Z</c> or offset (converted to
/// UTC). A value without an offset is UTC, the time the date columns hold. Anything else is a 400.
/// </para>
/// <para>
/// The unary periods are taken in UTC with weeks from Monday to Sunday (UNCONFIRMED: SuperOffice may use the user's
/// time zone and culture).
/// </para>
/// </summary>
public static class ArchiveDates
{
    public const string AcceptedForms = "yyyy-MM-dd, yyyy-M-d or yyyy-MM-ddTHH:mm:ss (optionally with a fraction and Z or an offset)";

    private static readonly string[] Forms =
    [
        "yyyy-M-d",
        "yyyy-M-d'T'HH:mm",
        "yyyy-M-d'T'HH:mm:ss",
        "yyyy-M-d'T'HH:mm:ss.FFFFFFF",
        "yyyy-M-d'T'HH:mmK",
        "yyyy-M-d'T'HH:mm:ssK",
        "yyyy-M-d'T'HH:mm:ss.FFFFFFFK",
    ];

    public static DateTime Parse(string value, string column) =>
        DateTimeOffset.TryParseExact(value.Trim(), Forms, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed.UtcDateTime
            : throw ArchiveFilterParser.Error($"'{value}' is not a date for '{column}'; use {AcceptedForms}.");

    /// <summary>The days [from, to) of a unary period operator, or null when <paramref name="op"/> is not one.</summary>
    public static (DateTime From, DateTime To)? Period(string op, DateTime utcNow)
    {
        var today = utcNow.Date;
        var week = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var month = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var quarter = new DateTime(today.Year, (today.Month - 1) / 3 * 3 + 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var year = new DateTime(today.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var half = today.Month <= 6 ? year : year.AddMonths(6);
        return op.ToLowerInvariant() switch
        {
            "beforetoday" => (DateTime.MinValue.AddTicks(1), today),
            "today" => (today, today.AddDays(1)),
            "aftertoday" => (today.AddDays(1), DateTime.MaxValue),
            "lastweek" => (week.AddDays(-7), week),
            "thisweek" => (week, week.AddDays(7)),
            "nextweek" => (week.AddDays(7), week.AddDays(14)),
            "lastmonth" => (month.AddMonths(-1), month),
            "thismonth" => (month, month.AddMonths(1)),
            "nextmonth" => (month.AddMonths(1), month.AddMonths(2)),
            "lastquarter" => (quarter.AddMonths(-3), quarter),
            "thisquarter" => (quarter, quarter.AddMonths(3)),
            "nextquarter" => (quarter.AddMonths(3), quarter.AddMonths(6)),
            "thishalf" => (half, half.AddMonths(6)),
            "thisyear" => (year, year.AddYears(1)),
            _ => null,
        };
    }
}
