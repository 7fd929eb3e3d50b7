using System.Diagnostics;
using System.Text;
using Azure.Data.Tables;
using Connector.Core;
using Connector.Core.Configuration;
using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Core.Storage;
using Connector.Core.SuperOffice;
using Connector.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Bench;

/// <summary>
/// Intake (WebhookFunction → verify → job insert → queue send → answer; then the job's Queued mark) against the raw
/// storage cost of one table insert + one queue send, measured in the same run on the same Azurite, interleaved in rounds.
/// </summary>
public sealed class IntakeBenchmark(string storage, int events, int concurrency)
{

    public async Task RunAsync()
    {
        await using var services = BuildServices();
        var function = new WebhookFunction(services.GetRequiredService<WebhookIntake>(), services.GetRequiredService<ILogger<WebhookFunction>>());
        var tables = services.GetRequiredService<TableServiceClient>();
        var queue = services.GetRequiredService<SyncQueue>();
        var names = services.GetRequiredService<StorageNames>();
        var rawTable = tables.GetTableClient(names.JobsTable + "raw");
        await rawTable.CreateIfNotExistsAsync();
        await queue.Client.CreateIfNotExistsAsync();

        // Warm up both paths (JIT, connections, table/queue creation).
        await MeasureAsync(200, 1, _ => RawOnceAsync(rawTable, queue));
        await MeasureAsync(200, 1, _ => IntakeAsync(function));

        var raw = new List<double>();
        var answered = new List<double>();
        var settled = new List<double>();
        TimeSpan rawWall = TimeSpan.Zero, intakeWall = TimeSpan.Zero;
        const int rounds = 5;
        for (var round = 0; round < rounds; round++)
        {
            var r = await MeasureAsync(events / rounds, 1, _ => RawOnceAsync(rawTable, queue));
            var i = await MeasureAsync(events / rounds, 1, _ => IntakeAsync(function));
            raw.AddRange(r.Answered); rawWall += r.Wall;
            answered.AddRange(i.Answered); settled.AddRange(i.Settled); intakeWall += i.Wall;
        }
        var rawStats = LatencyStats.From("raw: table insert + queue send", raw, rawWall);
        var intakeStats = LatencyStats.From("intake: answered (sequential)", answered, intakeWall);
        var settledStats = LatencyStats.From("intake: settled (+ Queued mark)", settled, intakeWall);

        var rawParallel = await MeasureAsync(events, concurrency, _ => RawOnceAsync(rawTable, queue));
        var parallel = await MeasureAsync(events, concurrency, _ => IntakeAsync(function));
        var parallelStats = LatencyStats.From($"intake: answered, {concurrency} concurrent", parallel.Answered, parallel.Wall);

        Console.WriteLine($"Intake benchmark: {events} signed webhooks per series, Azurite in memory, {Environment.ProcessorCount} cores");
        Console.WriteLine("answered = until WebhookFunction returns its 200 (what SuperOffice waits for); settled = until the job's Queued");
        Console.WriteLine("mark, which the host awaits after the response, is done too. The next event starts after the settle.");
        Console.WriteLine(rawStats);
        Console.WriteLine(intakeStats);
        Console.WriteLine(settledStats);
        Console.WriteLine(parallelStats);
        Console.WriteLine($"raw {concurrency} concurrent: {events / rawParallel.Wall.TotalSeconds,8:F0}/s");
        Console.WriteLine($"intake / raw (mean latency to the answer, sequential): {intakeStats.MeanMs / rawStats.MeanMs:F2}x  (target <= 1.5x)");
        Console.WriteLine($"intake / raw (p50 to the answer, sequential):          {intakeStats.P50Ms / rawStats.P50Ms:F2}x");
        Console.WriteLine($"intake / raw (mean, settled):                          {settledStats.MeanMs / rawStats.MeanMs:F2}x");
        Console.WriteLine($"intake p99 sequential: {intakeStats.P99Ms:F2} ms (target < 50 ms); {concurrency} concurrent: {parallelStats.P99Ms:F2} ms");
    }

    private ServiceProvider BuildServices() => BenchServices.Create(storage);

    private static async Task RawAsync(TableClient table, SyncQueue queue)
    {
        var id = Guid.NewGuid().ToString("D");
        await table.AddEntityAsync(new TableEntity(id, JobStore.RowKeyFor(id))
        {
            ["Kind"] = "ContactSync", ["Status"] = "Queued", ["Event"] = "contact.changed", ["ContactId"] = 4711,
            ["ReceivedAt"] = DateTimeOffset.UtcNow, ["Changes"] = "contact_id,name,updated",
        });
        await queue.SendAsync(new SyncMessage(id, 4711, "contact.changed", DateTimeOffset.UtcNow, ["contact_id", "name", "updated"], 316, "Cust12345"));
    }

    /// <summary>One signed delivery: returns the milliseconds until the 200 answer; the task ends once the host would
    /// have run the response's completion callbacks (the Queued mark).</summary>
    internal static async Task<double> IntakeAsync(WebhookFunction function)
    {
        var started = Stopwatch.GetTimestamp();
        var body = Encoding.UTF8.GetBytes(
            $$"""{"EventId":"{{Guid.NewGuid()}}","Timestamp":"2026-11-20T07:50:50.6812131Z","Changes":["contact_id","name","updated"],"Event":"contact.changed","PrimaryKey":4711,"Entity":"contact","ContextIdentifier":"Cust12345","ChangedByAssociateId":316,"WebhookName":"bench"}""");
        var context = new DefaultHttpContext();
        var completion = new CompletingResponseFeature();
        context.Features.Set<IHttpResponseFeature>(completion);
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        context.Request.Headers[WebhookSignature.HeaderName] = WebhookSignature.Compute(BenchServices.WebhookSecret, body);
        var result = await function.Run(context.Request, CancellationToken.None);
        if (result is not Connector.Functions.Http.JsonResponse<Connector.Functions.Http.WebhookAnswer> { StatusCode: 200 })
        {
            throw new InvalidOperationException("Intake did not answer 200.");
        }
        var answered = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await completion.CompleteAsync();
        return answered;
    }

    private static async Task<double> RawOnceAsync(TableClient table, SyncQueue queue)
    {
        var started = Stopwatch.GetTimestamp();
        await RawAsync(table, queue);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Runs <paramref name="count"/> operations; each returns its latency to the answer, the full time is measured here.</summary>
    internal static async Task<(List<double> Answered, List<double> Settled, TimeSpan Wall)> MeasureAsync(int count, int parallelism, Func<int, Task<double>> operation)
    {
        var answered = new double[count];
        var settled = new double[count];
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, parallelism).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                answered[i] = await operation(i);
                settled[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }));
        wall.Stop();
        return ([.. answered], [.. settled], wall.Elapsed);
    }
}
