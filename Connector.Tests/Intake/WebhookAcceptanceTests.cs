using System.Text.Json;
using Azure.Storage.Queues;
using Connector.Core.Configuration;
using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Core.SuperOffice;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connector.Tests.Intake;

/// <summary>Accepted deliveries through the real function on Azurite.</summary>
public sealed class WebhookAcceptanceTests
{
    [Fact]
    public async Task A_signed_event_becomes_one_queued_job_and_one_decodable_message()
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var eventId = Guid.NewGuid();
        var before = DateTimeOffset.UtcNow;

        var response = await harness.PostSignedAsync(IntakeHarness.Payload(eventId, contactId: 4711), retry: "2");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("Queued", response.Json.GetProperty("status").GetString());
        var jobId = response.Json.GetProperty("jobId").GetString()!;
        Assert.Equal(eventId.ToString(), jobId);

        var job = await harness.Probe.JobAsync(jobId);
        Assert.NotNull(job);
        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Equal("contact.changed", job.Event);
        Assert.Equal(4711, job.ContactId);
        Assert.Equal(2, job.DeliveryRetry);
        Assert.InRange(job.ReceivedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.NotNull(job.QueuedAt);
        Assert.Single(await harness.Probe.JobRowsAsync());

        var message = Assert.Single(await harness.Probe.DecodedMessagesAsync());
        var decoded = SyncQueue.Deserialize(message);
        Assert.Equal(jobId, decoded.JobId);
        Assert.Equal(4711, decoded.ContactId);
        Assert.Equal("contact.changed", decoded.Event);
        Assert.Equal(["contact_id", "name", "updated"], decoded.Changes);
    }

    [Fact]
    public async Task The_answer_does_not_wait_for_the_queued_mark_and_the_host_finishes_it_after_the_response()
    {
        var markGate = new TaskCompletionSource();
        // Holds back every merge on the jobs table: the one write intake does after the message is sent.
        var hook = new StorageRequestHook(m => m.Request.Method == Azure.Core.RequestMethod.Patch, before: _ => markGate.Task);
        var tables = await hook.TableServiceAsync();
        await using var harness = await IntakeHarness.CreateAsync(configure: services => services.AddSingleton(tables));
        var body = IntakeHarness.Payload(contactId: 4712);
        var request = HttpTestRequest.Create("POST", body, IntakeHarness.SignedHeaders(body));

        string jobId;
        Task completing;
        try
        {
            var response = await HttpTestRequest.ExecuteAsync(await harness.Function.Run(request, CancellationToken.None));

            // Answered while the mark is still held: the event is already safe (job recorded, message sent).
            Assert.Equal(200, response.StatusCode);
            Assert.Equal("Queued", response.Json.GetProperty("status").GetString());
            jobId = response.Json.GetProperty("jobId").GetString()!;
            Assert.Single(await harness.Probe.DecodedMessagesAsync());
            Assert.Equal(JobStatus.Received, (await harness.Probe.JobAsync(jobId))!.Status);

            // The host runs the response's OnCompleted callbacks; the function registered the mark there. The
            // callbacks have started when CompleteAsync returns, so had none waited for the mark it would be complete.
            completing = HttpTestRequest.CompleteAsync(request);
            Assert.False(completing.IsCompleted);
        }
        finally
        {
            markGate.TrySetResult(); // the held write goes on whatever the test saw, so it cannot outlive the test
        }
        await completing.WaitAsync(Eventually.DefaultTimeout);
        var job = await harness.Probe.JobAsync(jobId);
        Assert.Equal(JobStatus.Queued, job!.Status);
        Assert.NotNull(job.QueuedAt);
        Assert.Single(await harness.Probe.DecodedMessagesAsync());
    }

