using Connector.Core.Jobs;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Cli;

/// <summary><c>webhook ensure [--dry-run]</c>: the watchdog's reconciliation once, against the sandbox, with a local receiver as the target.</summary>
public sealed class WebhookEnsureCommandTests : IAsyncLifetime
{
    private const string Key = "cli-function-key-77";
    private CliSandbox _cli = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _cli = await CliSandbox.StartAsync(o => o.CompanyCount = 3);
        _receiver = await WebhookReceiver.StartAsync();
        _cli.Environment["Webhook__TargetUrl"] = _receiver.Url + "?code=" + Key;
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _cli.DisposeAsync();
    }

    [Fact]
    public async Task Dry_run_says_what_it_would_do_and_the_run_does_it_once()
    {
        var dry = await _cli.RunAsync("webhook", "ensure", "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Equal("Webhook would be registered → " + _receiver.Url + "?code=********.", dry.Out.Trim());
        Assert.Empty(_receiver.Requests); // nothing registered: no test event
        Assert.Empty(await new StorageProbe(_cli.Storage).JobRowsAsync());

        var run = await _cli.RunAsync("webhook", "ensure", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Create", run.Json.GetProperty("action").GetString());
        Assert.Equal("Active", run.Json.GetProperty("stateNow").GetString());
        Assert.DoesNotContain(Key, run.Out + run.Error);
        Assert.DoesNotContain(CliSandbox.WebhookSecret, run.Out + run.Error);
        var job = await new StorageProbe(_cli.Storage).JobAsync(run.Json.GetProperty("jobId").GetString()!);
        Assert.Equal(JobKinds.Watchdog, job!.Kind);
        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.DoesNotContain(Key, job.Details!);

        var again = await _cli.RunAsync("webhook", "ensure");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.StartsWith($"Webhook {run.Json.GetProperty("webhookId").GetInt32()} is Active and as configured; nothing to do.", again.Out.Trim());
    }

    [Fact]
    public async Task Refused_rights_exit_1_with_one_line_that_says_so()
    {
        await _cli.Sandbox.SetWebhookFaultsAsync(new { apiForbidden = true });

        var run = await _cli.RunAsync("webhook", "ensure");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("403", run.Error);
        Assert.Contains("right", run.Error);
    }
}
