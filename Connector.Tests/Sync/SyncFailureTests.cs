using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Core.Sync;
using Connector.Functions;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.Tests.Sync;

/// <summary>Transient and permanent failures, poison and replay, end to end on the sandbox.</summary>
public sealed class SyncFailureTests
{
    [Fact]
    public async Task A_transient_failure_is_retried_after_a_delay_and_then_succeeds()
    {
        await using var harness = await SyncHarness.StartAsync();
        await harness.Sandbox.AdminSendAsync(HttpMethod.Put, "companyexplorer", new { pendingCount = 1, failStatus = 0, retryAfterSeconds = 1 });
        var contactId = await harness.CreateCompanyAsync("Lübecker Bau GmbH");
        await harness.DeliverAndProcessAsync(contactId);

        var job = Assert.Single(await harness.JobsForAsync(contactId), j => j.Event == "contact.created");
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal(2, job.Attempt);
        Assert.Equal(2, await harness.EnrichCallsAsync(contactId));
        Assert.Equal("Construction", await harness.UdfAsync(contactId, "SuperOffice:5"));
        Assert.Contains(harness.Logs.Entries, e => e.Text.Contains("failed transiently") && e.Text.Contains("still analysing"));
    }

    [Fact]
    public async Task A_permanent_failure_ends_the_job_at_once()
    {
        await using var harness = await SyncHarness.StartAsync(new() { ["CompanyExplorer:ApiKey"] = "a-wrong-key" });
        var contactId = await harness.CreateCompanyAsync("Rostocker Freizeit GmbH");
        await harness.DeliverAndProcessAsync(contactId);

        var job = Assert.Single(await harness.JobsForAsync(contactId));
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal("EnrichmentFailed", job.Reason);
        Assert.Equal(1, job.Attempt);
        Assert.Contains("401", job.Message);
        Assert.Empty(await harness.Probe.DecodedMessagesAsync(harness.Services.GetRequiredService<Connector.Core.Storage.StorageNames>().PoisonQueue));
    }

    [Fact]
    public async Task A_contact_that_does_not_exist_is_skipped_without_retry()
    {
        await using var harness = await SyncHarness.StartAsync(registerWebhook: false);
        var now = DateTimeOffset.UtcNow;
        await harness.Jobs.TryAddAsync(new JobRecord
        {
            JobId = "missing-contact", Kind = JobKinds.ContactSync, Status = JobStatus.Queued, Event = "contact.created",
            ContactId = 987654, ReceivedAt = now, UpdatedAt = now,
        });
        await harness.Services.GetRequiredService<SyncQueue>().SendAsync(new SyncMessage("missing-contact", 987654, "contact.created", now, ["name"], 12, "Cust12345"));
        await harness.Pump.RunUntilIdleAsync();

        var job = await harness.Jobs.GetAsync("missing-contact");
        Assert.Equal(JobStatus.Skipped, job!.Status);
        Assert.Equal(JobReasons.ContactNotFound, job.Reason);
        Assert.Equal(1, job.Attempt);
        Assert.Equal(1, await harness.CountAsync("GET", "Contact/987654"));
    }

    [Fact]
    public async Task A_job_refused_by_the_open_SuperOffice_circuit_waits_for_the_break_instead_of_spending_its_attempts()
    {
        // No retry delay of its own: before the fix every attempt went to the open circuit within milliseconds.
        await using var harness = await SyncHarness.StartAsync(new()
        {
            ["Sync:MaxAttempts"] = "3",
            ["Sync:RetryBaseDelaySeconds"] = "0",
            ["SuperOffice:Http:MaxRetryAttempts"] = "1",
            ["SuperOffice:Http:CircuitBreakerMinimumThroughput"] = "2",
            ["SuperOffice:Http:CircuitBreakerBreakSeconds"] = "3",
        });
        var contactId = await harness.CreateCompanyAsync("Kieler Bau GmbH");
        var client = harness.Services.GetRequiredService<Connector.Core.SuperOffice.SuperOfficeClient>();
        await client.GetContactAsync(contactId);
        await harness.Sandbox.SetFaultsAsync(new { serverErrorShare = 1.0 });
        var refused = await Assert.ThrowsAsync<Connector.Core.SuperOffice.SuperOfficeApiException>(() => client.GetContactAsync(contactId));
        Assert.IsType<Polly.CircuitBreaker.BrokenCircuitException>(refused.InnerException);
        Assert.Equal(TimeSpan.FromSeconds(3), refused.RetryAfter);

        // SuperOffice keeps failing until the job has met the circuit and is waiting to try again; then it recovers.
        var processing = harness.DeliverAndProcessAsync(contactId);
        await Eventually.TrueAsync(async () => (await harness.JobsForAsync(contactId)).Any(j => j.Status is JobStatus.Retrying or JobStatus.Failed),
            "the job's first attempt refused");
        await harness.Sandbox.SetFaultsAsync(new { serverErrorShare = 0.0 });
        await processing;

        var job = Assert.Single(await harness.JobsForAsync(contactId), j => j.Event == "contact.created");
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.InRange(job.Attempt, 2, 3);
        Assert.Equal("Construction", await harness.UdfAsync(contactId, "SuperOffice:5"));
    }

