using System.Diagnostics;
using System.Globalization;
using Connector.Core.Recovery;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Bench;

/// <summary>
/// The watchdog's recovery (<see cref="ContactRecovery"/>: FindContact pages from the sandbox in its own process, a
/// sync job recorded and queued per company on Azurite) over a window holding every company of the sandbox:
/// <list type="number">
/// <item>as fast as it goes: companies/s, and memory (sampled heap, and the live heap after a full GC every 1,000
/// companies: flat when paging keeps nothing per company);</item>
/// <item>bounded to <c>rate</c> jobs/s and stopped halfway: the rate it kept;</item>
/// <item>the stopped run again, unbounded: it queues only the companies the stopped run had not queued.</item>
/// </list>
/// </summary>
public sealed class RecoverBenchmark(string storage, int companies, int rate)
{
    private static readonly DateTimeOffset Since = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task RunAsync()
    {
        Console.WriteLine($"Recovery benchmark: {companies:N0} companies in the window, sandbox in its own process, Azurite in memory, {Environment.ProcessorCount} cores");
        var sandboxProcess = await SandboxProcess.StartAsync(companyCount: companies, saleCount: 0);
        await using var sandbox = SandboxTarget.From(sandboxProcess);
        await using var services = BenchServices.Create(storage, sandbox);
        var recovery = services.GetRequiredService<ContactRecovery>();

        // 1. Unbounded.
        GC.Collect();
        var baseline = GC.GetTotalMemory(true);
        var live = new List<(int Companies, long Bytes)>();
        using var sampler = new HeapSampler();
        var seen = 0;
        var clock = Stopwatch.StartNew();
        var full = await recovery.RunAsync(Request("bench-full", TimeSpan.Zero), (company, _) =>
        {
            if (++seen % 1000 == 0)
            {
                live.Add((seen, GC.GetTotalMemory(true)));
            }
            return ValueTask.CompletedTask;
        });
        clock.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"unbounded: {full.Companies:N0} companies, {full.Queued:N0} queued in {clock.Elapsed.TotalSeconds:F1} s = {full.Companies / clock.Elapsed.TotalSeconds:N0} companies/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory: sampled heap peak {Mb(sampler.Peak - baseline)} over the baseline; live heap over the baseline after 1,000 / {live[^1].Companies:N0} companies: " +
            $"{Mb(live[0].Bytes - baseline)} / {Mb(live[^1].Bytes - baseline)} (growth {Mb(live[^1].Bytes - live[0].Bytes)}); process peak working set {Mb(Process.GetCurrentProcess().PeakWorkingSet64)}"));

        // 2. Bounded, stopped halfway.
        var half = companies / 2;
        using var stop = new CancellationTokenSource();
        var request = Request("bench-resume", TimeSpan.FromSeconds(1.0 / rate));
        var queued = 0;
        clock.Restart();
        try
        {
            await recovery.RunAsync(request, (company, _) =>
            {
                if (company.Queued && ++queued == half)
                {
                    clock.Stop();
                    stop.Cancel();
                }
                return ValueTask.CompletedTask;
            }, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        // The n-th job waits until (n - 1) intervals after the start: n jobs take at least (n - 1) / rate seconds.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bounded to {rate}/s: {queued:N0} queued in {clock.Elapsed.TotalSeconds:F1} s = {(queued - 1) / clock.Elapsed.TotalSeconds:N1} jobs/s between the first and the last; stopped"));

        // 3. The stopped run again.
        clock.Restart();
        var rerun = await recovery.RunAsync(request with { Interval = TimeSpan.Zero });
        clock.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rerun of the stopped run: {rerun.Companies:N0} companies, {rerun.Queued:N0} queued, {rerun.Existing:N0} queued before, in {clock.Elapsed.TotalSeconds:F1} s " +
            $"(expected {companies - queued:N0} queued and {queued:N0} before: {(rerun.Queued == companies - queued && rerun.Existing == queued ? "yes" : "NO")})"));
    }

    private static RecoveryRequest Request(string prefix, TimeSpan interval) => new(Since, prefix, "20000101", interval, "Benchmark.");

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MB");
}
