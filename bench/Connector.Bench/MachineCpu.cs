using System.Globalization;

namespace Connector.Bench;

/// <summary>
/// How busy the whole machine's cores were between two readings of <c>/proc/stat</c> (all processes: the connector,
/// the sandbox, Azurite). Linux only; elsewhere <see cref="Read"/> returns zeros and <see cref="BusyShare"/> NaN.
/// Jiffies are 10 ms, so sum several short phases before comparing.
/// </summary>
public readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Read()
    {
        if (!File.Exists("/proc/stat"))
        {
            return default;
        }
        // cpu  user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        var total = fields.Take(8).Sum();
        return new MachineCpu(total - idle, total);
    }

    public static MachineCpu operator -(MachineCpu after, MachineCpu before) => new(after.Busy - before.Busy, after.Total - before.Total);

    public static MachineCpu operator +(MachineCpu a, MachineCpu b) => new(a.Busy + b.Busy, a.Total + b.Total);

    /// <summary>Busy share of all cores, 0..1.</summary>
    public double BusyShare => Total == 0 ? double.NaN : (double)Busy / Total;
}
