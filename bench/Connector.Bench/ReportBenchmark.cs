using System.Diagnostics;
using System.Globalization;
using Connector.Core;
using Connector.Core.Reports;
using Connector.Core.Storage;
using Connector.Core.SuperOffice;
using Connector.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Bench;

/// <summary>
/// The product report over the sandbox's Sale archive (its own process, loopback HTTP) with blobs and jobs on Azurite,
/// against paging the same archive query alone, interleaved in rounds in the same run; and the report's memory.
/// <para>
/// Memory, two ways. (1) Live heap: a separate, untimed report run forces a full GC after every 10th page
/// (<c>GC.GetTotalMemory(true)</c> in the page callback) and keeps the largest value; growth is that minus the
/// live heap before the run (services warm). This is what the report holds while
/// it runs, and what must not grow with the number of sales. (2) During the timed runs a background sampler reads
/// <c>GC.GetTotalMemory(false)</c> (live + not yet collected garbage) every 10 ms; its peak minus the baseline is
/// shown for paging alone and for the report.
/// </para>
/// <para>
/// Before measuring, identical rounds run until this process's tiered JIT has stopped compiling (<see cref="JitWarmUp"/>):
/// with a fixed five rounds the JIT was still busy in the measured rounds and doubled this process's CPU per round.
/// Each phase also records this process's CPU time and how busy the whole machine was (<see cref="MachineCpu"/>).
/// </para>
/// </summary>
public sealed class ReportBenchmark(string storage, IReadOnlyList<int> saleCounts, int latencyMs = 0)
{
    private const int PageSize = 200;

