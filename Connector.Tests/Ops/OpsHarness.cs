using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Connector.Core.Jobs;
using Connector.Core.Storage;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Ops;

/// <summary>
/// The connector's services on Azurite (a storage name set of its own, a fake clock when given) with the Functions
/// test host serving the ops endpoints, and helpers to record jobs through the real job store.
/// </summary>
internal sealed class OpsHarness : IAsyncDisposable
{
    private OpsHarness(ServiceProvider services, FunctionsTestHost host, StorageNames names, TableReadCounter reads)
    {
        Services = services;
        Host = host;
        Names = names;
        Reads = reads;
        Api = host.Client();
    }

    public ServiceProvider Services { get; }
    public FunctionsTestHost Host { get; }
    public StorageNames Names { get; }
    public TableReadCounter Reads { get; }
    /// <summary>A client that sends the function key.</summary>
    public HttpClient Api { get; }
    public JobStore Jobs => Services.GetRequiredService<JobStore>();

    public static async Task<OpsHarness> StartAsync(TimeProvider? time = null, Dictionary<string, string?>? settings = null)
    {
        var names = TestServices.UniqueNames();
        var reads = new TableReadCounter();
        var tables = await reads.TableServiceAsync();
        var services = await TestServices.CreateAsync(settings, s =>
        {
            s.AddSingleton(names);
            s.AddSingleton(tables);
            if (time is not null)
            {
                s.AddSingleton(time);
            }
        });
        return new OpsHarness(services, await FunctionsTestHost.StartAsync(services), names, reads);
    }

    /// <summary>Records a job as the connector would (inserted Received, then moved to its status), so the index follows both writes.</summary>
    public async Task<JobRecord> RecordAsync(string jobId, JobStatus status, DateTimeOffset receivedAt, string? reason = null,
        string kind = JobKinds.ContactSync, int? contactId = 7, string? details = null)
    {
        var added = await Jobs.TryAddAsync(new JobRecord
        {
            JobId = jobId, Kind = kind, Status = JobStatus.Received, ContactId = contactId, Event = "contact.changed",
            ReceivedAt = receivedAt, UpdatedAt = receivedAt,
        }) ?? throw new InvalidOperationException($"Job {jobId} exists.");
        if (status == JobStatus.Received)
        {
            return added;
        }
        return await Jobs.TryReplaceAsync(added with { Status = status, Reason = reason, Message = $"{status} {reason}".Trim(), Details = details, UpdatedAt = receivedAt })
               ?? throw new InvalidOperationException($"Job {jobId} changed.");
    }

    public TableClient Table => new TableServiceClient(Azurite.GetConnectionStringAsync().GetAwaiter().GetResult()).GetTableClient(Names.JobsTable);

    /// <summary>Every row of the jobs table (for checks of what is stored, not through the code under test).</summary>
    public async Task<List<TableEntity>> AllRowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }
        return rows;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Api.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<(int Status, JsonElement Body)> PostAsync(string path, object body, bool writeHeader = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (writeHeader)
        {
            request.Headers.Add("X-Ops-Request", "1");
        }
        using var response = await Api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
        await Services.DisposeAsync();
    }
}
