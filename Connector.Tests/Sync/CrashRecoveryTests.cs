using Azure.Core;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Connector.Core.Jobs;
using Connector.Core.Storage;
using Connector.Core.SuperOffice;
using Connector.Core.Sync;
using Connector.Functions;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Sync;

/// <summary>
/// A worker process dies at each step of the sync cycle in turn; the message it held comes back after its visibility
/// timeout to a second process, which must finish the job and write the contact again only if the first PATCH never
/// landed. A "process" is its own service provider on the same sandbox and storage; it dies through
/// <see cref="ProcessKill"/>, so nothing it would still do after the kill reaches anyone.
/// </summary>
public sealed class CrashRecoveryTests
{
    /// <summary>How long the dead process's message stays invisible (the host's visibility timeout, made short).</summary>
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(1);

    public enum Step
    {
        /// <summary>Job claimed and contact leased; the contact's GET never sent.</summary>
        AfterClaim,
        /// <summary>Contact read; the Company Explorer call never sent.</summary>
        AfterRead,
        /// <summary>Enrichment in hand; the PATCH never sent.</summary>
        AfterEnrichment,
        /// <summary>The PATCH landed; neither the contact's state nor the job recorded.</summary>
        AfterPatch,
        /// <summary>The PATCH landed and the contact's state recorded it; the job's outcome never saved.</summary>
        BeforeRecording,
    }

    [Theory]
    [InlineData(Step.AfterClaim, false, 1, null)]
    [InlineData(Step.AfterRead, false, 1, null)]
    [InlineData(Step.AfterEnrichment, false, 2, null)]
    [InlineData(Step.AfterPatch, true, 2, JobReasons.NoChange)]
    [InlineData(Step.BeforeRecording, true, 2, JobReasons.NoChange)]
    // A tenant that sends UserDefinedFields as null: the fields cannot be seen, so only the recorded write keeps it from writing again.
    [InlineData(Step.BeforeRecording, true, 2, JobReasons.NoChange, "Null")]
    public async Task A_worker_killed_mid_cycle_leaves_a_job_its_redelivery_completes_with_one_landed_patch_in_all(
        Step step, bool patchLandedBeforeKill, int enrichCalls, string? reason, string udfShape = "Documented")
    {
        await using var harness = await SyncHarness.StartAsync(registerWebhook: false, sandbox: o => o.UdfShapes = udfShape);
        var contactId = await harness.CreateCompanyAsync("Lübecker Bau GmbH");
        var jobId = await EnqueueWebhookJobAsync(harness, contactId);
        var states = harness.Services.GetRequiredService<ContactStateStore>();
        var kill = KillAt(step, harness, contactId, jobId);
        var storage = await Azurite.GetConnectionStringAsync();

        // The first process takes the message and dies at the step; its message is neither deleted nor given back.
        await using (var first = await harness.StartWorkerAsync(services => kill.AddTo(services, storage)))
        {
            var message = await ReceiveAsync(harness);
            var run = Task.Run(() => FunctionOf(first).Run(message, CancellationToken.None));
            try
            {
                await kill.Reached.WaitAsync(Eventually.DefaultTimeout);
                await SettledAsync(step, harness, states, contactId, jobId);
            }
            finally
            {
                kill.Kill(); // whatever the test saw, the held process dies, so it cannot outlive the test
            }
            // Its calls fail from the kill on, so what it still runs ends at once (in a real crash it would not run at all).
            var death = await Record.ExceptionAsync(() => run.WaitAsync(Eventually.DefaultTimeout));
            Assert.NotNull(death);
            Assert.IsNotType<TimeoutException>(death);
        }
        Assert.Equal(JobStatus.Processing, (await harness.Jobs.GetAsync(jobId))!.Status);
        Assert.Equal(patchLandedBeforeKill ? 1 : 0, await LandedPatchesAsync(harness, contactId));

        // The second process gets the message again once it is visible, and finishes the job.
        await harness.Pump.RunUntilIdleAsync();

        Assert.Empty(harness.Pump.Errors);
        Assert.Equal(1, harness.Pump.Processed);
        var job = await harness.Jobs.GetAsync(jobId);
        Assert.Equal(JobStatus.Completed, job!.Status);
        Assert.Equal(reason, job.Reason);
        Assert.Equal(2, job.Attempt);
        Assert.Equal("Construction", await harness.UdfAsync(contactId, "SuperOffice:5"));
        Assert.Equal(1, await LandedPatchesAsync(harness, contactId));
        Assert.Equal(1, await harness.CountAsync("PATCH", $"Contact/{contactId}"));
        Assert.Equal(enrichCalls, await harness.EnrichCallsAsync(contactId));
        var state = await states.GetAsync(contactId);
        Assert.Null(state.LeaseJobId);
        Assert.NotNull(state.CoveredReadAt);
        // Whichever process wrote, the values count as ours, so OverwriteOwn may replace them after the next change.
        Assert.Equal("Construction", state.LastWritten.GetValueOrDefault("SuperOffice:5"));
        Assert.Empty(await harness.Probe.DecodedMessagesAsync(harness.Services.GetRequiredService<StorageNames>().PoisonQueue));
    }