    public async Task RunAsync()
    {
        Console.WriteLine($"Product report benchmark: sandbox in its own process over loopback HTTP, Azurite in memory, {Environment.ProcessorCount} cores, " +
                          $"pages of {PageSize}, query $filter={SaleArchiveQuery.HasCompanyFilter} $orderBy={SaleArchiveQuery.OrderBy}, " +
                          $"{latencyMs} ms added per archive call");
        var results = new List<Result>();
        foreach (var count in saleCounts)
        {
            results.Add(await MeasureAsync(count));
        }

        Console.WriteLine();
        Console.WriteLine("| Sales in archive | Rows read | Paging alone | Report | Report / paging | Live heap growth (report) | Peak sampled heap over baseline: paging / report |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Sales:N0} | {r.Rows:N0} | {r.Rows / r.Paging.TotalSeconds:N0} rows/s ({r.Paging.TotalSeconds:F2} s) | " +
                $"{r.Rows / r.Report.TotalSeconds:N0} rows/s ({r.Report.TotalSeconds:F2} s) | {r.Report / r.Paging:F2}x | " +
                $"{Mb(r.LiveGrowth)} | {Mb(r.PagingPeak)} / {Mb(r.ReportPeak)} |"));
        }
        if (results.Count >= 2)
        {
            var growth = results[^1].LiveGrowth - results[0].LiveGrowth;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Live heap growth of the report from {results[0].Sales:N0} to {results[^1].Sales:N0} sales: {Mb(growth)} (target < 20 MB)"));
        }
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Sales:N0} sales: report / paging {r.Report / r.Paging:F2}x (target <= 1.2x), median of the rounds' own ratios {r.PairedRatio:F2}x; rounds paging [{string.Join(", ", r.PagingRounds.Select(p => p.Wall.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)))}] s, " +
                $"report [{string.Join(", ", r.ReportRounds.Select(p => p.Wall.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)))}] s; process peak working set {Mb(Process.GetCurrentProcess().PeakWorkingSet64)}; " +
                $"machine CPU busy (all {Environment.ProcessorCount} cores, every process): paging alone {r.PagingBusy:P0}, report {r.ReportBusy:P0}; " +
                $"CPU per round: paging alone {r.CpuPerRound(r.PagingRounds)}, report {r.CpuPerRound(r.ReportRounds)}; " +
                $"methods JIT-compiled during the measured rounds: {r.CompiledDuringRounds}"));
        }
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MB");

    private async Task<Result> MeasureAsync(int sales)
    {
        // The sandbox runs in its own process: time and heap measured here are the connector's.
        var sandboxProcess = await SandboxProcess.StartAsync(companyCount: 200, saleCount: sales == 100_000 ? 0 : sales, largeSales: sales == 100_000, latencyMs: latencyMs);
        await using var sandbox = SandboxTarget.From(sandboxProcess);
        var others = new OtherProcesses([sandboxProcess.ProcessId], ProcessCpu.Find("azurite"));
        await using var services = BuildServices(sandbox);
        var archive = services.GetRequiredService<SuperOfficeArchiveClient>();
        var source = services.GetRequiredService<ISaleSource>();
        var runner = services.GetRequiredService<ProductReportRunner>();
        var generator = services.GetRequiredService<ProductReportGenerator>();

        // Warm-up: loads the sandbox's sales, signs in, container and table creation, and JIT in both processes: the
        // same rounds as measured, until this process's tiered JIT has stopped compiling (the sandbox's settles
        // alongside, under the same load).
        var rows = await PageAloneAsync(archive);
        // Every other round reports first: what one phase leaves behind in the other processes (the sandbox's garbage,
        // Azurite's) then falls on each phase alike.
        async Task<(Phase Paging, Phase Report)> RoundAsync(string label, bool reportFirst)
        {
            async Task<Phase> PagingAsync()
            {
                var (read, phase) = await MeasurePhaseAsync(() => PageAloneAsync(archive), others);
                Check(read == rows, $"paging read {read} rows, expected {rows}");
                return phase;
            }
            async Task<Phase> ReportAsync()
            {
                var (summary, phase) = await MeasurePhaseAsync(() => RunReportAsync(runner, source, label), others);
                Check(summary.SalesRead == rows, $"the report read {summary.SalesRead} sales, expected {rows}");
                return phase;
            }
            if (reportFirst)
            {
                var report = await ReportAsync();
                return (await PagingAsync(), report);
            }
            var paging = await PagingAsync();
            return (paging, await ReportAsync());
        }
        var warmRounds = await JitWarmUp.RunAsync(warm => RoundAsync($"warm{warm}", warm % 2 == 1),
            minRounds: sales >= 100_000 ? 1 : 5, maxRounds: sales >= 100_000 ? 3 : 60);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sales:N0} sales: {rows:N0} with a company; warmed up in {warmRounds} rounds"));
        var compiledBefore = JitWarmUp.CompiledMethods;

        var rounds = new List<(Phase Paging, Phase Report)>();
        for (var round = 0; round < (sales >= 100_000 ? 2 : 8); round++)
        {
            rounds.Add(await RoundAsync($"r{round}", round % 2 == 1));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round + 1}: paging {rounds[^1].Paging.Wall.TotalSeconds:F2} s, report {rounds[^1].Report.Wall.TotalSeconds:F2} s"));
        }
        var paging = rounds.Select(r => r.Paging).ToList();
        var report = rounds.Select(r => r.Report).ToList();

        var compiledDuring = JitWarmUp.CompiledMethods - compiledBefore;

        // Live heap while the report runs (untimed: a full GC after every 10th page).
        var before = GC.GetTotalMemory(true);
        var liveMax = before;
        var run = ReportRun.Manual(DateTimeOffset.UtcNow, "bench-memory-" + Guid.NewGuid().ToString("N")[..8]);
        await generator.GenerateAsync(run, source, (progress, _) =>
        {
            if (progress.PagesFetched % 10 == 0)
            {
                liveMax = Math.Max(liveMax, GC.GetTotalMemory(true));
            }
            return ValueTask.CompletedTask;
        });
        liveMax = Math.Max(liveMax, GC.GetTotalMemory(false));

        return new Result(sales, rows, paging, report, liveMax - before, compiledDuring);
    }

    private static TimeSpan Median(List<TimeSpan> values) => TimeSpan.FromTicks((long)Median(values.Select(t => (double)t.Ticks)));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    /// <summary>The report's archive query (as <see cref="SuperOfficeSaleSource"/> sends it), paged and counted, nothing else.</summary>
    private static async Task<int> PageAloneAsync(SuperOfficeArchiveClient archive)
    {
        var query = new ArchiveQuery
        {
            Select = SaleArchiveQuery.Select.Split(','),
            Filter = SaleArchiveQuery.HasCompanyFilter,
            OrderBy = SaleArchiveQuery.OrderBy,
            PageSize = PageSize,
        };
        var rows = 0;
        await foreach (var page in archive.QueryPagesAsync(SuperOfficeArchiveClient.SalePath, query))
        {
            rows += page.Count;
        }
        return rows;
    }

    private static async Task<ReportSummary> RunReportAsync(ProductReportRunner runner, ISaleSource source, string label)
    {
        var result = await runner.RunManualAsync(source, $"bench-{label}-{Guid.NewGuid():N}"[..40]);
        return result.Summary ?? throw new InvalidOperationException($"Report run {result.JobId}: {result.Outcome} {result.Error}");
    }

    private ServiceProvider BuildServices(SandboxTarget sandbox) => BenchServices.Create(storage, sandbox, new Dictionary<string, string?>
    {
        ["SuperOffice:Http:AttemptTimeoutSeconds"] = "60",
        ["SuperOffice:Http:TotalTimeoutSeconds"] = "120",
        ["ProductReport:SaleLimit"] = "0",
        ["ProductReport:PageSize"] = PageSize.ToString(CultureInfo.InvariantCulture),
    });

    /// <summary>The processes that share the cores with the connector in this benchmark.</summary>
    private sealed record OtherProcesses(IReadOnlyList<int> Sandbox, IReadOnlyList<int> Azurite);

    /// <summary>
    /// One timed phase: wall time, the CPU of this process, of the sandbox and of Azurite, the whole machine's CPU,
    /// and the peak sampled heap over the live heap before it.
    /// </summary>
    private sealed record Phase(TimeSpan Wall, TimeSpan OwnCpu, TimeSpan SandboxCpu, TimeSpan AzuriteCpu, MachineCpu Machine, long HeapPeak);

    private static async Task<(T Value, Phase Phase)> MeasurePhaseAsync<T>(Func<Task<T>> work, OtherProcesses others)
    {
        var baseline = GC.GetTotalMemory(true);
        using var sampler = new HeapSampler();
        var machine = MachineCpu.Read();
        var (sandboxCpu, azuriteCpu) = (ProcessCpu.Of(others.Sandbox), ProcessCpu.Of(others.Azurite));
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var value = await work();
        var wall = Stopwatch.GetElapsedTime(started);
        return (value, new Phase(wall, Process.GetCurrentProcess().TotalProcessorTime - ownCpu,
            ProcessCpu.Of(others.Sandbox) - sandboxCpu, ProcessCpu.Of(others.Azurite) - azuriteCpu,
            MachineCpu.Read() - machine, sampler.Peak - baseline));
    }

    private sealed record Result(int Sales, int Rows, List<Phase> PagingRounds, List<Phase> ReportRounds, long LiveGrowth, long CompiledDuringRounds)
    {
        public TimeSpan Paging => Median(PagingRounds.Select(p => p.Wall).ToList());
        public TimeSpan Report => Median(ReportRounds.Select(p => p.Wall).ToList());
        public long PagingPeak => PagingRounds.Max(p => p.HeapPeak);
        public long ReportPeak => ReportRounds.Max(p => p.HeapPeak);
        public double PagingBusy => PagingRounds.Aggregate(default(MachineCpu), (sum, p) => sum + p.Machine).BusyShare;
        public double ReportBusy => ReportRounds.Aggregate(default(MachineCpu), (sum, p) => sum + p.Machine).BusyShare;

        /// <summary>CPU per round of the connector, the sandbox and Azurite together: what the phase asked of the cores.</summary>
        public string CpuPerRound(List<Phase> rounds) => string.Create(CultureInfo.InvariantCulture,
            $"{PerRound(rounds, p => p.OwnCpu + p.SandboxCpu + p.AzuriteCpu).TotalMilliseconds:F0} ms (connector {PerRound(rounds, p => p.OwnCpu).TotalMilliseconds:F0}, " +
            $"sandbox {PerRound(rounds, p => p.SandboxCpu).TotalMilliseconds:F0}, Azurite {PerRound(rounds, p => p.AzuriteCpu).TotalMilliseconds:F0})");

        private static TimeSpan PerRound(List<Phase> rounds, Func<Phase, TimeSpan> cpu) =>
            rounds.Aggregate(TimeSpan.Zero, (sum, p) => sum + cpu(p)) / rounds.Count;

        /// <summary>
        /// Each round pages and reports back to back (which goes first alternates), so a slow spell of the machine hits
        /// both; the median of the per-round ratios is steadier than the ratio of the two medians when the machine's
        /// speed drifts.
        /// </summary>
        public double PairedRatio => Median(PagingRounds.Zip(ReportRounds, (paging, report) => report.Wall / paging.Wall));
    }
}
