using System.Text.Json;
using Connector.Core.Intake;
using Connector.Core.Jobs;
using Connector.Core.SuperOffice;
using Connector.Core.Watchdog;
using Connector.Functions;
using Connector.Tests.Infrastructure;
using Connector.Tests.Intake;
using Connector.Tests.Sync;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Tests.Watchdog;

/// <summary>
/// The watchdog on real parts: the sandbox over HTTP (webhook API, FindContact, deliveries with retries and
/// TooManyErrors), the real WebhookFunction, Azurite, and the sync worker through the queue pump.
/// </summary>
public sealed class WebhookWatchdogTests
{
    private const int Companies = 25;

    private static Dictionary<string, string> Rename(int id) => new() { ["Name"] = $"Firma {id} umbenannt", ["Urls"] = $"https://firma{id}.example" };

    /// <summary>A company enriched through the webhook before anything goes wrong: intake has accepted events (the last-event mark).</summary>
    private static async Task<int> EnrichOneAsync(SyncHarness harness)
    {
        var contactId = await harness.CreateCompanyAsync("Vorher Verarbeitet GmbH");
        await harness.DeliverAndProcessAsync(contactId);
        await harness.DeliverAndProcessAsync(contactId, changedBy: harness.Sandbox.Options.ApiAssociateId);
        await Eventually.TrueAsync(async () => (await harness.State().GetAsync()).LastEventAt is not null, "intake marked the last event");
        return contactId;
    }