    [Fact]
    public async Task After_the_last_attempt_the_job_fails_into_poison_and_a_replay_completes_it()
    {
        await using var harness = await SyncHarness.StartAsync(new() { ["Sync:MaxAttempts"] = "2" });
        await harness.Sandbox.AdminSendAsync(HttpMethod.Put, "companyexplorer", new { pendingCount = 100, failStatus = 0, retryAfterSeconds = 0 });
        var contactId = await harness.CreateCompanyAsync("Flensburger Software GmbH");
        await harness.DeliverAndProcessAsync(contactId);

        var job = Assert.Single(await harness.JobsForAsync(contactId));
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal("RetriesExhausted", job.Reason);
        Assert.Equal(2, job.Attempt);
        var names = harness.Services.GetRequiredService<Connector.Core.Storage.StorageNames>();
        var poisoned = SyncQueue.Deserialize(Assert.Single(await harness.Probe.DecodedMessagesAsync(names.PoisonQueue)));
        Assert.Equal(job.JobId, poisoned.JobId);

        // Company Explorer has finished; the operator replays the job through the endpoint.
        await harness.Sandbox.AdminSendAsync(HttpMethod.Put, "companyexplorer", new { pendingCount = 0, failStatus = 0, retryAfterSeconds = 0 });
        var jobs = new JobsFunction(harness.Jobs, harness.Services.GetRequiredService<JobReplayer>());
        var replayed = await HttpTestRequest.ExecuteAsync(await jobs.Replay(HttpTestRequest.Create("POST"), job.JobId, CancellationToken.None));
        Assert.Equal(200, replayed.StatusCode);
        Assert.Equal("Queued", replayed.Json.GetProperty("status").GetString());
        var again = await HttpTestRequest.ExecuteAsync(await jobs.Replay(HttpTestRequest.Create("POST"), job.JobId, CancellationToken.None));
        Assert.Equal(409, again.StatusCode);

        await harness.Pump.RunUntilIdleAsync();
        var done = await harness.Jobs.GetAsync(job.JobId);
        Assert.Equal(JobStatus.Completed, done!.Status);
        Assert.Equal("Software", await harness.UdfAsync(contactId, "SuperOffice:5"));
    }

    [Fact]
    public async Task An_unexpected_error_on_the_hosts_last_delivery_fails_the_job_whatever_Sync_MaxAttempts_says()
    {
        // Sync:MaxAttempts counts the worker's own delayed retries; the host gives up after maxDequeueCount deliveries.
        await using var harness = await SyncHarness.StartAsync(new() { ["Sync:MaxAttempts"] = "10" }, configure: services =>
        {
            services.RemoveAll<IContactGateway>();
            services.AddSingleton<SuperOfficeContactGateway>();
            services.AddSingleton<IContactGateway>(sp => new FailingWrites(sp.GetRequiredService<SuperOfficeContactGateway>()));
        });
        var contactId = await harness.CreateCompanyAsync("Husumer Technik GmbH");
        await harness.DeliverAndProcessAsync(contactId);

        var job = Assert.Single(await harness.JobsForAsync(contactId));
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal("Error", job.Reason);
        Assert.Contains("a bug in the write", job.Message);
        var names = harness.Services.GetRequiredService<Connector.Core.Storage.StorageNames>();
        Assert.Equal(job.JobId, SyncQueue.Deserialize(Assert.Single(await harness.Probe.DecodedMessagesAsync(names.PoisonQueue))).JobId);
    }

    /// <summary>The real gateway, except that every write fails with an error nobody classified.</summary>
    private sealed class FailingWrites(IContactGateway inner) : IContactGateway
    {
        public Task<SyncContact?> GetContactAsync(int contactId, CancellationToken cancellationToken) => inner.GetContactAsync(contactId, cancellationToken);

        public Task<UdfWriteOutcome> WriteUdfsAsync(int contactId, IReadOnlyList<Connector.Core.SuperOffice.UdfWrite> writes, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a bug in the write");

        public Task<IReadOnlyList<UdfTarget>> GetUdfLayoutAsync(CancellationToken cancellationToken) => inner.GetUdfLayoutAsync(cancellationToken);

        public string Encode(UdfTarget target, string value) => inner.Encode(target, value);
    }
}
