using Azure;
using Azure.Data.Tables;
using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Core.Storage;
using Connector.Core.SuperOffice;
using Connector.Core.Sync;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Sync;

/// <summary>
/// The worker claims the job, takes the contact's lease and reads the contact at once; these are the races that
/// overlap makes possible, staged on the sandbox and Azurite.
/// </summary>
public sealed class SyncConcurrencyTests
{
    [Fact]
    public async Task A_job_marked_queued_by_intake_between_the_workers_read_and_its_claim_is_still_processed()
    {
        string? jobId = null;
        TableClient? plainJobs = null;
        var marked = 0;
        // Right after the worker's first read of the job, intake's "mark Queued" lands (as when the worker is faster
        // than the write intake finishes after answering), so the worker's claim meets a new ETag.
        var hook = new StorageRequestHook(
            m => jobId is not null && m.Request.Method == Azure.Core.RequestMethod.Get && Uri.UnescapeDataString(m.Request.Uri.ToString()).Contains($"PartitionKey='{jobId}'"),
            after: async _ =>
            {
                if (Interlocked.Exchange(ref marked, 1) == 0)
                {
                    await plainJobs!.UpdateEntityAsync(new TableEntity(jobId!, JobStore.RowKeyFor(jobId!)) { ["Status"] = nameof(JobStatus.Queued) }, ETag.All, TableUpdateMode.Merge);
                }
            });
        var tables = await hook.TableServiceAsync();
        await using var harness = await SyncHarness.StartAsync(registerWebhook: false, configure: services => services.AddSingleton(tables));
        plainJobs = new TableServiceClient(await Azurite.GetConnectionStringAsync()).GetTableClient(harness.Services.GetRequiredService<StorageNames>().JobsTable);
        var contactId = await harness.CreateCompanyAsync("Lübecker Bau GmbH");
        jobId = await AddReceivedJobAsync(harness, contactId);

        await harness.Pump.RunUntilIdleAsync();

        Assert.Equal(1, marked);
        var job = await harness.Jobs.GetAsync(jobId);
        Assert.Equal(JobStatus.Completed, job!.Status);
        Assert.Null(job.Reason);
        Assert.Equal(1, job.Attempt);
        Assert.Equal(1, await harness.CountAsync("PATCH", $"Contact/{contactId}"));
        Assert.NotNull(await harness.UdfAsync(contactId, "SuperOffice:5"));
    }

    [Fact]
    public async Task Two_copies_of_one_message_at_once_give_one_enrichment_one_patch_and_give_the_lease_back()
    {
        // The copy that wins the claim is held at its PATCH until the test has looked at the lease.
        var patch = new RequestGate(r => r.Method == HttpMethod.Patch);
        await using var harness = await SyncHarness.StartAsync(registerWebhook: false,
            configure: services => patch.AddTo(services, SuperOfficeRegistration.ApiClientName));
        var contactId = await harness.CreateCompanyAsync("Kieler Werft GmbH");
        var jobId = await AddReceivedJobAsync(harness, contactId);
        var processor = harness.Services.GetRequiredService<ContactSyncProcessor>();
        var states = harness.Services.GetRequiredService<ContactStateStore>();
        var message = Message(jobId, contactId);

        var copies = new[] { processor.ProcessAsync(message), processor.ProcessAsync(message) };
        try
        {
            // The copy that lost the claim returns while the other waits at its PATCH; the loser took the contact's
            // lease too (same job) but must not give it back.
            var loser = await Task.WhenAny(copies).WaitAsync(Eventually.DefaultTimeout);
            await patch.Arrived.WaitAsync(Eventually.DefaultTimeout);
            var winner = copies.Single(c => c != loser);
            Assert.False(winner.IsCompleted);
            Assert.Equal(jobId, (await states.GetAsync(contactId)).LeaseJobId);
        }
        finally
        {
            // Whatever the test saw, the held copy goes on, so it cannot outlive the test.
            patch.Release();
        }
        var results = await Task.WhenAll(copies).WaitAsync(Eventually.DefaultTimeout);

        Assert.All(results, r => Assert.Equal(jobId, r.JobId));
        var job = await harness.Jobs.GetAsync(jobId);
        Assert.Equal(JobStatus.Completed, job!.Status);
        Assert.Equal(1, job.Attempt);
        Assert.Equal(1, await harness.EnrichCallsAsync(contactId));
        Assert.Equal(1, await harness.CountAsync("PATCH", $"Contact/{contactId}"));
        Assert.Null((await states.GetAsync(contactId)).LeaseJobId);
    }

    [Fact]
    public async Task A_contact_leased_by_another_instance_is_not_enriched_and_the_early_read_is_dropped()
    {
        await using var harness = await SyncHarness.StartAsync(registerWebhook: false, sandbox: o => o.LatencyMs = 100);
        var contactId = await harness.CreateCompanyAsync("Bremer Handel GmbH");
        // Another instance is working on the contact: its lease is in the contact's state row.
        var states = harness.Services.GetRequiredService<ContactStateStore>();
        var (_, leased) = await states.UpdateAsync(contactId, s => s with { LeaseJobId = "job-on-another-instance", LeaseUntil = DateTimeOffset.UtcNow.AddMinutes(2) });
        Assert.True(leased);
        var jobId = await AddReceivedJobAsync(harness, contactId);

        // The contact is quiet on this instance, so its GET starts with the table reads; the lease decides against it.
        var job = await harness.Services.GetRequiredService<ContactSyncProcessor>().ProcessAsync(Message(jobId, contactId));

        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Contains("job-on-another-instance", job.Message);
        Assert.Equal(0, job.Attempt);
        Assert.Equal(0, await harness.EnrichCallsAsync(contactId));
        Assert.Equal(0, await harness.CountAsync("PATCH", $"Contact/{contactId}"));
        Assert.InRange(await harness.CountAsync("GET", $"Contact/{contactId}"), 0, 1);
        Assert.Equal("job-on-another-instance", (await states.GetAsync(contactId)).LeaseJobId);
    }

    private static SyncMessage Message(string jobId, int contactId) =>
        new(jobId, contactId, "contact.created", DateTimeOffset.UtcNow, ["name"], 12, TestServices.Tenant);

    /// <summary>A job as intake leaves it before its Queued mark lands, with its message on the queue.</summary>
    private static async Task<string> AddReceivedJobAsync(SyncHarness harness, int contactId)
    {
        var jobId = Guid.NewGuid().ToString("D");
        var now = DateTimeOffset.UtcNow;
        await harness.Jobs.TryAddAsync(new JobRecord
        {
            JobId = jobId, Kind = JobKinds.ContactSync, Status = JobStatus.Received, Event = "contact.created",
            ContactId = contactId, ChangedByAssociateId = 12, ReceivedAt = now, UpdatedAt = now, ClaimedUntil = now.AddSeconds(30),
        });
        await harness.Services.GetRequiredService<SyncQueue>().SendAsync(Message(jobId, contactId));
        return jobId;
    }
}
