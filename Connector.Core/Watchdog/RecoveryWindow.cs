using System.Globalization;

namespace Connector.Core.Watchdog;

/// <summary>
/// The changes a recovery covers: companies updated from <see cref="From"/> on (to the second), found while the
/// watchdog ran at <see cref="To"/>. Its key names the recovery's job ids, so a resumed recovery queues nothing twice.
/// </summary>
public sealed record RecoveryWindow(DateTimeOffset From, DateTimeOffset To)
{
    public string Key => From.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
