using System.Diagnostics;
using Azure.Data.Tables;
using Connector.Core.Jobs;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Bench;

/// <summary>
/// The operations page's first load (counts + the newest 50 jobs + the failed jobs of 7 days) over <c>jobs</c> jobs
/// spread over 30 days, in table entities the service returned (counted on the wire) and time, next to a single point
/// read and to the full-table query the page avoids; then the retention purge of all of them, with the peak heap.
/// </summary>
public sealed class OpsBenchmark(string storage, int jobs, int concurrency)
{
    private const int Rounds = 5;

    public async Task RunAsync()
    {
        var reads = new TableReadCounter();
        var tables = await reads.TableServiceAsync();
        var clock = new ShiftedTimeProvider();
        await using var services = BenchServices.Create(storage, configure: s =>
        {
            s.AddSingleton(tables);
            s.AddSingleton<TimeProvider>(clock);
        });
        var store = services.GetRequiredService<JobStore>();
        var history = services.GetRequiredService<JobHistory>();
        var now = DateTimeOffset.UtcNow;

        // Seed through the real write path: job row, index row (and failed row), count of the outcome. In a shuffled
        // order, as jobs of many hours end together, not every writer counting into the same hour's rows.
        var seed = Stopwatch.StartNew();
        var span = TimeSpan.FromDays(30).Ticks;
        var order = Enumerable.Range(0, jobs).ToArray();
        new Random(20).Shuffle(order);
        await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var received = now - TimeSpan.FromTicks(span / jobs * (jobs - i));
            var (status, reason) = (i % 20) switch
            {
                0 => (JobStatus.Failed, JobReasons.RetriesExhausted),
                1 => (JobStatus.Skipped, JobReasons.SelfChange),
                _ => (JobStatus.Completed, (string?)null),
            };
            await store.TryAddAsync(new JobRecord
            {
                JobId = $"bench-{i:D7}", Kind = JobKinds.ContactSync, Status = status, Reason = reason, Event = "contact.changed",
                ContactId = 1000 + (i % 5000), ReceivedAt = received, UpdatedAt = received.AddSeconds(20), Attempt = 1, Message = "bench",
            }, ct);
        });
        seed.Stop();
        Console.WriteLine($"seeded {jobs} jobs over 30 days through JobStore in {seed.Elapsed.TotalSeconds:F0} s ({jobs / seed.Elapsed.TotalSeconds:F0} jobs/s, concurrency {concurrency})");

        var summary = new List<double>(); var newest = new List<double>(); var failed = new List<double>(); var point = new List<double>();
        long summaryRows = 0, newestRows = 0, failedRows = 0, pointRows = 0;
        for (var round = 0; round < Rounds; round++)
        {
            reads.Reset();
            var t = Stopwatch.GetTimestamp();
            await history.StatsAsync();
            summary.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            summaryRows = reads.Entities;

            reads.Reset();
            t = Stopwatch.GetTimestamp();
            await history.ListAsync(new JobQuery { Limit = 50 });
            newest.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            newestRows = reads.Entities;

            reads.Reset();
            t = Stopwatch.GetTimestamp();
            await history.FailedAsync(clock.GetUtcNow().AddDays(-7), limit: 50);
            failed.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            failedRows = reads.Entities;

            reads.Reset();
            t = Stopwatch.GetTimestamp();
            await store.GetAsync($"bench-{jobs / 2 + round:D7}");
            point.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            pointRows = reads.Entities;
        }
        Console.WriteLine($"first load (median of {Rounds}): summary {Median(summary):F1} ms / {summaryRows} entities, " +
                          $"newest 50 {Median(newest):F1} ms / {newestRows} entities, failed of 7 days (first 50) {Median(failed):F1} ms / {failedRows} entities; " +
                          $"total {Median(summary) + Median(newest) + Median(failed):F1} ms / {summaryRows + newestRows + failedRows} entities");
        Console.WriteLine($"single point read (median of {Rounds}): {Median(point):F2} ms / {pointRows} entity");

        // What the page avoids: the failed jobs of 7 days by a filter over the job rows (the service reads all of them).
        reads.Reset();
        var scan = Stopwatch.StartNew();
        var scanned = 0;
        await foreach (var _ in store.QueryAsync(new JobFilter { Status = JobStatus.Failed, Since = clock.GetUtcNow().AddDays(-7) }.ToODataFilter()))
        {
            scanned++;
        }
        Console.WriteLine($"for comparison, the same failed jobs by a filtered query of table jobs: {scan.Elapsed.TotalMilliseconds:F0} ms, {scanned} jobs in {reads.Requests} requests");

        // Retention: move the clock 61 days on, past the retention of the newest job, so every job has expired; purge.
        clock.Shift = TimeSpan.FromDays(61);
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        using var heap = new HeapSampler();
        reads.Reset();
        var purge = Stopwatch.StartNew();
        var result = await services.GetRequiredService<JobRetention>().PurgeAsync();
        purge.Stop();
        Console.WriteLine($"retention: {result.JobRows} jobs, {result.IndexRows} index rows, {result.CountRows} count rows deleted in {purge.Elapsed.TotalSeconds:F0} s " +
                          $"({result.JobRows / purge.Elapsed.TotalSeconds:F0} jobs/s); at most {reads.MaxPerResponse} rows per answer; " +
                          $"managed heap at start {before / 1048576.0:F1} MB, peak {heap.Peak / 1048576.0:F1} MB");
        var left = 0;
        await foreach (var _ in new TableServiceClient(storage).GetTableClient(services.GetRequiredService<Connector.Core.Storage.StorageNames>().JobsTable).QueryAsync<TableEntity>())
        {
            left++;
        }
        Console.WriteLine($"rows left in the table: {left}");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
