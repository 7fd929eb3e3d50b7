using Connector.Core.Jobs;

namespace Connector.Tests.Sync;

/// <summary>A sync job does not fail because the tenant moved to another address between two jobs.</summary>
public sealed class SyncTenantMoveTests
{
    [Fact]
    public async Task A_sync_job_completes_across_a_tenant_move()
    {
        await using var harness = await SyncHarness.StartAsync();
        var first = await harness.CreateCompanyAsync("Bremer Abenteuerland");
        await harness.DeliverAndProcessAsync(first);
        var moved = await harness.Sandbox.MoveTenantAsync();

        var second = await harness.CreateCompanyAsync("Nordsee Freizeit GmbH");
        await harness.DeliverAndProcessAsync(second);

        var job = Assert.Single(await harness.JobsForAsync(second), j => j.Event == "contact.created");
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal(1, job.Attempt);
        Assert.Equal("Leisure", await harness.UdfAsync(second, "SuperOffice:5"));
        var requests = await harness.Sandbox.RequestsAsync();
        Assert.Single(requests, r => r.GetProperty("path").GetString() == "/api/state/Cust12345");
        Assert.Single(requests, r => r.GetProperty("status").GetInt32() == 421);
        Assert.Contains(requests, r => r.GetProperty("method").GetString() == "PATCH" && r.GetProperty("path").GetString() == $"/Cust12345/api/v1/Contact/{second}"
            && r.GetProperty("host").GetString() == moved.Authority && r.GetProperty("status").GetInt32() == 200);
        Assert.Empty(harness.Pump.Errors);
    }
}
