using System.Diagnostics;
using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Core.Sync;
using Connector.Functions;
using Connector.Functions.Telemetry;
using Connector.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Connector.Bench;

/// <summary>
/// What telemetry costs: intake throughput and sync throughput with telemetry off (no listener) and on (the app's wiring,
/// <see cref="TelemetryRegistration"/>, exporting every span and metric to memory), in alternating rounds of one run
/// (off/on, then on/off, ...) on the same Azurite and sandbox, so drift on a shared machine hits both alike. Prints each
/// round's on/off throughput ratio and their median.
/// </summary>
public sealed class TelemetryOverheadBenchmark(string storage, int rounds, int intakeEvents, int syncContacts, int latencyMs)
{
    private const int IntakeConcurrency = 8;
    private const int SyncConcurrency = 12;
    private int _nextContact = 1;

    public async Task RunAsync()
    {
        var companies = (rounds + 1) * 2 * syncContacts + 1;
        await using var sandbox = SandboxTarget.From(await SandboxServer.StartAsync(
            new SandboxOptions { CompanyCount = companies, SaleCount = 0, LatencyMs = latencyMs }));
        await using var services = BenchServices.Create(storage, sandbox);
        var function = new WebhookFunction(services.GetRequiredService<WebhookIntake>(), services.GetRequiredService<ILogger<WebhookFunction>>());
        var processor = services.GetRequiredService<ContactSyncProcessor>();
        var jobs = services.GetRequiredService<JobStore>();
        await services.GetRequiredService<SyncFieldMap>().GetAsync(CancellationToken.None);

        // Warm-up (JIT and its tiering, connections, the providers' first use): a full round each way, not counted.
        await RoundAsync(function, processor, jobs, on: false, intakeEvents, syncContacts);
        await RoundAsync(function, processor, jobs, on: true, intakeEvents, syncContacts);

        var intakeRatios = new List<double>();
        var syncRatios = new List<double>();
        var intakeCpuRatios = new List<double>();
        var syncCpuRatios = new List<double>();
        var intakeAllocRatios = new List<double>();
        var syncAllocRatios = new List<double>();
        Console.WriteLine($"Telemetry overhead: {rounds} rounds; each: {intakeEvents} signed webhooks through WebhookFunction at concurrency {IntakeConcurrency}, " +
                          $"{syncContacts} sync jobs at concurrency {SyncConcurrency} with {latencyMs} ms per SuperOffice call; {Environment.ProcessorCount} cores");
        Console.WriteLine("round  intake off/s  intake on/s  on/off   sync off/s  sync on/s  on/off   cpu ms/op intake off/on  sync off/on   KB/op intake off/on  sync off/on   spans  (order)");
        for (var round = 1; round <= rounds; round++)
        {
            var onFirst = round % 2 == 0;
            var first = await RoundAsync(function, processor, jobs, onFirst, intakeEvents, syncContacts);
            var second = await RoundAsync(function, processor, jobs, !onFirst, intakeEvents, syncContacts);
            var (off, on) = onFirst ? (second, first) : (first, second);
            intakeRatios.Add(on.IntakePerSecond / off.IntakePerSecond);
            syncRatios.Add(on.SyncPerSecond / off.SyncPerSecond);
            intakeCpuRatios.Add(on.IntakeCpuMs / off.IntakeCpuMs);
            syncCpuRatios.Add(on.SyncCpuMs / off.SyncCpuMs);
            intakeAllocRatios.Add(on.IntakeKb / off.IntakeKb);
            syncAllocRatios.Add(on.SyncKb / off.SyncKb);
            Console.WriteLine($"{round,5}  {off.IntakePerSecond,12:F0}  {on.IntakePerSecond,11:F0}  {intakeRatios[^1],6:F3}   " +
                              $"{off.SyncPerSecond,10:F1}  {on.SyncPerSecond,9:F1}  {syncRatios[^1],6:F3}   " +
                              $"{off.IntakeCpuMs,13:F2}/{on.IntakeCpuMs,-6:F2}  {off.SyncCpuMs,5:F2}/{on.SyncCpuMs,-6:F2}   {off.IntakeKb,9:F1}/{on.IntakeKb,-6:F1}  {off.SyncKb,5:F1}/{on.SyncKb,-6:F1} {on.Spans,6}  ({(onFirst ? "on, off" : "off, on")})");
        }
        Console.WriteLine($"median on/off throughput: intake {Median(intakeRatios):F3}, sync {Median(syncRatios):F3} (target >= 0.900 each)");
        Console.WriteLine($"median on/off CPU per operation (this process): intake {Median(intakeCpuRatios):F3}, sync {Median(syncCpuRatios):F3}");
        Console.WriteLine($"median on/off bytes allocated per operation (this process): intake {Median(intakeAllocRatios):F3}, sync {Median(syncAllocRatios):F3}");
    }

    /// <summary>Throughput, and this process's CPU time and allocated kilobytes per operation (the connector and the
    /// in-process sandbox); allocation does not depend on the machine's load, so it shows a per-request cost through the noise.</summary>
    private sealed record Round(double IntakePerSecond, double SyncPerSecond, double IntakeCpuMs, double SyncCpuMs, double IntakeKb, double SyncKb, int Spans);

    /// <summary>One intake series and one sync series, with the app's telemetry listening when <paramref name="on"/>.</summary>
    private async Task<Round> RoundAsync(WebhookFunction function, ContactSyncProcessor processor, JobStore jobs, bool on, int events, int contacts)
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var telemetry = on ? StartTelemetry(spans, metrics) : null;

        var cpu = CpuNow();
        var allocated = GC.GetTotalAllocatedBytes();
        var intake = await IntakeBenchmark.MeasureAsync(events, IntakeConcurrency, _ => IntakeBenchmark.IntakeAsync(function));
        var intakeCpu = CpuNow() - cpu;
        var intakeBytes = GC.GetTotalAllocatedBytes() - allocated;
        var ids = Enumerable.Range(Interlocked.Add(ref _nextContact, contacts) - contacts, contacts).ToArray();
        var (results, syncWall) = await SyncBenchmark.RunJobsAsync(processor, jobs, ids, "contact.created", changedBy: 12,
            run: $"telemetry-{ids[0]}", SyncConcurrency);
        var syncCpu = CpuNow() - cpu - intakeCpu;
        var syncBytes = GC.GetTotalAllocatedBytes() - allocated - intakeBytes;
        if (results.Any(r => r.Status == JobStatus.Failed))
        {
            throw new InvalidOperationException("A sync job failed during the benchmark; the figures would not compare.");
        }
        telemetry?.GetRequiredService<MeterProvider>().ForceFlush();
        int spanCount;
        lock (spans)
        {
            spanCount = spans.Count;
        }
        return new Round(events / intake.Wall.TotalSeconds, contacts / syncWall.TotalSeconds,
            intakeCpu.TotalMilliseconds / events, syncCpu.TotalMilliseconds / contacts,
            intakeBytes / 1024.0 / events, syncBytes / 1024.0 / contacts, spanCount);
    }

    private static TimeSpan CpuNow() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>The Functions app's telemetry registration with in-memory exporters; disposing it stops all listening.</summary>
    private static ServiceProvider StartTelemetry(List<Activity> spans, List<Metric> metrics)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddConnectorTelemetry(new ConfigurationBuilder().Build(), builder => builder
            .WithTracing(t => t.AddInMemoryExporter(spans))
            .WithMetrics(m => m.AddInMemoryExporter(metrics)));
        var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<TracerProvider>();
        _ = provider.GetRequiredService<MeterProvider>();
        return provider;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