    [Fact]
    public async Task A_state_write_that_fails_after_the_patch_is_tried_again_so_the_lease_is_given_back_and_the_write_recorded()
    {
        await using var harness = await SyncHarness.StartAsync(registerWebhook: false);
        var contactId = await harness.CreateCompanyAsync("Lübecker Bau GmbH");
        var jobId = await EnqueueWebhookJobAsync(harness, contactId);
        var states = harness.Services.GetRequiredService<ContactStateStore>();
        var storage = await Azurite.GetConnectionStringAsync();
        // A new contact's state row is inserted with the lease (a POST to the table) and then updated in place with what
        // was written: the first two updates fail, as a storage outage that outlasted the SDK's own retries would.
        var stateWrites = 0;
        var faults = new FailingStorage(m => IsStateWriteOf(m, contactId) && Interlocked.Increment(ref stateWrites) is 1 or 2);

        await using (var worker = await harness.StartWorkerAsync(services => faults.AddTo(services, storage)))
        {
            var message = await ReceiveAsync(harness);
            await FunctionOf(worker).Run(message, CancellationToken.None);
        }

        Assert.Equal(2, faults.Failed);
        Assert.Equal(JobStatus.Completed, (await harness.Jobs.GetAsync(jobId))!.Status);
        var state = await states.GetAsync(contactId);
        Assert.Null(state.LeaseJobId);
        Assert.Equal("Construction", state.LastWritten.GetValueOrDefault("SuperOffice:5"));
        Assert.Single(state.WriteTimes);
    }

    private static bool IsStateWriteOf(HttpMessage message, int contactId) =>
        message.Request.Method != RequestMethod.Get
        && Uri.UnescapeDataString(message.Request.Uri.ToString()).Contains($"PartitionKey='{ContactStateStore.PartitionKeyFor(contactId)}'", StringComparison.Ordinal);

    private static ProcessKill KillAt(Step step, SyncHarness harness, int contactId, string jobId)
    {
        var contactPath = $"/Contact/{contactId}";
        var explorer = harness.Sandbox.Server.CompanyExplorerBaseUrl.ToString();
        var jobWrites = 0;
        return step switch
        {
            Step.AfterClaim => ProcessKill.BeforeSending(r => r.Method == HttpMethod.Get && r.RequestUri!.AbsolutePath.EndsWith(contactPath, StringComparison.Ordinal)),
            Step.AfterRead => ProcessKill.BeforeSending(r => r.RequestUri!.ToString().StartsWith(explorer, StringComparison.Ordinal)),
            Step.AfterEnrichment => ProcessKill.BeforeSending(r => r.Method == HttpMethod.Patch),
            Step.AfterPatch => ProcessKill.AfterAnswer(r => r.Method == HttpMethod.Patch),
            // The job's row is written twice by a worker: its claim, then its outcome.
            Step.BeforeRecording => ProcessKill.BeforeStorage(m => IsWriteOf(m, jobId) && Interlocked.Increment(ref jobWrites) == 2),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
    }

    private static bool IsWriteOf(HttpMessage message, string jobId) =>
        message.Request.Method != RequestMethod.Get
        && Uri.UnescapeDataString(message.Request.Uri.ToString()).Contains($"PartitionKey='{jobId}'", StringComparison.Ordinal);

    /// <summary>Waits until what the process does alongside the held call has landed, so the kill leaves exactly the step's state.</summary>
    private static async Task SettledAsync(Step step, SyncHarness harness, ContactStateStore states, int contactId, string jobId)
    {
        switch (step)
        {
            case Step.AfterClaim:
                // The contact's GET starts with the table reads: the claim and the lease land while it is held.
                await Eventually.TrueAsync(async () => (await harness.Jobs.GetAsync(jobId))?.Status == JobStatus.Processing
                    && (await states.GetAsync(contactId)).LeaseJobId == jobId, "the job claimed and the contact leased");
                break;
            case Step.BeforeRecording:
                // The contact's state is written alongside the job's outcome.
                await Eventually.TrueAsync(async () => (await states.GetAsync(contactId)) is { LeaseJobId: null, CoveredReadAt: not null, LastWritten.Count: > 0 },
                    "the contact's state recording the write");
                break;
        }
    }

    /// <summary>A webhook's job recorded and queued the way intake does it; the event arrived a second before the worker took it up.</summary>
    private static async Task<string> EnqueueWebhookJobAsync(SyncHarness harness, int contactId)
    {
        var received = DateTimeOffset.UtcNow.AddSeconds(-1);
        var payload = new WebhookPayload(Guid.NewGuid(), "contact.created", contactId, WebhookPayload.ContactEntity, harness.Sandbox.Options.ContextIdentifier,
            12, received, ["name"], SandboxFixture.WebhookName);
        var job = JobRecords.ForWebhook(payload, 0, received);
        var result = await harness.Services.GetRequiredService<SyncJobEnqueuer>().EnqueueAsync(job, TimeSpan.FromSeconds(30));
        Assert.Equal(EnqueueOutcome.Queued, result.Outcome);
        await result.Settled;
        return job.JobId;
    }

    /// <summary>The host's receive for the first process: the message stays invisible for <see cref="Visibility"/>.</summary>
    private static async Task<QueueMessage> ReceiveAsync(SyncHarness harness)
    {
        var queue = harness.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(harness.Services.GetRequiredService<StorageNames>().SyncQueue);
        return await Eventually.GetAsync(async () => (QueueMessage?)(await queue.ReceiveMessageAsync(Visibility)).Value, m => m is not null, "the job's message")
            ?? throw new InvalidOperationException();
    }

    private static ContactSyncFunction FunctionOf(IServiceProvider process) => new(process.GetRequiredService<ContactSyncProcessor>(),
        process.GetRequiredService<JobLifecycle>(), process.GetRequiredService<ILogger<ContactSyncFunction>>());

    /// <summary>PATCHes of the contact the sandbox answered with success: writes that landed.</summary>
    private static async Task<int> LandedPatchesAsync(SyncHarness harness, int contactId) =>
        (await harness.Sandbox.RequestsAsync()).Count(r => r.GetProperty("method").GetString() == "PATCH"
            && r.GetProperty("path").GetString()!.EndsWith($"Contact/{contactId}", StringComparison.Ordinal)
            && r.GetProperty("status").GetInt32() is >= 200 and < 300);
}