    [Fact]
    public async Task An_outage_is_healed_and_every_company_edited_meanwhile_is_enriched_exactly_once()
    {
        await using var harness = await SyncHarness.StartAsync(sandbox: o =>
        {
            o.CompanyCount = Companies;
            o.WebhookRetryDelaysMs = [20, 20];
        });
        var before = await EnrichOneAsync(harness);

        // The outage: every delivery fails; people go on editing companies.
        await harness.Sandbox.SetWebhookFaultsAsync(new { outageStatus = 503 });
        for (var id = 1; id <= Companies; id++)
        {
            await harness.EditAsync(id, new { fields = Rename(id) });
        }
        await harness.WaitForStateAsync(WebhookReconciliation.TooManyErrors);
        await harness.Sandbox.SetWebhookFaultsAsync(new { endOutage = true });
        var failed = (await harness.Sandbox.DeliveriesAsync()).Count(d => d.GetProperty("status").GetInt32() == 503);
        Assert.True(failed >= 9, $"{failed} failed deliveries");

        var pass = await harness.PassAsync();

        Assert.Equal(WatchdogOutcome.Completed, pass.Outcome);
        Assert.Equal(JobKinds.Watchdog, pass.Job!.Kind);
        Assert.Equal(JobStatus.Completed, pass.Job.Status);
        var details = WatchdogHarness.DetailsOf(pass.Job);
        Assert.Equal("TooManyErrors", details.GetProperty("foundState").GetString());
        Assert.Equal("Update", details.GetProperty("action").GetString());
        Assert.Equal(["State"], details.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Active", details.GetProperty("stateNow").GetString());
        Assert.Equal("Recover", details.GetProperty("recovery").GetString());
        Assert.True(details.GetProperty("windowCompleted").GetBoolean());
        // The 25 edited companies and the one enriched before (our own PATCH changed it inside the window).
        Assert.Equal(Companies + 1, details.GetProperty("queued").GetInt32());
        Assert.Equal("Active", (await harness.WebhookAsync()).GetProperty("State").GetString());

        await harness.Pump.RunUntilIdleAsync(concurrency: 8);
        // The echoes of our writes arrive over the re-enabled webhook and are skipped.
        var echoes = await harness.Sandbox.WaitForDeliveriesAsync(d => d.GetProperty("status").GetInt32() == 200
            && d.GetProperty("changedByAssociateId").GetInt32() == harness.Sandbox.Options.ApiAssociateId
            && d.GetProperty("event").GetString() == "contact.changed" && d.GetProperty("primaryKey").GetInt32() <= Companies, Companies);
        await harness.Pump.RunUntilIdleAsync(concurrency: 8);
        Assert.Empty(harness.Pump.Errors);

        var patches = (await harness.Sandbox.RequestsAsync()).Where(r => r.GetProperty("method").GetString() == "PATCH")
            .GroupBy(r => r.GetProperty("path").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        for (var id = 1; id <= Companies; id++)
        {
            Assert.True(patches.GetValueOrDefault($"/{TestServices.Tenant}/api/v1/Contact/{id}") == 1, $"contact {id}: {patches.GetValueOrDefault($"/{TestServices.Tenant}/api/v1/Contact/{id}")} PATCHes");
            Assert.False(string.IsNullOrEmpty(await harness.UdfAsync(id, "SuperOffice:6")), $"contact {id} has no summary");
        }
        Assert.Equal(1, patches.GetValueOrDefault($"/{TestServices.Tenant}/api/v1/Contact/{before}")); // the recovery found nothing to change
        foreach (var echo in echoes)
        {
            var job = await harness.Jobs.GetAsync(echo.GetProperty("eventId").GetString()!);
            Assert.True(job?.Reason == JobReasons.SelfChange, $"{echo} -> {job}");
        }

        // A second pass after the recovery queues nothing and changes nothing.
        var jobsBefore = (await harness.AllJobsAsync()).Count;
        var writes = (await harness.WebhookWritesAsync()).Count;
        var second = await harness.PassAsync();
        var again = WatchdogHarness.DetailsOf(second.Job!);
        Assert.Equal("None", again.GetProperty("action").GetString());
        Assert.Equal("None", again.GetProperty("recovery").GetString());
        Assert.Equal(jobsBefore + 1, (await harness.AllJobsAsync()).Count);
        Assert.Equal(writes, (await harness.WebhookWritesAsync()).Count);
    }

    [Fact]
    public async Task A_pass_with_nothing_wrong_changes_nothing_and_records_only_its_own_job()
    {
        await using var harness = await SyncHarness.StartAsync();
        await EnrichOneAsync(harness);
        var jobs = await harness.AllJobsAsync();
        var state = await harness.State().GetAsync();
        var writes = (await harness.WebhookWritesAsync()).Count; // the registration

        var pass = await harness.PassAsync();

        Assert.Equal(WatchdogOutcome.Completed, pass.Outcome);
        var details = WatchdogHarness.DetailsOf(pass.Job!);
        Assert.Equal("None", details.GetProperty("action").GetString());
        Assert.Equal("Active", details.GetProperty("foundState").GetString());
        Assert.Equal("None", details.GetProperty("recovery").GetString());
        Assert.Equal(writes, (await harness.WebhookWritesAsync()).Count);
        var after = await harness.AllJobsAsync();
        Assert.Equal(jobs.Select(j => j.JobId).Append(pass.JobId).Order(), after.Select(j => j.JobId).Order());
        Assert.Equal(state, await harness.State().GetAsync());
        Assert.Empty(await harness.Probe.DecodedMessagesAsync());

        // The same occurrence again (a second timer fire) is the same pass: nothing new.
        var repeat = await harness.Watchdog().RunAsync(WatchdogRun.Scheduled(pass.Job!.EventTimestamp!.Value));
        Assert.Equal(WatchdogOutcome.AlreadyHandled, repeat.Outcome);
        Assert.Equal(after.Count, (await harness.AllJobsAsync()).Count);
    }

    [Fact]
    public async Task Silence_while_companies_changed_recovers_the_changes_since_the_last_event()
    {
        await using var harness = await SyncHarness.StartAsync(sandbox: o => o.CompanyCount = 3);
        await EnrichOneAsync(harness);
        // The webhook stays Active but delivers nothing (a target that swallows events): people edit company 2.
        using (var api = await harness.Sandbox.ApiClientAsync())
        {
            var hook = await harness.WebhookAsync();
            var url = FunctionsTestHost.WebhookUrlFor(Azurite.FreePort()).ToString();
            using var moved = await api.PutAsync($"Webhook/{hook.GetProperty("WebhookId").GetInt32()}",
                JsonContent(new { TargetUrl = url }));
            Assert.True(moved.IsSuccessStatusCode);
        }
        await harness.State().RecordEventAsync(DateTimeOffset.UtcNow.AddHours(-3));
        await harness.EditAsync(2, new { fields = Rename(2) });

        var pass = await harness.PassAsync();

        var details = WatchdogHarness.DetailsOf(pass.Job!);
        Assert.Equal(["TargetUrl"], details.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("RecoverIfChanged", details.GetProperty("recovery").GetString());
        Assert.Contains(await harness.Probe.DecodedMessagesAsync(), m => m.Contains("\"contactId\":2", StringComparison.Ordinal));
        Assert.Equal(harness.Host.WebhookUrl.ToString(), (await harness.WebhookAsync()).GetProperty("TargetUrl").GetString());
    }

    [Fact]
    public async Task A_stopped_pass_is_resumed_by_the_next_and_queues_only_what_was_missing()
    {
        await using var harness = await SyncHarness.StartAsync(sandbox: o => o.CompanyCount = 6);
        await EnrichOneAsync(harness);
        for (var id = 1; id <= 6; id++)
        {
            await harness.EditAsync(id, new { fields = Rename(id) });
        }
        // A pass that stopped after recording its window and queueing two of its jobs.
        var window = new RecoveryWindow((await harness.State().GetAsync()).LastEventAt!.Value - RecoveryDecision.Overlap, DateTimeOffset.UtcNow);
        await harness.State().StartRecoveryAsync(window);
        var enqueuer = harness.Services.GetRequiredService<SyncJobEnqueuer>();
        foreach (var id in new[] { 2, 5 })
        {
            await enqueuer.EnqueueAsync(JobRecords.ForManualSync($"recover-{id}-{window.Key}", id, TestServices.Tenant, DateTimeOffset.UtcNow, "test"), TimeSpan.FromSeconds(5));
        }

        var pass = await harness.PassAsync();

        var details = WatchdogHarness.DetailsOf(pass.Job!);
        Assert.Equal("Resume", details.GetProperty("recovery").GetString());
        Assert.Equal(2, details.GetProperty("existing").GetInt32());
        Assert.Equal(details.GetProperty("companies").GetInt32() - 2, details.GetProperty("queued").GetInt32());
        var state = await harness.State().GetAsync();
        Assert.Null(state.PendingRecovery);
        Assert.Equal(window.To, state.RecoveredThrough);
    }

    [Fact]
    public async Task A_new_secret_is_rolled_out_while_the_previous_one_is_still_accepted()
    {
        const string next = "whsec-next-5b7e";
        await using var harness = await SyncHarness.StartAsync(new() { ["Webhook:Secret"] = next, ["Webhook:PreviousSecret"] = TestServices.WebhookSecret },
            sandbox: o => o.CompanyCount = 3);
        // SuperOffice still signs with the old secret, which intake accepts as the previous one.
        var contactId = await harness.CreateCompanyAsync("Alter Schlüssel AG");
        await harness.DeliverAndProcessAsync(contactId);

        var pass = await harness.PassAsync();

        Assert.Equal(["Secret"], WatchdogHarness.DetailsOf(pass.Job!).GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(next, (await harness.WebhookAsync()).GetProperty("Secret").GetString());
        Assert.DoesNotContain(next, pass.Job!.Details!);
        // Events after the roll are signed with the new secret and accepted.
        await harness.EditAsync(1, new { fields = Rename(1) });
        await harness.DeliverAndProcessAsync(1, changedBy: harness.Sandbox.Options.UiAssociateId);
        Assert.Equal("Active", (await harness.WebhookAsync()).GetProperty("State").GetString());
        Assert.Equal("None", WatchdogHarness.DetailsOf((await harness.PassAsync()).Job!).GetProperty("action").GetString());

        // Once Webhook:PreviousSecret is cleared, only the new secret is accepted.
        await using var newOnly = await TestServices.CreateAsync(new Dictionary<string, string?> { ["Webhook:Secret"] = next, ["Webhook:PreviousSecret"] = "" });
        var intake = newOnly.GetRequiredService<WebhookIntake>();
        var body = IntakeHarness.Payload(changedBy: harness.Sandbox.Options.UiAssociateId);
        IntakeRequest Signed(string secret) => new(body, WebhookSignature.Compute(secret, body), false, null);
        Assert.Equal(IntakeOutcome.Queued, (await intake.AcceptAsync(Signed(next))).Outcome);
        Assert.Equal(IntakeRejection.InvalidSignature, (await intake.AcceptAsync(Signed(TestServices.WebhookSecret))).Rejection);
    }

    [Fact]
    public async Task When_SuperOffice_hides_secrets_the_secret_is_set_once_and_then_known_by_its_fingerprint()
    {
        await using var harness = await SyncHarness.StartAsync(sandbox: o =>
        {
            o.CompanyCount = 3;
            o.WebhookHideSecrets = true;
        });
        await EnrichOneAsync(harness);

        var first = WatchdogHarness.DetailsOf((await harness.PassAsync()).Job!);
        var second = WatchdogHarness.DetailsOf((await harness.PassAsync()).Job!);

        Assert.Equal(["Secret"], first.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("None", second.GetProperty("action").GetString());
        var fingerprint = (await harness.State().GetAsync()).SecretFingerprint;
        Assert.True(SecretFingerprint.Matches(fingerprint, TestServices.WebhookSecret));
        Assert.DoesNotContain(TestServices.WebhookSecret, fingerprint!);
    }

    [Fact]
    public async Task Missing_rights_give_a_failed_watchdog_job_that_says_so_not_an_exception()
    {
        await using var harness = await SyncHarness.StartAsync(sandbox: o => o.CompanyCount = 1);
        await harness.Sandbox.SetWebhookFaultsAsync(new { apiForbidden = true });
        var function = new WebhookWatchdogFunction(harness.Watchdog(), harness.Services.GetRequiredService<ILogger<WebhookWatchdogFunction>>());

        await function.Run(new TimerInfo(), CancellationToken.None);
        await function.Run(new TimerInfo(), CancellationToken.None);

        var jobs = (await harness.AllJobsAsync()).Where(j => j.Kind == JobKinds.Watchdog).ToList();
        var job = Assert.Single(jobs); // both fires are one occurrence: the failed pass ran once more, not twice in parallel
        Assert.Equal(JobStatus.Failed, job.Status);
        Assert.Equal(WebhookWatchdog.ApiRefusedReason, job.Reason);
        Assert.Contains("403", job.Message);
        Assert.Contains("right", job.Message);
        Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Error && e.Text.Contains(WebhookWatchdog.ApiRefusedReason, StringComparison.Ordinal));
        Assert.DoesNotContain(TestServices.WebhookSecret, harness.Logs.AllText);
    }

    [Fact]
    public async Task A_pass_that_cannot_reach_storage_is_logged_not_thrown()
    {
        var hook = new StorageRequestHook(_ => true, before: _ => throw new Azure.RequestFailedException(503, "Storage is down (test)."));
        var tables = await hook.TableServiceAsync();
        var logs = new CapturingLoggerProvider();
        await using var services = await TestServices.CreateAsync(configure: s => s.AddSingleton(tables), logs: logs);
        var function = new WebhookWatchdogFunction(services.GetRequiredService<WebhookWatchdog>(), services.GetRequiredService<ILogger<WebhookWatchdogFunction>>());

        await function.Run(new TimerInfo(), CancellationToken.None);

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Text.Contains("could not start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_target_url_key_never_reaches_a_job_or_a_log()
    {
        // The host's URL with its function key in ?code=, as in Azure.
        const string key = FunctionsTestHost.FunctionKey;
        await using var harness = await SyncHarness.StartAsync(sandbox: o => o.CompanyCount = 1, registerWebhook: false);
        var options = harness.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Connector.Core.Configuration.WebhookOptions>>();
        Assert.Contains("code=" + key, options.CurrentValue.TargetUrl);

        var pass = await harness.PassAsync();

        Assert.Equal("Create", WatchdogHarness.DetailsOf(pass.Job!).GetProperty("action").GetString());
        Assert.Equal(harness.Host.WebhookUrl.ToString(), (await harness.WebhookAsync()).GetProperty("TargetUrl").GetString());
        Assert.DoesNotContain(key, pass.Job!.Details!);
        Assert.Contains("code=********", pass.Job.Details!);
        Assert.DoesNotContain(key, harness.Logs.AllText);
    }

    private static StringContent JsonContent(object value) =>
        new(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");
}
