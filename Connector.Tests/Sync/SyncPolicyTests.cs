using System.Text.Json;
using Connector.Core.Jobs;
using Connector.Core.Sync;
using Connector.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Sync;

/// <summary>Overwrite policies, the malformed-UDF tenant, coalescing and dry runs, end to end on the sandbox.</summary>
public sealed class SyncPolicyTests
{
    private static JsonElement Details(JobRecord job) => JsonDocument.Parse(job.Details!).RootElement;

    [Fact]
    public async Task The_malformed_udf_tenant_completes_without_a_loop()
    {
        await using var harness = await SyncHarness.StartAsync(sandbox: o => o.MalformedUdfs = true);
        var contactId = await harness.CreateCompanyAsync("Bergen Bau AS");
        await harness.DeliverAndProcessAsync(contactId);
        await harness.DeliverAndProcessAsync(contactId, changedBy: harness.Sandbox.Options.ApiAssociateId);

        // A person renames the company: the worker cannot read the UDFs, but it wrote these values itself and stops.
        await harness.EditAsync(contactId, new { fields = new Dictionary<string, string> { ["Name"] = "Bergen Bau AS (Bergen)" } });
        await harness.DeliverAndProcessAsync(contactId, count: 1, changedBy: harness.Sandbox.Options.UiAssociateId);

        Assert.Equal("Construction", await harness.UdfAsync(contactId, "SuperOffice:5"));
        Assert.Equal(1, await harness.CountAsync("PATCH", $"Contact/{contactId}"));
        var jobs = await harness.JobsForAsync(contactId);
        var first = Assert.Single(jobs, j => j.Event == "contact.created");
        Assert.Equal(JobStatus.Completed, first.Status);
        Assert.Equal(2, Details(first).GetProperty("written").GetArrayLength());
        var rename = Assert.Single(jobs, j => j.Event == "contact.changed" && j.ChangedByAssociateId == harness.Sandbox.Options.UiAssociateId);
        Assert.Equal(JobReasons.NoChange, rename.Reason);
        // The sandbox's malformed values (nested objects, arrays, null, numbers) are salvaged where they can be; what
        // cannot be read counts as unknown, and a value we wrote ourselves is not written again under FillEmpty.
        Assert.All(Details(rename).GetProperty("kept").EnumerateArray(),
            k => Assert.Contains(k.GetProperty("why").GetString(), new[] { "Unchanged", "AlreadyWritten", "OwnValueKept" }));
        Assert.Empty(harness.Pump.Errors);
    }

    [Fact]
    public async Task Targets_named_by_label_are_written_and_compared_by_their_ProgId()
    {
        await using var harness = await SyncHarness.StartAsync(new() { ["Sync:FieldMap"] = "vertical=Branche (KI);summary=Zusammenfassung (KI)" });
        var contactId = await harness.CreateCompanyAsync("Lübecker Handel GmbH", new Dictionary<string, string> { ["SuperOffice:5"] = "Handel (von Hand)" });
        await harness.DeliverAndProcessAsync(contactId);

        // FillEmpty finds the hand-typed vertical under its ProgId and keeps it; the summary goes to SuperOffice:6.
        Assert.Equal("Handel (von Hand)", await harness.UdfAsync(contactId, "SuperOffice:5"));
        Assert.False(string.IsNullOrEmpty(await harness.UdfAsync(contactId, "SuperOffice:6")));
        var job = Assert.Single(await harness.JobsForAsync(contactId), j => j.Event == "contact.created");
        Assert.Equal(JobStatus.Completed, job.Status);
        var written = Assert.Single(Details(job).GetProperty("written").EnumerateArray());
        Assert.Contains("SuperOffice:6", written.GetRawText());
        Assert.Contains(Details(job).GetProperty("kept").EnumerateArray(), k => k.GetProperty("why").GetString() == "HandTyped");
    }

