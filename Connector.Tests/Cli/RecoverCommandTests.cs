using Connector.Core.Jobs;
using Connector.Tests.Infrastructure;

namespace Connector.Tests.Cli;

/// <summary><c>recover --since</c>: the watchdog's recovery for a window an operator names, through the same code as <c>backfill</c>.</summary>
public sealed class RecoverCommandTests : IAsyncLifetime
{
    private CliSandbox _cli = null!;

    public async Task InitializeAsync() => _cli = await CliSandbox.StartAsync(o => o.CompanyCount = 40);

    public async Task DisposeAsync() => await _cli.DisposeAsync();

    [Fact]
    public async Task Queues_the_companies_changed_since_the_time_once()
    {
        var since = DateTime.UtcNow.AddSeconds(-1);
        foreach (var id in new[] { 3, 17, 31 })
        {
            await _cli.Sandbox.AdminSendAsync(HttpMethod.Post, $"contacts/{id}/edit", new { fields = new Dictionary<string, string> { ["Department"] = "Einkauf" } });
        }
        var created = (await _cli.Sandbox.AdminSendAsync(HttpMethod.Post, "contacts", new { name = "Neu Angelegt GmbH" })).GetProperty("ContactId").GetInt32();
        var at = since.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var key = since.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var run = await _cli.RunAsync("recover", "--since", at, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(4, run.Json.GetProperty("queued").GetInt32());
        Assert.Equal(new[] { 3, 17, 31, created }.Select(id => $"recover-{id}-{key}"),
            run.Json.GetProperty("jobIds").EnumerateArray().Select(j => j.GetString()));
        var probe = new StorageProbe(_cli.Storage);
        Assert.Equal(JobStatus.Queued, (await probe.JobAsync($"recover-17-{key}"))!.Status);

        var rerun = await _cli.RunAsync("recover", "--since", at);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal($"4 companies updated since {at}: 0 jobs queued, 4 queued before.", rerun.Out.Trim());
        Assert.Equal(4, (await probe.JobRowsAsync()).Count);
    }

    [Fact]
    public async Task Without_since_exit_2()
    {
        var run = await _cli.RunAsync("recover");
        Assert.Equal(2, run.ExitCode);
    }
}
