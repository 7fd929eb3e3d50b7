using System.Globalization;

namespace Connector.Core.Watchdog;

/// <summary>
/// One watchdog pass: a scheduled pass is keyed by its occurrence (<c>watchdog-yyyyMMddHHmmss</c>, UTC), so every
/// timer fire for one occurrence is the same pass; a manual one (<c>webhook ensure</c>) by the time it was asked for.
/// </summary>
public sealed record WatchdogRun(string JobId, string Trigger, DateTimeOffset? ScheduledFor, bool Recover)
{
    public const string ScheduledTrigger = "Scheduled";
    public const string ManualTrigger = "Manual";

    public static WatchdogRun Scheduled(DateTimeOffset occurrence)
    {
        var at = occurrence.ToUniversalTime();
        return new("watchdog-" + at.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), ScheduledTrigger, at, Recover: true);
    }

    /// <summary>The reconciliation alone, asked for by an operator.</summary>
    public static WatchdogRun Manual(DateTimeOffset now) =>
        new("watchdog-manual-" + now.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6],
            ManualTrigger, null, Recover: false);
}
