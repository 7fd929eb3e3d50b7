using Connector.Core.Jobs;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Cli;

/// <summary><c>sync &lt;contactId&gt;</c>: the worker's cycle in-process against the sandbox and Azurite.</summary>
public sealed class SyncCommandTests : IAsyncLifetime
{
    private CliSandbox _cli = null!;

    public async Task InitializeAsync() => _cli = await CliSandbox.StartAsync();

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    private async Task<int> CreateCompanyAsync(string name) =>
        (await _cli.Sandbox.AdminSendAsync(HttpMethod.Post, "contacts", new { name, url = "https://www.example.com" })).GetProperty("ContactId").GetInt32();

    private async Task<string?> UdfAsync(int id, string progId) =>
        (await _cli.Sandbox.AdminGetAsync($"contacts/{id}")).GetProperty("UserDefinedFields").GetProperty(progId).GetString();

    [Fact]
    public async Task Sync_runs_the_cycle_now_and_prints_the_manual_job()
    {
        var id = await CreateCompanyAsync("Freizeitpark Abenteuer");
        var run = await _cli.RunAsync("sync", id.ToString(), "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var jobId = run.Json.GetProperty("jobId").GetString()!;
        Assert.StartsWith($"manual-{id}-", jobId);
        Assert.Equal("manual", run.Json.GetProperty("event").GetString());
        Assert.Equal("Completed", run.Json.GetProperty("status").GetString());
        Assert.Equal("Leisure", await UdfAsync(id, "SuperOffice:5"));

        var stored = await new StorageProbe(_cli.Storage).JobAsync(jobId);
        Assert.Equal(JobStatus.Completed, stored!.Status);
        Assert.Equal("manual", stored.Event);

        // Nothing changed since: the second run writes nothing.
        var again = await _cli.RunAsync("sync", id.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Matches(@"Status\s+Completed", again.Out);
        Assert.Matches(@"Reason\s+NoChange", again.Out);
    }

    [Fact]
    public async Task Dry_run_writes_nothing_and_leaves_nothing_on_the_queue()
    {
        var id = await CreateCompanyAsync("Holzbau Trocken");
        var run = await _cli.RunAsync("sync", id.ToString(), "--dry-run", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("DryRun", run.Json.GetProperty("reason").GetString());
        Assert.Equal("", await UdfAsync(id, "SuperOffice:5"));
        Assert.Empty(await new StorageProbe(_cli.Storage).DecodedMessagesAsync());
    }

    [Fact]
    public async Task Sync_and_verify_enrichment_resolve_labels_in_the_published_layout_while_an_edit_is_unpublished()
    {
        _cli.Environment["Sync__FieldMap"] = "vertical=Branche (KI);summary=Zusammenfassung (KI)";
        await _cli.Sandbox.AdminSendAsync(HttpMethod.Put, "udeflayout/current", new { progId = "SuperOffice:5", label = "Branche" });
        var id = await CreateCompanyAsync("Warnemünder Freizeit GmbH");

        var run = await _cli.RunAsync("sync", id.ToString(), "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Leisure", await UdfAsync(id, "SuperOffice:5"));
        var verify = await _cli.RunAsync("verify-enrichment", id.ToString());
        Assert.True(verify.ExitCode == 0, verify.ToString());

        // The label only the unpublished layout has is no target: a configuration error, nothing read or written.
        _cli.Environment["Sync__FieldMap"] = "vertical=Branche";
        var refused = await _cli.RunAsync("verify-enrichment", id.ToString());
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("'Branche'", refused.Error);
        Assert.Contains("not in the published contact UDF layout", refused.Error);
    }

    [Fact]
    public async Task An_unknown_contact_is_exit_1_with_the_reason()
    {
        var run = await _cli.RunAsync("sync", "999999");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ContactNotFound", run.Error);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
    }
}