    [Fact]
    public async Task A_company_the_API_user_creates_is_enriched_and_only_the_echo_of_our_write_is_skipped()
    {
        await using var harness = await SyncHarness.StartAsync();
        var created = await harness.Services.GetRequiredService<Connector.Core.SuperOffice.SuperOfficeClient>()
            .CreateContactAsync(new Connector.Core.SuperOffice.NewContact { Name = "Emder Werft GmbH", Urls = [new("https://example.test")] });
        var api = harness.Sandbox.Options.ApiAssociateId;
        await harness.DeliverAndProcessAsync(created.ContactId, changedBy: api);
        await harness.DeliverAndProcessAsync(created.ContactId, changedBy: api);

        var jobs = await harness.JobsForAsync(created.ContactId);
        var create = Assert.Single(jobs, j => j.Event == "contact.created");
        Assert.Equal(JobStatus.Completed, create.Status);
        Assert.False(string.IsNullOrEmpty(await harness.UdfAsync(created.ContactId, "SuperOffice:5")));
        var echo = Assert.Single(jobs, j => j.Event == "contact.changed");
        Assert.Equal(JobReasons.SelfChange, echo.Reason);
        Assert.Equal(1, await harness.CountAsync("PATCH", $"Contact/{created.ContactId}"));
    }

    [Fact]
    public async Task FillEmpty_keeps_a_hand_typed_value()
    {
        await using var harness = await SyncHarness.StartAsync();
        var contactId = await harness.CreateCompanyAsync("Tromsø Software AS", new Dictionary<string, string> { ["SuperOffice:5"] = "Handel (von Hand)" });
        await harness.DeliverAndProcessAsync(contactId);

        Assert.Equal("Handel (von Hand)", await harness.UdfAsync(contactId, "SuperOffice:5"));
        Assert.False(string.IsNullOrEmpty(await harness.UdfAsync(contactId, "SuperOffice:6")));
        var job = Assert.Single(await harness.JobsForAsync(contactId), j => j.Event == "contact.created");
        Assert.Contains(Details(job).GetProperty("kept").EnumerateArray(), k => k.GetProperty("why").GetString() == "HandTyped");
    }

    [Fact]
    public async Task OverwriteOwn_replaces_our_own_old_value_but_not_a_hand_typed_one()
    {
        await using var harness = await SyncHarness.StartAsync(new() { ["Sync:Overwrite"] = "OverwriteOwn" });
        var contactId = await harness.CreateCompanyAsync("Kieler Freizeit KG", new Dictionary<string, string> { ["SuperOffice:6"] = "Notiz vom Vertrieb" });
        await harness.DeliverAndProcessAsync(contactId);
        await harness.DeliverAndProcessAsync(contactId, changedBy: harness.Sandbox.Options.ApiAssociateId);
        Assert.Equal("Leisure", await harness.UdfAsync(contactId, "SuperOffice:5"));

        // The company becomes a software house: the enrichment changes, and our own old vertical may be replaced.
        await harness.EditAsync(contactId, new { fields = new Dictionary<string, string> { ["Name"] = "Kieler Software KG" } });
        await harness.DeliverAndProcessAsync(contactId, count: 1, changedBy: harness.Sandbox.Options.UiAssociateId);

        Assert.Equal("Software", await harness.UdfAsync(contactId, "SuperOffice:5"));
        Assert.Equal("Notiz vom Vertrieb", await harness.UdfAsync(contactId, "SuperOffice:6"));
    }

