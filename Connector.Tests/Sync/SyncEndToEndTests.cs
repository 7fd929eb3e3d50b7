using System.Text.Json;
using Connector.Core.Jobs;

namespace Connector.Tests.Sync;

/// <summary>The sync worker on the sandbox and Azurite, through the real function classes.</summary>
public sealed class SyncEndToEndTests
{
    private static JsonElement Details(JobRecord job) => JsonDocument.Parse(job.Details!).RootElement;

    [Fact]
    public async Task A_new_company_is_enriched_with_one_patch_and_the_echo_webhook_is_skipped()
    {
        await using var harness = await SyncHarness.StartAsync();
        var contactId = await harness.CreateCompanyAsync("Bremer Abenteuerland");

        await harness.DeliverAndProcessAsync(contactId);
        // Our PATCH makes the sandbox send contact.changed as the API user; intake must skip it.
        await harness.DeliverAndProcessAsync(contactId, changedBy: harness.Sandbox.Options.ApiAssociateId);

        Assert.Equal("Leisure", await harness.UdfAsync(contactId, "SuperOffice:5"));
        Assert.Contains("Bremer Abenteuerland", await harness.UdfAsync(contactId, "SuperOffice:6"));
        Assert.Equal(1, await harness.CountAsync("PATCH", $"Contact/{contactId}"));
        Assert.Equal(1, await harness.EnrichCallsAsync(contactId));

        var jobs = await harness.JobsForAsync(contactId);
        var created = Assert.Single(jobs, j => j.Event == "contact.created");
        Assert.Equal(JobStatus.Completed, created.Status);
        Assert.Equal(1, created.Attempt);
        var details = Details(created);
        Assert.Equal(2, details.GetProperty("superOfficeCalls").GetInt32());
        Assert.Equal(1, details.GetProperty("companyExplorerCalls").GetInt32());
        Assert.Equal(2, details.GetProperty("written").GetArrayLength());
        Assert.True(details.GetProperty("stepMs").TryGetProperty("patch", out _));
        var echo = Assert.Single(jobs, j => j.Event == "contact.changed");
        Assert.Equal(JobStatus.Skipped, echo.Status);
        Assert.Equal(JobReasons.SelfChange, echo.Reason);
        Assert.Empty(harness.Pump.Errors);
    }

    [Fact]
    public async Task A_change_to_an_enriched_company_costs_one_get_and_no_patch()
    {
        await using var harness = await SyncHarness.StartAsync();
        var contactId = await harness.CreateCompanyAsync("Nordsee Freizeit GmbH");
        await harness.DeliverAndProcessAsync(contactId);
        await harness.DeliverAndProcessAsync(contactId, changedBy: harness.Sandbox.Options.ApiAssociateId);

        await harness.EditAsync(contactId, new { fields = new Dictionary<string, string> { ["Department"] = "Vertrieb" } });
        await harness.DeliverAndProcessAsync(contactId, count: 1, changedBy: harness.Sandbox.Options.UiAssociateId);

        var job = (await harness.JobsForAsync(contactId)).Single(j => j.Event == "contact.changed" && j.ChangedByAssociateId != harness.Sandbox.Options.ApiAssociateId);
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal(JobReasons.NoChange, job.Reason);
        Assert.Equal(1, Details(job).GetProperty("superOfficeCalls").GetInt32());
        Assert.Equal(1, await harness.CountAsync("PATCH", $"Contact/{contactId}"));
    }
}
