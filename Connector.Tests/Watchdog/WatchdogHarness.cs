using System.Text.Json;
using Connector.Core.Jobs;
using Connector.Core.Watchdog;
using Connector.Tests.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Tests.Watchdog;

/// <summary>What the watchdog tests add to <see cref="SyncHarness"/>: a pass per fresh occurrence, the webhook as the sandbox holds it, the request log.</summary>
internal static class WatchdogHarness
{
    private static int _minutes;

    public static WebhookWatchdog Watchdog(this SyncHarness harness) => harness.Services.GetRequiredService<WebhookWatchdog>();

    public static WatchdogStateStore State(this SyncHarness harness) => harness.Services.GetRequiredService<WatchdogStateStore>();

    /// <summary>A pass for an occurrence no earlier pass of this test had (each a new job, as the timer's next fire would be).</summary>
    public static Task<WatchdogResult> PassAsync(this SyncHarness harness) =>
        harness.Watchdog().RunAsync(WatchdogRun.Scheduled(DateTimeOffset.UtcNow.AddMinutes(Interlocked.Add(ref _minutes, 10))));

    public static async Task<JsonElement> WebhookAsync(this SyncHarness harness)
    {
        using var api = await harness.Sandbox.ApiClientAsync();
        var list = JsonDocument.Parse(await api.GetStringAsync("Webhook")).RootElement;
        return Assert.Single(list.EnumerateArray()).Clone();
    }

    public static async Task<List<JsonElement>> WebhookWritesAsync(this SyncHarness harness) =>
        [.. (await harness.Sandbox.RequestsAsync()).Where(r => r.GetProperty("path").GetString()!.Contains("/v1/Webhook", StringComparison.Ordinal)
                                                               && r.GetProperty("method").GetString() is "POST" or "PUT" or "DELETE")];

    public static async Task<List<JobRecord>> AllJobsAsync(this SyncHarness harness)
    {
        var jobs = new List<JobRecord>();
        await foreach (var job in harness.Jobs.QueryAsync(new JobFilter().ToODataFilter()))
        {
            jobs.Add(job);
        }
        return jobs;
    }

    public static JsonElement DetailsOf(JobRecord job) => JsonDocument.Parse(job.Details!).RootElement.Clone();

    /// <summary>Waits until the sandbox shows the webhook in <paramref name="state"/>.</summary>
    public static Task WaitForStateAsync(this SyncHarness harness, string state) =>
        Infrastructure.Eventually.TrueAsync(async () => (await harness.WebhookAsync()).GetProperty("State").GetString() == state,
            $"the webhook is {state}");
}