    [Theory]
    [InlineData("valid")]
    [InlineData("rotated")]
    [InlineData("non-ascii")]
    [InlineData("trailing-newline")]
    public async Task The_openssl_fixtures_are_accepted(string name)
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var fixture = WebhookFixtures.All[name];
        var response = await harness.PostAsync(fixture.Body, new Dictionary<string, string> { [WebhookSignature.HeaderName] = fixture.Signature });
        Assert.Equal(200, response.StatusCode);
        Assert.Single(await harness.Probe.DecodedMessagesAsync());
    }

    [Fact]
    public async Task The_test_event_is_answered_without_a_job()
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var body = IntakeHarness.Payload(evt: "test", contactId: 0, tenant: "Default", change: j => j["Entity"] = "test");
        var response = await harness.PostSignedAsync(body);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("TestEvent", response.Json.GetProperty("status").GetString());
        Assert.Empty(await harness.Probe.JobRowsAsync());
        Assert.Empty(await harness.Probe.DecodedMessagesAsync());
    }

    [Fact]
    public async Task The_hook_test_header_is_answered_without_a_job()
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var body = IntakeHarness.Payload();
        var headers = IntakeHarness.SignedHeaders(body);
        headers["X-Hook-Test"] = "true";
        var response = await harness.PostAsync(body, headers);
        Assert.Equal(200, response.StatusCode);
        Assert.Empty(await harness.Probe.JobRowsAsync());
        Assert.Empty(await harness.Probe.DecodedMessagesAsync());
    }

    /// <summary>Answered 200 <c>EventIgnored</c>, and nothing written: no job row, no queue message.</summary>
    private static async Task AssertIgnoredAsync(IntakeHarness harness, HttpTestRequest.Executed response)
    {
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("EventIgnored", response.Json.GetProperty("status").GetString());
        Assert.Empty(await harness.Probe.JobRowsAsync());
        Assert.Empty(await harness.Probe.DecodedMessagesAsync());
    }

    [Fact]
    public async Task An_event_not_listed_is_answered_and_logged_without_a_job()
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var response = await harness.PostSignedAsync(IntakeHarness.Payload(evt: "contact.deleted"));
        await AssertIgnoredAsync(harness, response);
        Assert.Contains(harness.Logs.Entries, e => e.Text.Contains("contact.deleted") && e.Text.Contains("ignored"));
    }

    [Fact]
    public async Task Webhook_Events_setting_decides_which_events_become_jobs()
    {
        await using var harness = await IntakeHarness.CreateAsync(new Dictionary<string, string?> { ["Webhook:Events"] = "contact.created" });
        Assert.Equal("EventIgnored", (await harness.PostSignedAsync(IntakeHarness.Payload(evt: "contact.changed"))).Json.GetProperty("status").GetString());
        Assert.Equal("Queued", (await harness.PostSignedAsync(IntakeHarness.Payload(evt: "contact.created"))).Json.GetProperty("status").GetString());
        Assert.Single(await harness.Probe.DecodedMessagesAsync());
    }

    [Fact]
    public async Task Our_own_change_is_recorded_as_skipped_and_not_queued()
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var response = await harness.PostSignedAsync(IntakeHarness.Payload(changedBy: TestServices.ApiAssociateId));
        Assert.Equal(200, response.StatusCode);
        var job = await harness.Probe.JobAsync(response.Json.GetProperty("jobId").GetString()!);
        Assert.NotNull(job);
        Assert.Equal(JobStatus.Skipped, job.Status);
        Assert.Equal(JobReasons.SelfChange, job.Reason);
        Assert.Empty(await harness.Probe.DecodedMessagesAsync());
    }

    [Fact]
    public async Task A_company_created_by_the_api_user_is_queued_while_its_echo_is_still_skipped()
    {
        await using var harness = await IntakeHarness.CreateAsync();

        // contact.created by the API user: the CLI's create-company, whose webhook is what starts the enrichment.
        var created = await harness.PostSignedAsync(IntakeHarness.Payload(evt: "contact.created", contactId: 4713, changedBy: TestServices.ApiAssociateId));
        Assert.Equal(200, created.StatusCode);
        Assert.Equal("Queued", created.Json.GetProperty("status").GetString());
        var job = await harness.Probe.JobAsync(created.Json.GetProperty("jobId").GetString()!);
        Assert.NotNull(job);
        Assert.Contains(job.Status, new[] { JobStatus.Received, JobStatus.Queued });
        Assert.Null(job.Reason);
        var message = SyncQueue.Deserialize(Assert.Single(await harness.Probe.DecodedMessagesAsync()));
        Assert.Equal(job.JobId, message.JobId);
        Assert.Equal("contact.created", message.Event);
        Assert.Equal(TestServices.ApiAssociateId, message.ChangedByAssociateId);

        // The echo of our own PATCH (contact.changed by the same associate) is still recorded as Skipped and not queued.
        var changed = await harness.PostSignedAsync(IntakeHarness.Payload(evt: "contact.changed", contactId: 4713, changedBy: TestServices.ApiAssociateId));
        Assert.Equal(200, changed.StatusCode);
        Assert.Equal("SelfChange", changed.Json.GetProperty("status").GetString());
        var echo = await harness.Probe.JobAsync(changed.Json.GetProperty("jobId").GetString()!);
        Assert.Equal(JobStatus.Skipped, echo!.Status);
        Assert.Equal(JobReasons.SelfChange, echo.Reason);
        Assert.Single(await harness.Probe.DecodedMessagesAsync());
    }

    [Fact]
    public async Task An_event_about_another_entity_is_answered_as_ignored_without_a_job()
    {
        await using var harness = await IntakeHarness.CreateAsync();
        // A listed event name, but the entity is a person: its PrimaryKey is no contact id.
        var response = await harness.PostSignedAsync(IntakeHarness.Payload(evt: "contact.changed", contactId: 77, change: j => j["Entity"] = "person"));
        await AssertIgnoredAsync(harness, response);
        Assert.Contains(harness.Logs.Entries, e => e.Text.Contains("person") && e.Text.Contains("ignored"));
    }

    [Fact]
    public async Task A_person_event_is_ignored_even_when_Webhook_Events_lists_it()
    {
        // The validator refuses person.changed at start-up; intake must not rely on that alone.
        await using var harness = await IntakeHarness.CreateAsync(
            new Dictionary<string, string?> { ["Webhook:Events"] = "contact.created,contact.changed,person.changed" },
            services => services.RemoveAll<IValidateOptions<WebhookOptions>>());
        var response = await harness.PostSignedAsync(IntakeHarness.Payload(evt: "person.changed", contactId: 77, change: j => j["Entity"] = "person"));
        await AssertIgnoredAsync(harness, response);
    }

    [Fact]
    public async Task The_prototype_setting_name_for_the_api_user_works()
    {
        await using var harness = await IntakeHarness.CreateAsync(new Dictionary<string, string?>
        {
            ["SuperOffice:ApiAssociateId"] = null,
            ["SO_API_ASSOCIATE_ID"] = "777",
        });
        var response = await harness.PostSignedAsync(IntakeHarness.Payload(changedBy: 777));
        Assert.Equal("SelfChange", response.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_repeated_delivery_writes_nothing_new()
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var body = IntakeHarness.Payload();
        var first = await harness.PostSignedAsync(body);
        var second = await harness.PostSignedAsync(body, retry: "1");
        Assert.Equal(200, second.StatusCode);
        Assert.Equal("Queued", first.Json.GetProperty("status").GetString());
        Assert.Equal("Duplicate", second.Json.GetProperty("status").GetString());
        Assert.Single(await harness.Probe.JobRowsAsync());
        Assert.Single(await harness.Probe.DecodedMessagesAsync());
    }

    [Fact]
    public async Task Twenty_concurrent_copies_give_exactly_one_job_and_one_message()
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var body = IntakeHarness.Payload();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => harness.PostSignedAsync(body))));
        Assert.All(responses, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(1, responses.Count(r => r.Json.GetProperty("status").GetString() == "Queued"));
        Assert.Single(await harness.Probe.JobRowsAsync());
        Assert.Single(await harness.Probe.DecodedMessagesAsync());
    }

    [Fact]
    public async Task A_failed_queue_write_is_completed_by_the_retry_of_the_same_event()
    {
        var settings = new Dictionary<string, string?>();
        var names = TestServices.UniqueNames();
        var body = IntakeHarness.Payload();

        // First delivery: the table write succeeds, the queue is unreachable (connection refused).
        await using (var broken = await IntakeHarness.CreateAsync(settings, services =>
        {
            services.AddSingleton(names);
            services.AddSingleton(new QueueServiceClient(
                Azurite.ConnectionString(1, Azurite.FreePort(), 1),
                new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64, Retry = { MaxRetries = 0 } }));
        }))
        {
            var failed = await broken.PostSignedAsync(body);
            Assert.Equal(503, failed.StatusCode);
            var row = Assert.Single(await broken.Probe.JobRowsAsync());
            Assert.Equal("Received", row.GetString("Status"));
        }

        // SuperOffice retries the same EventId: the job is completed, not dropped as a duplicate.
        await using var healthy = await IntakeHarness.CreateAsync(settings, services => services.AddSingleton(names));
        var retried = await healthy.PostSignedAsync(body, retry: "1");
        Assert.Equal(200, retried.StatusCode);
        Assert.Equal("Queued", retried.Json.GetProperty("status").GetString());
        Assert.Equal(JobStatus.Queued, (await healthy.Probe.JobAsync(retried.Json.GetProperty("jobId").GetString()!))!.Status);
        Assert.Single(await healthy.Probe.DecodedMessagesAsync());
    }

    [Fact]
    public async Task A_process_that_died_between_the_two_writes_is_completed_by_the_retry()
    {
        await using var harness = await IntakeHarness.CreateAsync(new Dictionary<string, string?> { ["Webhook:ClaimTimeoutSeconds"] = "1" });
        var eventId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        // What a delivery leaves behind when the process dies right after the table insert: a claimed, unqueued job.
        await harness.Services.GetRequiredService<JobStore>().TryAddAsync(new JobRecord
        {
            JobId = JobRecords.WebhookJobId(eventId),
            Kind = JobKinds.ContactSync,
            Status = JobStatus.Received,
            Event = "contact.changed",
            ContactId = 994863,
            ReceivedAt = now,
            UpdatedAt = now,
            ClaimedUntil = now.AddSeconds(1),
        });

        var retried = await harness.PostSignedAsync(IntakeHarness.Payload(eventId), retry: "1");

        Assert.Equal(200, retried.StatusCode);
        Assert.Equal("Queued", retried.Json.GetProperty("status").GetString());
        var job = await harness.Probe.JobAsync(JobRecords.WebhookJobId(eventId));
        Assert.Equal(JobStatus.Queued, job!.Status);
        Assert.Equal(1, job.DeliveryRetry);
        Assert.Single(await harness.Probe.DecodedMessagesAsync());
    }

    [Fact]
    public async Task Unsigned_webhooks_are_accepted_only_when_explicitly_allowed()
    {
        await using var harness = await IntakeHarness.CreateAsync(new Dictionary<string, string?>
        {
            ["Webhook:Secret"] = null,
            ["Webhook:PreviousSecret"] = null,
            ["Webhook:AllowUnsigned"] = "true",
        });
        var response = await harness.PostAsync(IntakeHarness.Payload(), headers: null);
        Assert.Equal(200, response.StatusCode);
        Assert.Single(await harness.Probe.DecodedMessagesAsync());
    }

    [Fact]
    public async Task The_job_endpoint_returns_the_record_and_404_for_an_unknown_id()
    {
        await using var harness = await IntakeHarness.CreateAsync();
        var accepted = await harness.PostSignedAsync(IntakeHarness.Payload(contactId: 31));
        var jobId = accepted.Json.GetProperty("jobId").GetString()!;
        var jobs = new Connector.Functions.JobsFunction(harness.Services.GetRequiredService<JobStore>(), harness.Services.GetRequiredService<JobReplayer>());

        var found = await HttpTestRequest.ExecuteAsync(await jobs.Get(HttpTestRequest.Create("GET"), jobId, CancellationToken.None));
        Assert.Equal(200, found.StatusCode);
        Assert.Equal(jobId, found.Json.GetProperty("jobId").GetString());
        Assert.Equal("Queued", found.Json.GetProperty("status").GetString());
        Assert.Equal(31, found.Json.GetProperty("contactId").GetInt32());
        Assert.False(found.Json.TryGetProperty("claimedUntil", out _));

        var missing = await HttpTestRequest.ExecuteAsync(await jobs.Get(HttpTestRequest.Create("GET"), Guid.NewGuid().ToString(), CancellationToken.None));
        Assert.Equal(404, missing.StatusCode);
        Assert.StartsWith("application/problem+json", missing.ContentType);

        var invalid = await HttpTestRequest.ExecuteAsync(await jobs.Get(HttpTestRequest.Create("GET"), "a/b", CancellationToken.None));
        Assert.Equal(404, invalid.StatusCode);
    }
}
