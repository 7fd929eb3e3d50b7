using NCrontab;

namespace Connector.Core.Reports;

/// <summary>
/// The report's NCRONTAB schedule (six fields, seconds first, UTC, the grammar of the timer trigger), and which
/// scheduled occurrence a timer fire belongs to, so that every fire for one occurrence gets the same run id.
/// </summary>
public sealed class ReportSchedule
{
    /// <summary>How early a timer may fire and still count for the coming occurrence (clock skew).</summary>
    public static readonly TimeSpan EarlyFireTolerance = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan[] LookBack =
        [TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(8), TimeSpan.FromDays(32), TimeSpan.FromDays(400), TimeSpan.FromDays(1500)];

    private readonly CrontabSchedule _schedule;

    private ReportSchedule(string expression, CrontabSchedule schedule)
    {
        Expression = expression;
        _schedule = schedule;
    }

    public string Expression { get; }

    public static bool TryParse(string? expression, out ReportSchedule? schedule)
    {
        schedule = null;
        if (string.IsNullOrWhiteSpace(expression))
        {
            return false;
        }
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            return false;
        }
        var parsed = CrontabSchedule.TryParse(string.Join(' ', fields), new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        if (parsed is null)
        {
            return false;
        }
        schedule = new ReportSchedule(expression.Trim(), parsed);
        return true;
    }

    public static ReportSchedule Parse(string expression) =>
        TryParse(expression, out var schedule)
            ? schedule!
            : throw new FormatException($"'{expression}' is not a six-field NCRONTAB expression.");

    /// <summary>The first occurrence strictly after <paramref name="time"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset time) =>
        new(DateTime.SpecifyKind(_schedule.GetNextOccurrence(time.UtcDateTime), DateTimeKind.Utc));

    /// <summary>
    /// The occurrence a timer fire at <paramref name="firedAt"/> stands for: the latest occurrence at or before it,
    /// or the next one when that is only moments away (a fire slightly early, under
    /// <see cref="EarlyFireTolerance"/> and under half the interval). A late (past-due) fire or a replay after a
    /// lost lease maps to the occurrence it missed, as long as the following one has not come yet.
    /// </summary>
    public DateTimeOffset OccurrenceFor(DateTimeOffset firedAt)
    {
        var now = firedAt.UtcDateTime;
        var next = _schedule.GetNextOccurrence(now);
        DateTime? latest = null;
        foreach (var window in LookBack)
        {
            foreach (var occurrence in _schedule.GetNextOccurrences(now - window, now.AddTicks(1)))
            {
                latest = occurrence;
            }
            if (latest is not null)
            {
                break;
            }
        }

        var chosen = next;
        if (latest is { } last)
        {
            var tolerance = TimeSpan.FromTicks(Math.Min(EarlyFireTolerance.Ticks, (next - last).Ticks / 2));
            chosen = next - now <= tolerance ? next : last;
        }
        return new DateTimeOffset(DateTime.SpecifyKind(chosen, DateTimeKind.Utc));
    }
}
