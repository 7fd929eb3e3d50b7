using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Connector.Core.Jobs;
using Connector.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Infrastructure;

/// <summary>Reads what the connector wrote to Azurite, independently of the code under test.</summary>
public sealed class StorageProbe(IServiceProvider services)
{
    private readonly StorageNames _names = services.GetRequiredService<StorageNames>();
    private readonly TableServiceClient _tables = services.GetRequiredService<TableServiceClient>();
    private readonly QueueServiceClient _queues = services.GetRequiredService<QueueServiceClient>();

    /// <summary>The job rows of the jobs table (not the job index, count or contact-state rows next to them).</summary>
    public async Task<List<TableEntity>> JobRowsAsync()
    {
        try
        {
            var rows = new List<TableEntity>();
            await foreach (var row in _tables.GetTableClient(_names.JobsTable).QueryAsync<TableEntity>(JobEntityMapper.RowFilter))
            {
                rows.Add(row);
            }
            return rows;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }

    /// <summary>The raw message texts on a queue, decoded from base64 the way the Functions queue trigger does.</summary>
    public async Task<List<string>> DecodedMessagesAsync(string? queueName = null)
    {
        // A client with no message encoding sees the stored text, exactly as the trigger receives it.
        var raw = new QueueClient(RawConnectionString(), queueName ?? _names.SyncQueue);
        if (!(await raw.ExistsAsync()).Value)
        {
            return [];
        }
        PeekedMessage[] peeked = await raw.PeekMessagesAsync(32);
        return peeked.Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Body.ToString()))).ToList();
    }

    private string RawConnectionString() => services.GetRequiredService<StorageConnection>().ConnectionString
        ?? throw new InvalidOperationException("The probe needs a connection string.");

    public async Task<JobRecord?> JobAsync(string jobId) => await services.GetRequiredService<JobStore>().GetAsync(jobId);
}
