using Connector.Tests.Infrastructure;
using Connector.Tests.Soak;

namespace Connector.Bench;

/// <summary>The full fault soak: prints its progress and table; exit code 1 when any line is off.</summary>
public static class SoakCommand
{
    public static async Task<int> RunAsync(int changes, int companies)
    {
        var logFile = Path.Combine(Path.GetTempPath(), "connector-soak.log");
        var report = await new SoakRun(new SoakOptions { Changes = changes, Companies = companies, PhaseTimeout = TimeSpan.FromSeconds(10), LogFile = logFile },
            (settings, configure, logs) => TestServices.CreateAsync(settings, configure, logs), Console.Out).RunAsync();
        Console.WriteLine(report.ToTable());
        Console.WriteLine($"Log lines and the errors the host saw: {logFile}");
        return report.Passed ? 0 : 1;
    }
}
