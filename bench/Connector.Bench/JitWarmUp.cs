using System.Runtime;

namespace Connector.Bench;

/// <summary>
/// Warms a benchmark up until this process's JIT has settled: tiered compilation recompiles hot methods in the
/// background for a while after start, and those compilations (and the slower code before them) would otherwise land in
/// the measured rounds. A long-running worker measures at that steady state.
/// </summary>
public static class JitWarmUp
{
    /// <summary>Methods the JIT has compiled in this process so far (all threads).</summary>
    public static long CompiledMethods => JitInfo.GetCompiledMethodCount(currentThread: false);

    /// <summary>
    /// Runs <paramref name="round"/> at least <paramref name="minRounds"/> times and then until two rounds in a row compiled
    /// at most a couple of methods, or <paramref name="maxRounds"/> ran. Returns the rounds run.
    /// </summary>
    public static async Task<int> RunAsync(Func<int, Task> round, int minRounds, int maxRounds)
    {
        var quiet = 0;
        var rounds = 0;
        while (rounds < maxRounds && (rounds < minRounds || quiet < 2))
        {
            var before = CompiledMethods;
            await round(rounds);
            rounds++;
            // Tier-1 compilations wait for a short quiet spell after start-up activity; give them time to happen.
            await Task.Delay(150);
            quiet = CompiledMethods - before <= 2 ? quiet + 1 : 0;
        }
        return rounds;
    }
}
