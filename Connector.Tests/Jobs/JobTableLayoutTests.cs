using Azure.Data.Tables;
using Connector.Core.Jobs;
using Connector.Core.Storage;
using Connector.Core.Sync;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Jobs;

/// <summary>
/// The jobs table holds job rows, contact-state rows and the job index. Every row's RowKey is its own (Azurite finds a
/// row by RowKey first and scans the rows sharing it), and listing jobs returns the job rows only.
/// </summary>
public sealed class JobTableLayoutTests
{
    [Fact]
    public async Task Jobs_and_contact_states_share_the_table_with_a_rowkey_each_and_listing_returns_only_jobs()
    {
        var names = TestServices.UniqueNames();
        await using var services = await TestServices.CreateAsync(configure: s => s.AddSingleton(names));
        var jobs = services.GetRequiredService<JobStore>();
        var states = services.GetRequiredService<ContactStateStore>();
        var now = DateTimeOffset.UtcNow;
        string[] jobIds = ["evt-1", "evt-2.a", "report-2026-11-30T06:00"];
        foreach (var id in jobIds)
        {
            Assert.NotNull(await jobs.TryAddAsync(new JobRecord { JobId = id, Kind = JobKinds.ContactSync, Status = JobStatus.Queued, ContactId = 7, ReceivedAt = now, UpdatedAt = now }));
        }
        foreach (var contactId in new[] { 7, 8 })
        {
            var (_, applied) = await states.UpdateAsync(contactId, s => s with { WriteTimes = [now] });
            Assert.True(applied);
        }

        var rows = new List<TableEntity>();
        await foreach (var row in new TableServiceClient(await Azurite.GetConnectionStringAsync()).GetTableClient(names.JobsTable).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }
        // Three jobs, two contact states and an index row per job.
        Assert.Equal(8, rows.Count);
        Assert.Equal(8, rows.Select(r => r.RowKey).Distinct().Count());
        Assert.Equal(3, rows.Count(r => r.PartitionKey.StartsWith(JobIndexKeys.JobsPrefix, StringComparison.Ordinal)));

        var listed = new List<string>();
        await foreach (var job in jobs.QueryAsync(new JobFilter().ToODataFilter()))
        {
            listed.Add(job.JobId);
        }
        Assert.Equal(jobIds.Order(), listed.Order());
        Assert.Equal(jobIds[1], (await jobs.GetAsync(jobIds[1]))?.JobId);
        Assert.Equal([now], (await states.GetAsync(8)).WriteTimes);
    }
}
