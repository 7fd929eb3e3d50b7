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
                $"{r.Sales:N0} sales: report / paging {r.Report / r.Paging:F2}x (target <= 1.2x), median of the rounds' own ratios {r.PairedRatio:F2}x; rounds paging [{string.Join(", ", r.PagingRounds.Select(t => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)))}] s, " +
                $"report [{string.Join(", ", r.ReportRounds.Select(t => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)))}] s; process peak working set {Mb(Process.GetCurrentProcess().PeakWorkingSet64)}"));
        }
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MB");

    private async Task<Result> MeasureAsync(int sales)
    {
        // The sandbox runs in its own process: time and heap measured here are the connector's.
        await using var sandbox = SandboxTarget.From(await SandboxProcess.StartAsync(companyCount: 200, saleCount: sales == 100_000 ? 0 : sales, largeSales: sales == 100_000, latencyMs: latencyMs));
        await using var services = BuildServices(sandbox);
        var archive = services.GetRequiredService<SuperOfficeArchiveClient>();
        var source = services.GetRequiredService<ISaleSource>();
        var runner = services.GetRequiredService<ProductReportRunner>();
        var generator = services.GetRequiredService<ProductReportGenerator>();

        // Warm-up: loads the sandbox's sales, signs in, JIT (in both processes: the sandbox's tiered JIT needs a few
        // runs before its times settle), container and table creation.
        var rows = await PageAloneAsync(archive);
        for (var warm = 0; warm < (sales >= 100_000 ? 1 : 5); warm++)
        {
            await PageAloneAsync(archive);
            await RunReportAsync(runner, source, $"warm{warm}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sales:N0} sales: {rows:N0} with a company; warmed up"));

        var rounds = sales >= 100_000 ? 2 : 7;
        var paging = new List<TimeSpan>();
        var report = new List<TimeSpan>();
        long pagingPeak = 0, reportPeak = 0;
        for (var round = 0; round < rounds; round++)
        {
            var baseline = GC.GetTotalMemory(true);
            using (var sampler = new HeapSampler())
            {
                var started = Stopwatch.GetTimestamp();
                var read = await PageAloneAsync(archive);
                paging.Add(Stopwatch.GetElapsedTime(started));
                pagingPeak = Math.Max(pagingPeak, sampler.Peak - baseline);
                Check(read == rows, $"paging read {read} rows, expected {rows}");
            }

            baseline = GC.GetTotalMemory(true);
            using (var sampler = new HeapSampler())
            {
                var started = Stopwatch.GetTimestamp();
                var summary = await RunReportAsync(runner, source, $"r{round}");
                report.Add(Stopwatch.GetElapsedTime(started));
                reportPeak = Math.Max(reportPeak, sampler.Peak - baseline);
                Check(summary.SalesRead == rows, $"the report read {summary.SalesRead} sales, expected {rows}");
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round + 1}: paging {paging[^1].TotalSeconds:F2} s, report {report[^1].TotalSeconds:F2} s"));
        }

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

        return new Result(sales, rows, Median(paging), Median(report), paging, report, liveMax - before, pagingPeak, reportPeak);
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

    private sealed record Result(int Sales, int Rows, TimeSpan Paging, TimeSpan Report, List<TimeSpan> PagingRounds, List<TimeSpan> ReportRounds,
        long LiveGrowth, long PagingPeak, long ReportPeak)
    {
        /// <summary>
        /// Each round pages and then reports back to back, so a slow spell of the machine hits both; the median of the
        /// per-round ratios is steadier than the ratio of the two medians when the machine's speed drifts.
        /// </summary>
        public double PairedRatio => Median(PagingRounds.Zip(ReportRounds, (paging, report) => report / paging));
    }
}
