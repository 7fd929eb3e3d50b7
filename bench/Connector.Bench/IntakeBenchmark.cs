using System.Diagnostics;
using System.Text;
using Azure.Data.Tables;
using Connector.Core;
using Connector.Core.Configuration;
using Connector.Core.Intake;
using Connector.Core.Storage;
using Connector.Core.SuperOffice;
using Connector.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Bench;

/// <summary>
/// Intake (WebhookFunction → verify → job insert → queue send → job update) against the raw storage cost of
/// one table insert + one queue send, measured in the same run on the same Azurite, interleaved in rounds.
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
        await MeasureAsync("warm-up raw", 200, 1, _ => RawAsync(rawTable, queue));
        await MeasureAsync("warm-up intake", 200, 1, _ => IntakeAsync(function));

        var raw = new List<double>();
        var intake = new List<double>();
        TimeSpan rawWall = TimeSpan.Zero, intakeWall = TimeSpan.Zero;
        const int rounds = 5;
        for (var round = 0; round < rounds; round++)
        {
            var (r, rw) = await MeasureAsync("raw", events / rounds, 1, _ => RawAsync(rawTable, queue));
            var (i, iw) = await MeasureAsync("intake", events / rounds, 1, _ => IntakeAsync(function));
            raw.AddRange(r); rawWall += rw;
            intake.AddRange(i); intakeWall += iw;
        }
        var rawStats = LatencyStats.From("raw: table insert + queue send", raw, rawWall);
        var intakeStats = LatencyStats.From("intake: WebhookFunction (sequential)", intake, intakeWall);

        var (_, rawParallelWall) = await MeasureAsync("raw", events, concurrency, _ => RawAsync(rawTable, queue));
        var (parallel, parallelWall) = await MeasureAsync("intake", events, concurrency, _ => IntakeAsync(function));
        var parallelStats = LatencyStats.From($"intake: {concurrency} concurrent", parallel, parallelWall);

        Console.WriteLine($"Intake benchmark: {events} signed webhooks per series, Azurite in memory, {Environment.ProcessorCount} cores");
        Console.WriteLine(rawStats);
        Console.WriteLine(intakeStats);
        Console.WriteLine(parallelStats);
        Console.WriteLine($"raw {concurrency} concurrent: {events / rawParallelWall.TotalSeconds,8:F0}/s");
        Console.WriteLine($"intake / raw (mean latency, sequential): {intakeStats.MeanMs / rawStats.MeanMs:F2}x  (target <= 1.5x)");
        Console.WriteLine($"intake / raw (p50, sequential):          {intakeStats.P50Ms / rawStats.P50Ms:F2}x");
        Console.WriteLine($"intake p99 sequential: {intakeStats.P99Ms:F2} ms (target < 50 ms); {concurrency} concurrent: {parallelStats.P99Ms:F2} ms");
    }

    private ServiceProvider BuildServices() => BenchServices.Create(storage);

    private static async Task RawAsync(TableClient table, SyncQueue queue)
    {
        var id = Guid.NewGuid().ToString("D");
        await table.AddEntityAsync(new TableEntity(id, "job")
        {
            ["Kind"] = "ContactSync", ["Status"] = "Queued", ["Event"] = "contact.changed", ["ContactId"] = 4711,
            ["ReceivedAt"] = DateTimeOffset.UtcNow, ["Changes"] = "contact_id,name,updated",
        });
        await queue.SendAsync(new SyncMessage(id, 4711, "contact.changed", DateTimeOffset.UtcNow, ["contact_id", "name", "updated"], 316, "Cust12345"));
    }

    private static async Task IntakeAsync(WebhookFunction function)
    {
        var body = Encoding.UTF8.GetBytes(
            $$"""{"EventId":"{{Guid.NewGuid()}}","Timestamp":"2026-11-20T07:50:50.6812131Z","Changes":["contact_id","name","updated"],"Event":"contact.changed","PrimaryKey":4711,"Entity":"contact","ContextIdentifier":"Cust12345","ChangedByAssociateId":316,"WebhookName":"bench"}""");
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        context.Request.Headers[WebhookSignature.HeaderName] = WebhookSignature.Compute(BenchServices.WebhookSecret, body);
        var result = await function.Run(context.Request, CancellationToken.None);
        if (result is Connector.Functions.Http.JsonResponse<Connector.Functions.Http.WebhookAnswer> { StatusCode: 200 })
        {
            return;
        }
        throw new InvalidOperationException("Intake did not answer 200.");
    }

    private static async Task<(List<double> Latencies, TimeSpan Wall)> MeasureAsync(string name, int count, int parallelism, Func<int, Task> operation)
    {
        var latencies = new double[count];
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, parallelism).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }));
        wall.Stop();
        return ([.. latencies], wall.Elapsed);
    }
}