    [Fact]
    public async Task Five_queued_events_for_one_contact_cause_one_enrichment()
    {
        await using var harness = await SyncHarness.StartAsync();
        var contactId = await harness.CreateCompanyAsync("Aarhus Bau ApS");
        for (var i = 1; i <= 4; i++)
        {
            await harness.EditAsync(contactId, new { fields = new Dictionary<string, string> { ["Department"] = "Abteilung " + i } });
        }
        // Five events (created + four changes) wait on the queue before the worker runs, eight at a time. An event counts
        // as covered by a read only when it was received more than the allowed clock skew before it, so the worker starts
        // once that much has passed since the last one (on a loaded machine it may otherwise start within the skew).
        await harness.DeliveredAsync(contactId, count: 5, changedBy: harness.Sandbox.Options.UiAssociateId);
        var lastReceived = (await harness.JobsForAsync(contactId)).Max(j => j.ReceivedAt);
        var clock = harness.Services.GetRequiredService<TimeProvider>();
        await Eventually.TrueAsync(() => clock.GetUtcNow() > lastReceived + SyncDecisions.ClockSkew, "the clock skew to pass since the last event was received");
        await harness.Pump.RunUntilIdleAsync(concurrency: 8);

        var jobs = (await harness.JobsForAsync(contactId)).Where(j => j.ChangedByAssociateId == harness.Sandbox.Options.UiAssociateId).ToList();
        var story = string.Join("\n", jobs.OrderBy(j => j.EventTimestamp).Select(j => $"{j.Event} {j.EventTimestamp:O} {j.Status} {j.Reason} {j.Message}"));
        Assert.True(1 == await harness.EnrichCallsAsync(contactId), story);
        Assert.Equal(5, jobs.Count);
        Assert.Single(jobs, j => j.Status == JobStatus.Completed);
        Assert.Equal(4, jobs.Count(j => j.Reason == JobReasons.Superseded));
        // Only the first job for the quiet contact reads it before its lease is held; the others read only with the
        // lease, so at most one early read may be wasted (when another job won the lease race).
        Assert.InRange(await harness.CountAsync("GET", $"Contact/{contactId}"), 1, 2);
    }

    [Fact]
    public async Task More_writes_than_the_hourly_limit_are_refused_as_a_suspected_loop()
    {
        await using var harness = await SyncHarness.StartAsync(new() { ["Sync:Overwrite"] = "Overwrite", ["Sync:MaxWritesPerContactPerHour"] = "1" });
        var contactId = await harness.CreateCompanyAsync("Husumer Freizeit GmbH");
        await harness.DeliverAndProcessAsync(contactId);
        await harness.DeliverAndProcessAsync(contactId, changedBy: harness.Sandbox.Options.ApiAssociateId);

        await harness.EditAsync(contactId, new { fields = new Dictionary<string, string> { ["Name"] = "Husumer Bau GmbH" } });
        await harness.DeliverAndProcessAsync(contactId, count: 1, changedBy: harness.Sandbox.Options.UiAssociateId);

        var job = Assert.Single(await harness.JobsForAsync(contactId), j => j.Event == "contact.changed" && j.ChangedByAssociateId == harness.Sandbox.Options.UiAssociateId);
        Assert.Equal(JobStatus.Skipped, job.Status);
        Assert.Equal(JobReasons.LoopSuspected, job.Reason);
        Assert.Equal(1, await harness.CountAsync("PATCH", $"Contact/{contactId}"));
        Assert.Contains(harness.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Text.Contains("suspected loop"));
    }

    [Fact]
    public async Task A_dry_run_records_the_patch_and_writes_nothing()
    {
        await using var harness = await SyncHarness.StartAsync(new() { ["Sync:DryRun"] = "true" });
        var contactId = await harness.CreateCompanyAsync("Odense Software A/S");
        await harness.DeliverAndProcessAsync(contactId);

        Assert.Equal(0, await harness.CountAsync("PATCH", $"Contact/{contactId}"));
        Assert.True(string.IsNullOrEmpty(await harness.UdfAsync(contactId, "SuperOffice:5")));
        var job = Assert.Single(await harness.JobsForAsync(contactId));
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal("DryRun", job.Reason);
        var details = Details(job);
        Assert.True(details.GetProperty("dryRun").GetBoolean());
        Assert.Contains(details.GetProperty("written").EnumerateArray(), w => w.GetProperty("new").GetString() == "Software");
    }
}
