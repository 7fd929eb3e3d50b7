using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Connector.Core.Jobs;

namespace Connector.Bench;

/// <summary>The cost of each storage operation intake uses, alone, as the table grows (explains the intake figures).</summary>
public sealed class StorageOpsBenchmark(string storage, int rows)
{
    public async Task RunAsync()
    {
        var table = new TableClient(storage, "ops" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync();
        var queue = new QueueClient(storage, "ops-" + Guid.NewGuid().ToString("N")[..8], new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();

        for (var block = 0; block < 4; block++)
        {
            var insert = new List<double>(); var replace = new List<double>(); var merge = new List<double>(); var send = new List<double>(); var get = new List<double>();
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < rows / 4; i++)
            {
                var id = Guid.NewGuid().ToString("D");
                var entity = new TableEntity(id, JobStore.RowKeyFor(id)) { ["Status"] = "Received", ["ContactId"] = 4711, ["Changes"] = "contact_id,name,updated", ["ReceivedAt"] = DateTimeOffset.UtcNow };
                var t = Stopwatch.GetTimestamp();
                var added = await table.AddEntityAsync(entity);
                insert.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                t = Stopwatch.GetTimestamp();
                await queue.SendMessageAsync("{\"jobId\":\"" + id + "\"}");
                send.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                entity["Status"] = "Queued";
                t = Stopwatch.GetTimestamp();
                var replaced = await table.UpdateEntityAsync(entity, added.Headers.ETag!.Value, TableUpdateMode.Replace);
                replace.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                t = Stopwatch.GetTimestamp();
                await table.UpdateEntityAsync(new TableEntity(id, JobStore.RowKeyFor(id)) { ["Status"] = "Queued" }, replaced.Headers.ETag!.Value, TableUpdateMode.Merge);
                merge.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                t = Stopwatch.GetTimestamp();
                await table.GetEntityIfExistsAsync<TableEntity>(id, JobStore.RowKeyFor(id));
                get.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            Console.WriteLine($"rows {block * rows / 4,6}-{(block + 1) * rows / 4,6}: insert {Median(insert):F2}  send {Median(send):F2}  replace(etag) {Median(replace):F2}  merge(etag) {Median(merge):F2}  get {Median(get):F2} ms (medians)");
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
