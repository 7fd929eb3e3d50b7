using System.Globalization;

namespace Connector.Bench;

/// <summary>
/// CPU time (user + system) that other processes on this machine used, read from <c>/proc/{pid}/stat</c>: the
/// sandbox and Azurite share the cores with the connector, so what they spend on a phase is part of its cost.
/// Linux only (zero elsewhere); clock ticks are 10 ms, so sum several phases before comparing.
/// </summary>
public static class ProcessCpu
{
    private const double TickMs = 10;

    /// <summary>The CPU time of <paramref name="pids"/> so far (processes that are gone count nothing).</summary>
    public static TimeSpan Of(IEnumerable<int> pids)
    {
        var ticks = 0L;
        foreach (var pid in pids)
        {
            try
            {
                // pid (comm) state ppid ... field 14 utime, 15 stime; comm may hold spaces, so count from its ')'.
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return TimeSpan.FromMilliseconds(ticks * TickMs);
    }

    /// <summary>The processes whose command line contains <paramref name="text"/> (e.g. Azurite's node processes).</summary>
    public static IReadOnlyList<int> Find(string text)
    {
        if (!Directory.Exists("/proc"))
        {
            return [];
        }
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != Environment.ProcessId)
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text, StringComparison.OrdinalIgnoreCase))
                    {
                        found.Add(pid);
                    }
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
        return found;
    }
}
